"""Saving outcome figures (the enterprise's, or staff's from documents)."""

from django.db import transaction

from accounts.models import User
from core import clock
from core.audit import audit_record

from ..models import FigureSource, OutcomeReport, OutcomeStage, SupportApplication
from ..permissions import ROLES, can_report_outcome, is_reviewer_role
from ..services.common import ensure, lock
from . import rules
from .selectors import enterprise_history

FIGURE_FIELDS = (
    "year",
    "revenue",
    "value_added",
    "material_costs",
    "employees",
    "energy_kwh",
    "defect_rate",
    "certificate_standard",
    "certificate_number",
    "certificate_date",
    "source_document",
)


@transaction.atomic
def outcome_report_save(
    *, application: SupportApplication, stage: str, actor: User, confirm_unusual: bool = False, **figures
) -> OutcomeReport:
    """Create or correct the figures of one stage; refuse invalid figures (by field) and, unless
    confirmed, figures far outside the enterprise's own history. Audited; nothing saved on refusal."""
    ROLES.check(actor, "outcome")
    application = lock(application)
    if stage not in OutcomeStage.values:
        raise ValueError(f"Unknown outcome stage: {stage}")
    ensure(can_report_outcome(actor, application, stage))
    unknown = set(figures) - set(FIGURE_FIELDS)
    if unknown:
        raise ValueError(f"Not outcome fields: {sorted(unknown)}")
    existing = OutcomeReport.objects.filter(application=application, stage=stage).first()
    created = existing is None
    report = OutcomeReport(application=application, stage=stage) if existing is None else existing
    for name, value in figures.items():
        setattr(report, name, "" if value is None and name in ("certificate_number", "source_document") else value)
    staff = is_reviewer_role(actor)
    report.source = FigureSource.DOCUMENTS if staff else FigureSource.ENTERPRISE
    if not staff:
        report.source_document = ""
    report.entered_by = actor
    report.reported_on = clock.today()
    report.full_clean()
    unusual = rules.unusual_figures(report, enterprise_history(enterprise=application.enterprise, exclude_pk=report.pk))
    if unusual and not confirm_unusual:
        raise rules.UnusualFigures(unusual)
    report.unusual_confirmed = bool(unusual)
    report.save()
    audit_record(
        actor=actor,
        action="application.outcome_saved",
        obj=application,
        stage=stage,
        created=created,
        source=report.source,
        unusual_confirmed=report.unusual_confirmed,
    )
    return report
