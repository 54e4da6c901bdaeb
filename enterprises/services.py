"""Every write of the enterprises app: enterprises and representatives (reference data: ``reference_data``)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import IO

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from core import clock
from core.audit import audit_record
from core.importing import ImportReport
from core.mail import notify_by_email

from .models import (
    Enterprise,
    Representative,
    RepresentativeStatus,
)
from .permissions import ROLES, can_edit_enterprise, can_manage_enterprises, check_person_or_system

# Reference data (units, sectors) lives in ``reference_data``; its writes are re-exported here.
from .reference_data import reference_data_load, sectors_import, unit_mappings_import, units_import  # noqa: F401
from .selectors import staff_emails
from .sizes import size_class_for
from .validators import normalise_tax_code

ENTERPRISE_FIELDS = (
    "tax_code",
    "name",
    "short_name",
    "legal_form",
    "founded_on",
    "address",
    "unit",
    "sector",
    "employees",
    "revenue",
    "capital",
    "figures_year",
    "contact_name",
    "phone",
    "email",
    "website",
    "is_model",
    "model_note",
    "model_since",
    "status",
)


# --- Enterprises ----------------------------------------------------------------------------------
def _check_tax_code_free(tax_code: str, *, exclude_pk=None) -> None:
    existing = Enterprise.objects.filter(tax_code=tax_code).exclude(pk=exclude_pk).first()
    if existing is not None:
        raise ValidationError(
            {
                "tax_code": _("Tax code %(tax_code)s is already registered to %(name)s (record no. %(pk)s).")
                % {"tax_code": tax_code, "name": existing.name, "pk": existing.pk}
            }
        )


def enterprise_derive(enterprise: Enterprise) -> Enterprise:
    """Normalise the tax code and derive the size class from the stored inputs (no save)."""
    try:
        enterprise.tax_code = normalise_tax_code(enterprise.tax_code)
    except ValidationError as error:
        raise ValidationError({"tax_code": error.messages}) from None
    group = enterprise.sector.size_group if enterprise.sector is not None else None
    enterprise.size_class = size_class_for(group, enterprise.employees, enterprise.revenue, enterprise.capital)
    return enterprise


def _save_enterprise(enterprise: Enterprise, *, actor: User | None) -> Enterprise:
    enterprise_derive(enterprise)
    _check_tax_code_free(enterprise.tax_code, exclude_pk=enterprise.pk)
    enterprise.full_clean(validate_unique=False)
    setattr(enterprise, "_history_user", actor if getattr(actor, "pk", None) else None)  # noqa: B010 (simple_history)
    try:
        with transaction.atomic():
            enterprise.save()
    except IntegrityError:  # a concurrent registration of the same code won the race
        _check_tax_code_free(enterprise.tax_code, exclude_pk=enterprise.pk)
        raise
    return enterprise


@transaction.atomic
def enterprise_create(*, data: dict, actor: User | None) -> Enterprise:
    """Create an enterprise (tax code normalised and unique, size class derived); audited. By
    staff, an enterprise user registering its own, or the system (``None``: seeding)."""
    check_person_or_system(actor, "enterprise_create")
    enterprise = Enterprise(**{k: v for k, v in data.items() if k in ENTERPRISE_FIELDS})
    _save_enterprise(enterprise, actor=actor)
    audit_record(actor=actor, action="enterprise.created", obj=enterprise, tax_code=enterprise.tax_code)
    return enterprise


@transaction.atomic
def enterprise_update(*, enterprise: Enterprise, data: dict, actor: User) -> Enterprise:
    """Change an enterprise (staff, or one of its verified representatives); the size class is
    recomputed; changes are kept in its history. A tax code changed by a representative sends
    every verified representative back to verification."""
    ROLES.check(actor, "enterprise_edit")
    if not can_edit_enterprise(actor, enterprise):
        raise PermissionDenied(_("Only staff or a verified representative may change this enterprise."))
    before = {k: getattr(enterprise, k) for k in ("tax_code", "status", "is_model")}
    for key, value in data.items():
        if key in ENTERPRISE_FIELDS:
            setattr(enterprise, key, value)
    _save_enterprise(enterprise, actor=actor)
    after = {k: getattr(enterprise, k) for k in before}
    if before != after:
        audit_record(
            actor=actor,
            action="enterprise.key_fields_changed",
            obj=enterprise,
            before={k: str(v) for k, v in before.items()},
            after={k: str(v) for k, v in after.items()},
        )
    if before["tax_code"] != after["tax_code"] and not can_manage_enterprises(actor):
        _representatives_reverify(enterprise=enterprise, actor=actor, old_tax_code=before["tax_code"])
    return enterprise


def _representatives_reverify(*, enterprise: Enterprise, actor: User, old_tax_code: str) -> int:
    """The enterprise's identity changed (tax code): its verified representatives wait for staff
    to verify them again; audited, staff told. Returns how many were sent back."""
    reason = _("The tax code was changed from %(old)s to %(new)s by a representative.") % {
        "old": old_tax_code,
        "new": enterprise.tax_code,
    }
    representatives = list(
        Representative.objects.select_for_update().filter(enterprise=enterprise, status=RepresentativeStatus.VERIFIED)
    )
    for representative in representatives:
        representative.decided_by, representative.decided_at, representative.reason = None, None, reason
        representative.transition_to(
            RepresentativeStatus.PENDING,
            actor=actor,
            reason=reason,
            save_fields=("decided_by", "decided_at", "reason"),
        )
    audit_record(
        actor=actor,
        action="enterprise.tax_code_changed",
        obj=enterprise,
        reason=reason,
        before=old_tax_code,
        after=enterprise.tax_code,
        sent_back=len(representatives),
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Verify the representatives of %(name)s again: its tax code changed") % {"name": enterprise.name}
    notify_by_email(
        to=staff_emails(enterprise=enterprise),
        subject=subject,
        template="enterprises/email/tax_code_changed.txt",
        context={"enterprise": enterprise.name, "old": old_tax_code, "new": enterprise.tax_code},
    )
    return len(representatives)


def enterprises_import(
    *,
    source: IO[bytes],
    actor: User,
    units_on: datetime.date | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Commit an enterprise spreadsheet (staff): valid rows in one transaction, refused rows
    reported; one audit event with the counts. Returns the ImportReport."""
    ROLES.check(actor, "enterprise_import")
    from .imports import EnterpriseImporter

    with transaction.atomic():
        importer = EnterpriseImporter(units_on=units_on)
        importer.progress = progress
        report = importer.commit(source, actor=actor)
        if report.committed and report.changes:
            audit_record(
                actor=actor,
                action="enterprise.imported",
                created=report.counts["create"],
                updated=report.counts["update"],
                refused=report.counts["error"],
            )
    return report


# --- Representatives --------------------------------------------------------------------------
@transaction.atomic
def representative_register(*, user: User, data: dict, position: str = "") -> Representative:
    """A signed-up user registers a new enterprise and asks to represent it (pending)."""
    ROLES.check(user, "enterprise_mine")
    enterprise = enterprise_create(data=data, actor=user)
    representative = Representative.objects.create(user=user, enterprise=enterprise, position=position)
    audit_record(actor=user, action="representative.requested", obj=representative, enterprise=enterprise.pk)
    return representative


@transaction.atomic
def representative_request_join(*, user: User, tax_code: str, position: str = "") -> Representative:
    """Ask to represent an enterprise already registered under ``tax_code`` (pending)."""
    ROLES.check(user, "enterprise_mine")
    try:
        code = normalise_tax_code(tax_code)
    except ValidationError as error:
        raise ValidationError({"tax_code": error.messages}) from None
    enterprise = Enterprise.objects.filter(tax_code=code).first()
    if enterprise is None:
        raise ValidationError(
            {
                "tax_code": _("No enterprise is registered under tax code %(tax_code)s: register it instead.")
                % {"tax_code": code}
            }
        )
    representative = Representative.objects.select_for_update().filter(user=user, enterprise=enterprise).first()
    if representative is None:
        representative = Representative.objects.create(user=user, enterprise=enterprise, position=position)
    elif representative.status == RepresentativeStatus.REJECTED:
        representative.position = position or representative.position
        representative.decided_by, representative.decided_at, representative.reason = None, None, ""
        representative.transition_to(
            RepresentativeStatus.PENDING,
            actor=user,
            action="representative.requested",
            save_fields=("position", "decided_by", "decided_at", "reason"),
            enterprise=enterprise.pk,
        )
        return representative
    else:
        raise ValidationError(
            {"tax_code": _("You have already asked to represent %(name)s.") % {"name": enterprise.name}}
        )
    audit_record(actor=user, action="representative.requested", obj=representative, enterprise=enterprise.pk)
    return representative


def _decide(representative: Representative, status: str, *, actor: User, reason: str) -> Representative:
    ROLES.check(actor, "representative_decide")
    representative = (
        Representative.objects.select_for_update(of=("self",))
        .select_related("enterprise", "user")
        .get(pk=representative.pk)
    )
    representative.check_transition_to(status)
    before = representative.status
    representative.decided_by = actor
    representative.decided_at = clock.now()
    representative.reason = reason
    representative.full_clean()
    representative.transition_to(
        status,
        actor=actor,
        reason=reason,
        save_fields=("decided_by", "decided_at", "reason"),
        before=before,
        enterprise=representative.enterprise_id,
    )
    enterprise = representative.enterprise
    verified = status == RepresentativeStatus.VERIFIED
    with translation.override(settings.LANGUAGE_CODE):
        if verified:
            subject = _("You are a verified representative of %(name)s") % {"name": enterprise.name}
        else:
            subject = _("Your request to represent %(name)s was not accepted") % {"name": enterprise.name}
    notify_by_email(
        to=[representative.user.email],
        subject=subject,
        template="enterprises/email/representative_decided.txt",
        context={
            "verified": verified,
            "enterprise": enterprise.name,
            "tax_code": enterprise.tax_code,
            "reason": reason,
            "path": f"/enterprises/{enterprise.pk}/",
        },
    )
    return representative


@transaction.atomic
def representative_verify(*, representative: Representative, actor: User) -> Representative:
    """Staff confirm that the user acts for the enterprise; audited."""
    return _decide(representative, RepresentativeStatus.VERIFIED, actor=actor, reason="")


@transaction.atomic
def representative_reject(*, representative: Representative, actor: User, reason: str) -> Representative:
    """Staff refuse (or revoke) a representative, with a reason; audited."""
    ROLES.check(actor, "representative_decide")
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the rejection.")})
    return _decide(representative, RepresentativeStatus.REJECTED, actor=actor, reason=reason.strip())
