"""The measures that programs itself provides: approved partner figures and model enterprises."""

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from .area import plan_area_q
from .measures import Measure, register_measure
from .models import PartnerFigure, PartnerReportStatus


def partner_figures_yearly(*, indicator, year_from: int, year_to: int) -> dict[int, int]:
    """Sum of approved partner figures for ``indicator`` per report year (one query)."""
    rows = (
        PartnerFigure.objects.filter(
            indicator=indicator,
            report__status=PartnerReportStatus.APPROVED,
            report__year__gte=year_from,
            report__year__lte=year_to,
        )
        .values("report__year")
        .annotate(total=Sum("value"))
        .order_by()
    )
    return {r["report__year"]: r["total"] for r in rows}


def model_enterprises_qs(plan, year_from: int, year_to: int):
    """Model enterprises of the plan's province designated in the span (a lazy QuerySet)."""
    from enterprises.models import Enterprise

    return Enterprise.objects.filter(
        plan_area_q(plan), is_model=True, model_since__year__gte=year_from, model_since__year__lte=year_to
    )


def model_enterprises_yearly(*, indicator, year_from: int, year_to: int) -> dict[int, int]:
    """Enterprises that became model enterprises (``model_since``) per year (one query)."""
    rows = (
        model_enterprises_qs(indicator.objective.plan, year_from, year_to)
        .annotate(y=ExtractYear("model_since"))
        .values("y")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {r["y"]: r["n"] for r in rows}


def model_enterprises_period(*, indicator, year_from: int, year_to: int) -> int:
    """Distinct model enterprises designated in the span (one query)."""
    return model_enterprises_qs(indicator.objective.plan, year_from, year_to).count()


def register_own_measures() -> None:
    register_measure(Measure("partner.figures", _("Approved partner figures"), partner_figures_yearly))
    register_measure(
        Measure(
            "enterprises.model_enterprises",
            _("Model enterprises (by year designated)"),
            model_enterprises_yearly,
            period=model_enterprises_period,
        )
    )
