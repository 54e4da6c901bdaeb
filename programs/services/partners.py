"""Partner reporting: partners prepare and submit a period's activities and figures; staff approve
(which locks the period) or return it; unlocking needs a reason and is audited."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core import clock
from core.audit import audit_record
from core.uploads import random_name, validate_upload

from ..agencies import agencies_in_charge_of, ensure_in_scope
from ..models import (
    Indicator,
    IndicatorSource,
    PartnerActivity,
    PartnerFigure,
    PartnerReport,
    PartnerReportStatus,
)
from ..permissions import ROLES, is_partner_member
from .common import ensure


class PeriodLocked(PermissionDenied):
    """The report's period is approved and locked."""


def _ensure_editable(report: PartnerReport, actor: User) -> None:
    ROLES.check(actor, "partner_report_edit")
    ensure(is_partner_member(actor, report.organisation))
    if report.is_locked:
        raise PeriodLocked(_("This period is approved and locked; ask the department to unlock it."))
    if not report.is_editable:
        raise ValidationError(_("The report has been submitted and can no longer be changed."))


def _locked_report(report: PartnerReport) -> PartnerReport:
    return PartnerReport.objects.select_for_update(of=("self",)).select_related("plan").get(pk=report.pk)


@transaction.atomic
def partner_report_save(*, report: PartnerReport, actor: User) -> PartnerReport:
    """Create or update a draft/returned report of the actor's organisation; one report per organisation,
    plan and overlapping period; audited."""
    ROLES.check(actor, "partner_report_edit")
    if report.pk is not None:
        _ensure_editable(_locked_report(report), actor)
    else:
        ensure(is_partner_member(actor, report.organisation))
        report.created_by = actor
    report.full_clean()
    if report.plan.agency_id not in agencies_in_charge_of(report.organisation.agency_id):
        raise ValidationError({"plan": _("Choose a plan of the agency your organisation reports to.")})
    report.fill_period()
    overlapping = PartnerReport.objects.filter(
        organisation=report.organisation, plan=report.plan, year=report.year
    ).exclude(pk=report.pk)
    for other in overlapping:
        if _overlaps(report, other):
            raise ValidationError(_("Your organisation already has a report for this period."))
    created = report.pk is None
    report.save()
    audit_record(actor=actor, action=f"programs.partner_report.{'create' if created else 'update'}", obj=report)
    return report


def _overlaps(a: PartnerReport, b: PartnerReport) -> bool:
    def span(r):
        days = r.data_year
        return (r.period_start or days.start, r.period_end or days.end)

    (a0, a1), (b0, b1) = span(a), span(b)
    return a0 <= b1 and b0 <= a1


@transaction.atomic
def partner_figure_save(
    *,
    report: PartnerReport,
    indicator: Indicator,
    value: Decimal | int,
    evidence_note: str = "",
    upload: UploadedFile | None = None,
    actor: User,
) -> PartnerFigure:
    """Set the report's figure for a partner-reported indicator of its plan, with evidence; audited."""
    ROLES.check(actor, "partner_report_edit")
    report = _locked_report(report)
    _ensure_editable(report, actor)
    if indicator.objective.plan_id != report.plan_id or indicator.source != IndicatorSource.PARTNER:
        raise ValidationError({"indicator": _("Choose a partner-reported indicator of this plan.")})
    if not indicator.reported_by.filter(pk=report.organisation_id).exists():
        raise ValidationError(
            {"indicator": _("Your organisation does not report this indicator: ask the department to assign it.")}
        )
    figure = PartnerFigure.objects.filter(report=report, indicator=indicator).first() or PartnerFigure(
        report=report, indicator=indicator
    )
    figure.value, figure.evidence_note = value, evidence_note
    if upload is not None:
        content_type = validate_upload(upload)
        figure.evidence_name = (upload.name or "")[:255]
        figure.evidence_file.save(random_name(content_type), upload, save=False)
    figure.full_clean()
    figure.save()
    audit_record(
        actor=actor, action="programs.partner_figure.save", obj=report, indicator=indicator.code, value=str(value)
    )
    return figure


@transaction.atomic
def partner_activity_save(*, activity: PartnerActivity, actor: User) -> PartnerActivity:
    """Add or change an activity of an editable report; audited."""
    ROLES.check(actor, "partner_report_edit")
    _ensure_editable(_locked_report(activity.report), actor)
    activity.full_clean()
    activity.save()
    audit_record(actor=actor, action="programs.partner_activity.save", obj=activity.report, title=activity.title)
    return activity


@transaction.atomic
def partner_report_submit(*, report: PartnerReport, actor: User) -> PartnerReport:
    """Send a draft/returned report to the department; audited."""
    ROLES.check(actor, "partner_report_edit")
    report = _locked_report(report)
    ensure(is_partner_member(actor, report.organisation))
    if report.is_locked:
        raise PeriodLocked(_("This period is approved and locked; ask the department to unlock it."))
    report.check_transition_to(PartnerReportStatus.SUBMITTED)
    report.submitted_at = clock.now()
    report.transition_to(
        PartnerReportStatus.SUBMITTED,
        actor=actor,
        action="programs.partner_report.submit",
        save_fields=("submitted_at",),
    )
    return report


@transaction.atomic
def partner_report_approve(*, report: PartnerReport, actor: User) -> PartnerReport:
    """Approve a submitted report (staff): its figures count from now on and the period is locked; audited."""
    ROLES.check(actor, "partner_report_review")
    report = _locked_report(report)
    ensure_in_scope(actor, report.plan.agency_id)
    report.check_transition_to(PartnerReportStatus.APPROVED)
    report.decided_at, report.decided_by, report.return_reason = clock.now(), actor, ""
    report.transition_to(
        PartnerReportStatus.APPROVED,
        actor=actor,
        action="programs.partner_report.approve",
        save_fields=("decided_at", "decided_by", "return_reason"),
    )
    return report


def _send_back(report, *, expected: str, reason: str, actor: User, action: str, wrong_status: str) -> PartnerReport:
    ROLES.check(actor, "partner_report_review")
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    report = _locked_report(report)
    ensure_in_scope(actor, report.plan.agency_id)
    if report.status != expected:
        raise ValidationError(wrong_status)
    report.check_transition_to(PartnerReportStatus.RETURNED)
    report.decided_at, report.decided_by, report.return_reason = clock.now(), actor, reason
    report.transition_to(
        PartnerReportStatus.RETURNED,
        actor=actor,
        action=action,
        reason=reason,
        save_fields=("decided_at", "decided_by", "return_reason"),
    )
    return report


@transaction.atomic
def partner_report_return(*, report: PartnerReport, reason: str, actor: User) -> PartnerReport:
    """Return a submitted report to the partner with a reason (staff); audited."""
    ROLES.check(actor, "partner_report_review")
    return _send_back(
        report,
        expected=PartnerReportStatus.SUBMITTED,
        reason=reason,
        actor=actor,
        action="programs.partner_report.return",
        wrong_status=_("Only a submitted report can be returned."),
    )


@transaction.atomic
def partner_report_unlock(*, report: PartnerReport, reason: str, actor: User) -> PartnerReport:
    """Unlock an approved (locked) period so the partner can correct it (staff, reason required); audited."""
    ROLES.check(actor, "partner_report_review")
    return _send_back(
        report,
        expected=PartnerReportStatus.APPROVED,
        reason=reason,
        actor=actor,
        action="programs.partner_report.unlock",
        wrong_status=_("Only an approved period can be unlocked."),
    )
