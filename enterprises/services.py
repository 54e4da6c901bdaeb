"""Every write of the enterprises app: reference data, enterprises, representatives."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from core import clock
from core.audit import audit_record
from core.mail import notify_by_email

from .models import (
    AdministrativeUnit,
    Enterprise,
    Representative,
    RepresentativeStatus,
    Sector,
    SectorGroup,
    UnitLevel,
    UnitMapping,
)
from .permissions import can_manage_enterprises
from .selectors import staff_emails
from .sizes import size_class_for
from .validators import normalise_tax_code

DATA_DIR = Path(__file__).resolve().parent / "fixtures" / "data"
DANANG_FROM = datetime.date(2025, 7, 1)
RESOLUTION_202 = "Nghị quyết 202/2025/QH15; Nghị quyết 1659/NQ-UBTVQH15"
# Sections A-F count as "agriculture, forestry, fishery; industry and construction" for the
# Decree 80/2021 thresholds; G-U as trade and services.
INDUSTRY_SECTIONS = frozenset("ABCDEF")
LEVEL_ORDER = {UnitLevel.PROVINCE: 0, UnitLevel.DISTRICT: 1, UnitLevel.COMMUNE: 2}
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


# --- Reference data: administrative units and sectors ----------------------------------------------
def _csv_rows(source) -> list[dict]:
    if isinstance(source, str | Path):
        with open(source, encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    text = source.read()
    if isinstance(text, bytes):
        text = text.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _date(text: str | None) -> datetime.date | None:
    text = (text or "").strip()
    return datetime.date.fromisoformat(text) if text else None


def _covers(unit: AdministrativeUnit, day: datetime.date | None) -> bool:
    """Whether ``unit`` is in force on ``day`` (None: the earliest known time)."""
    if day is None:
        return unit.valid_from is None
    return (unit.valid_from is None or unit.valid_from <= day) and (unit.valid_to is None or day <= unit.valid_to)


@transaction.atomic
def units_import(
    *, source, valid_from: datetime.date | None = None, basis_from: str = "", actor=None
) -> dict[str, int]:
    """Load an official unit list (CSV ``code,name,level,parent_code,kind`` and optionally
    ``valid_from,valid_to,basis_from,basis_to``); one row per unit version, matched on (code,
    valid_from). ``valid_from``/``basis_from`` apply to rows without their own. An open earlier
    version of a code is closed the day before a new version starts, and a mapping old → new
    version is recorded. Idempotent: a second run changes nothing. Returns counts."""
    rows = _csv_rows(source)
    counts = {"created": 0, "updated": 0, "unchanged": 0, "mappings": 0}
    versions: dict[str, list[AdministrativeUnit]] = {}
    for unit in AdministrativeUnit.objects.all():
        versions.setdefault(unit.code, []).append(unit)

    def parsed(row):
        return _date(row.get("valid_from")) or valid_from

    rows.sort(key=lambda r: (LEVEL_ORDER.get(r["level"].strip(), 9), parsed(r) or datetime.date.min))
    touched: list[AdministrativeUnit] = []
    for row in rows:
        code = row["code"].strip()
        start = parsed(row)
        parent = None
        parent_code = (row.get("parent_code") or "").strip()
        if parent_code:
            covering = [p for p in versions.get(parent_code, []) if _covers(p, start)]
            parent = max(covering, key=lambda p: p.valid_from or datetime.date.min) if covering else None
            if parent is None:
                raise ValidationError(
                    _("Unit %(code)s: its parent %(parent)s is not in force on %(date)s.")
                    % {"code": code, "parent": parent_code, "date": start or "-"}
                )
        values = {
            "name": row["name"].strip(),
            "level": row["level"].strip(),
            "kind": row["kind"].strip(),
            "parent": parent,
            "valid_to": _date(row.get("valid_to")),
            "basis_from": (row.get("basis_from") or "").strip() or (basis_from if start else ""),
            "basis_to": (row.get("basis_to") or "").strip(),
        }
        unit = next((u for u in versions.get(code, []) if u.valid_from == start), None)
        if unit is None and start is not None:
            # A later list repeats units that did not change: keep their open version.
            same = [
                u
                for u in versions.get(code, [])
                if u.valid_to is None
                and (u.valid_from or datetime.date.min) < start
                and (u.name, u.level, u.kind) == (values["name"], values["level"], values["kind"])
                and (u.parent.code if u.parent else "") == parent_code
            ]
            if same:
                counts["unchanged"] += 1
                continue
        if unit is None:
            unit = AdministrativeUnit(code=code, valid_from=start, **values)
            unit.full_clean(validate_unique=False)
            unit.save()
            versions.setdefault(code, []).append(unit)
            counts["created"] += 1
        elif any(getattr(unit, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(unit, k, v)
            unit.full_clean(validate_unique=False)
            unit.save()
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
        touched.append(unit)

    # Successive versions of one code: close the older one, map it to the newer one.
    for unit in touched:
        if unit.valid_from is None:
            continue
        for older in versions[unit.code]:
            if older.pk == unit.pk or (older.valid_from is not None and older.valid_from >= unit.valid_from):
                continue
            day_before = unit.valid_from - datetime.timedelta(days=1)
            if older.valid_to is None:
                older.valid_to = day_before
                older.basis_to = older.basis_to or unit.basis_from
                older.save(update_fields=["valid_to", "basis_to"])
                counts["updated"] += 1
            if older.valid_to == day_before:
                counts["mappings"] += _map(older, unit, unit.valid_from, "", override=False)
    if actor is not None and (counts["created"] or counts["updated"]):
        audit_record(actor=actor, action="units.imported", **counts)
    return counts


def _map(old, new, effective_on: datetime.date, note: str, *, override: bool = True) -> int:
    """Create (or, with ``override``, correct) one mapping; 1 when something changed."""
    mapping = UnitMapping.objects.filter(old_unit=old, effective_on=effective_on).first()
    if mapping is None:
        UnitMapping.objects.create(old_unit=old, new_unit=new, effective_on=effective_on, note=str(note)[:255])
        return 1
    if override and mapping.new_unit_id != new.pk:
        mapping.new_unit = new
        mapping.note = str(note)[:255]
        mapping.save(update_fields=["new_unit", "note"])
        return 1
    return 0


@transaction.atomic
def unit_mappings_import(*, source, effective_on: datetime.date, actor=None) -> int:
    """Load old → new mappings (CSV ``old_code,new_code[,note|source]``): the old unit is the
    version in force the day before ``effective_on``, the new one the version in force on it.
    Idempotent; returns the number of mappings created or changed."""
    day_before = effective_on - datetime.timedelta(days=1)
    changed = 0
    for row in _csv_rows(source):
        old = _unit_on(row["old_code"].strip(), day_before)
        new = _unit_on(row["new_code"].strip(), effective_on)
        if old is None or new is None:
            raise ValidationError(
                _("Mapping %(old)s → %(new)s: a unit is not in force on the expected date.")
                % {"old": row["old_code"], "new": row["new_code"]}
            )
        changed += _map(old, new, effective_on, row.get("note") or row.get("source") or "")
    if actor is not None and changed:
        audit_record(actor=actor, action="units.mappings_imported", changed=changed)
    return changed


def _unit_on(code: str, day: datetime.date) -> AdministrativeUnit | None:
    return next((u for u in AdministrativeUnit.objects.filter(code=code) if _covers(u, day)), None)


@transaction.atomic
def sectors_import(*, source, classification: str = "VSIC2018") -> dict[str, int]:
    """Load VSIC sections and divisions (CSV ``level,code,parent,name_vi,name_en``); sections
    A-F are in the industry size group, the others in services. Idempotent."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    known = {s.code: s for s in Sector.objects.filter(classification=classification)}
    for row in sorted(_csv_rows(source), key=lambda r: int(r["level"])):
        code = row["code"].strip()
        parent = known.get((row.get("parent") or "").strip()) if row.get("parent") else None
        section = code if parent is None else parent.code
        values = {
            "level": int(row["level"]),
            "parent": parent,
            "name": row["name_vi"].strip(),
            "name_en": (row.get("name_en") or "").strip(),
            "size_group": SectorGroup.INDUSTRY if section in INDUSTRY_SECTIONS else SectorGroup.SERVICES,
        }
        sector = known.get(code)
        if sector is None:
            known[code] = Sector.objects.create(classification=classification, code=code, **values)
            counts["created"] += 1
        elif any(getattr(sector, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(sector, k, v)
            sector.save()
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    return counts


def reference_data_load(*, actor=None) -> dict[str, dict | int]:
    """The fixtures shipped with the project: VSIC 2018, the dated Quảng Nam tree 2021-2025,
    Đà Nẵng from 1 Jul 2025, and the mappings of 1 Jan 2025 and 1 Jul 2025. Idempotent."""
    return {
        "sectors": sectors_import(source=DATA_DIR / "vsic2018.csv"),
        "quangnam": units_import(source=DATA_DIR / "units_quangnam_dated_2021_2025.csv", actor=actor),
        "danang": units_import(
            source=DATA_DIR / "units_2025_danang.csv", valid_from=DANANG_FROM, basis_from=RESOLUTION_202, actor=actor
        ),
        "mapping_2025_01": unit_mappings_import(
            source=DATA_DIR / "units_mapping_2025_01.csv", effective_on=datetime.date(2025, 1, 1), actor=actor
        ),
        "mapping_2025_07": unit_mappings_import(
            source=DATA_DIR / "units_mapping_2025.csv", effective_on=DANANG_FROM, actor=actor
        ),
    }


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
    group = enterprise.sector.size_group if enterprise.sector_id else None
    enterprise.size_class = size_class_for(group, enterprise.employees, enterprise.revenue, enterprise.capital)
    return enterprise


def _save_enterprise(enterprise: Enterprise, *, actor) -> Enterprise:
    enterprise_derive(enterprise)
    _check_tax_code_free(enterprise.tax_code, exclude_pk=enterprise.pk)
    enterprise.full_clean(validate_unique=False)
    enterprise._history_user = actor if getattr(actor, "pk", None) else None
    try:
        with transaction.atomic():
            enterprise.save()
    except IntegrityError:  # a concurrent registration of the same code won the race
        _check_tax_code_free(enterprise.tax_code, exclude_pk=enterprise.pk)
        raise
    return enterprise


@transaction.atomic
def enterprise_create(*, data: dict, actor) -> Enterprise:
    """Create an enterprise (tax code normalised and unique, size class derived); audited."""
    enterprise = Enterprise(**{k: v for k, v in data.items() if k in ENTERPRISE_FIELDS})
    _save_enterprise(enterprise, actor=actor)
    audit_record(actor=actor, action="enterprise.created", obj=enterprise, tax_code=enterprise.tax_code)
    return enterprise


@transaction.atomic
def enterprise_update(*, enterprise: Enterprise, data: dict, actor) -> Enterprise:
    """Change an enterprise; the size class is recomputed; changes are kept in its history. A tax
    code changed by a representative sends every verified representative back to verification."""
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
        representatives_reverify(enterprise=enterprise, actor=actor, old_tax_code=before["tax_code"])
    return enterprise


def representatives_reverify(*, enterprise: Enterprise, actor, old_tax_code: str) -> int:
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


def enterprises_import(*, source, actor, units_on: datetime.date | None = None, progress=None):
    """Commit an enterprise spreadsheet: valid rows in one transaction, refused rows reported;
    one audit event with the counts. Returns the ImportReport."""
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
def representative_register(*, user, data: dict, position: str = "") -> Representative:
    """A signed-up user registers a new enterprise and asks to represent it (pending)."""
    enterprise = enterprise_create(data=data, actor=user)
    representative = Representative.objects.create(user=user, enterprise=enterprise, position=position)
    audit_record(actor=user, action="representative.requested", obj=representative, enterprise=enterprise.pk)
    return representative


@transaction.atomic
def representative_request_join(*, user, tax_code: str, position: str = "") -> Representative:
    """Ask to represent an enterprise already registered under ``tax_code`` (pending)."""
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


def _decide(representative: Representative, status: str, *, actor, reason: str) -> Representative:
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
def representative_verify(*, representative: Representative, actor) -> Representative:
    """Staff confirm that the user acts for the enterprise; audited."""
    return _decide(representative, RepresentativeStatus.VERIFIED, actor=actor, reason="")


@transaction.atomic
def representative_reject(*, representative: Representative, actor, reason: str) -> Representative:
    """Staff refuse (or revoke) a representative, with a reason; audited."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the rejection.")})
    return _decide(representative, RepresentativeStatus.REJECTED, actor=actor, reason=reason.strip())
