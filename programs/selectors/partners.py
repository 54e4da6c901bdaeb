"""Reads for partner reporting, scoped: partners see their organisations' reports, internal users
their agencies'."""

from django.db.models import Count, QuerySet

from ..agencies import scoped
from ..models import PartnerReport
from ..permissions import ROLES


def partner_reports_visible_to(*, user) -> QuerySet[PartnerReport]:
    """Reports the user may see (staff/admin/leader: their agencies'; partner: their organisations'; others: none)."""
    qs = (
        PartnerReport.objects.select_related("organisation", "plan")
        .order_by("-year", "organisation__name", "pk")
        .annotate(n_figures=Count("figures", distinct=True), n_activities=Count("activities", distinct=True))
    )
    if ROLES.allows(user, "partner_report_oversee"):
        return scoped(qs, user, "plan__agency")
    if ROLES.allows(user, "partner_report_edit"):
        return qs.filter(organisation__users=user)
    return qs.none()


def partner_report_detail(*, user, pk: int) -> PartnerReport:
    """One visible report with its figures and activities (404 when not visible)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        partner_reports_visible_to(user=user).prefetch_related("figures__indicator", "activities"), pk=pk
    )


def reportable_indicators(report: PartnerReport):
    """The partner-reported indicators of the report's plan that its organisation reports."""
    from ..models import Indicator, IndicatorSource

    return Indicator.objects.filter(
        objective__plan_id=report.plan_id, source=IndicatorSource.PARTNER, reported_by=report.organisation_id
    ).order_by("objective__order", "order", "code")


def no_indicator_reason(report: PartnerReport) -> str:
    """Why the report's organisation has no indicator to report (empty when it has some)."""
    from django.utils.translation import gettext as _

    from ..models import Indicator, IndicatorSource

    if reportable_indicators(report).exists():
        return ""
    partner_indicators = Indicator.objects.filter(objective__plan_id=report.plan_id, source=IndicatorSource.PARTNER)
    if not partner_indicators.exists():
        return _(
            "The plan has no indicator reported by partners: all its indicators are counted from the portal's "
            "records. You can still report your activities below."
        )
    return _(
        "None of the plan's partner-reported indicators is assigned to %(organisation)s yet: ask the "
        "department to assign the indicators your organisation reports. You can still report your activities below."
    ) % {"organisation": report.organisation.name}
