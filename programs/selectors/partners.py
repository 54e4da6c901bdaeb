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
