"""The measures that programs itself provides: approved partner figures and model enterprises."""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from .area import plan_area_q
from .drilldown import ENTERPRISE_ROWS
from .measures import FactSource, Measure, register_measure
from .models import PartnerFigure, PartnerReportStatus
from .periods import DateRange, bucket_counts, in_range

PARTNER_FIGURES = "partner.figures"
MODEL_ENTERPRISES = "enterprises.model_enterprises"


def approved_partner_reports_q(as_of=None, prefix: str = "") -> Q:
    """Partner reports that count: approved (locked), and approved by ``as_of`` when given."""
    q = Q(**{f"{prefix}status": PartnerReportStatus.APPROVED})
    if as_of is not None:
        q &= Q(**{f"{prefix}decided_at__isnull": True}) | Q(**{f"{prefix}decided_at__lte": as_of})
    return q


def partner_figures_counts(*, plan, indicator, ranges: list[DateRange], as_of=None) -> list:
    """Sum of the indicator's figures in the plan's approved partner reports, by the report's period end."""
    figures = PartnerFigure.objects.filter(
        approved_partner_reports_q(as_of, "report__"), indicator=indicator, report__plan=plan
    )
    return bucket_counts(figures, "report__period_end", ranges, count=Sum("value"))


def model_enterprises_qs(plan, within: DateRange):
    """Enterprises of the plan's area designated model enterprises (``model_since``) within the range."""
    from enterprises.models import Enterprise

    return Enterprise.objects.filter(plan_area_q(plan), is_model=True, **in_range("model_since", within))


def model_enterprises_counts(*, plan, indicator, ranges: list[DateRange], as_of=None) -> list[int]:
    """Enterprises of the plan's area that became model enterprises, by the day they were designated."""
    from enterprises.models import Enterprise

    return bucket_counts(Enterprise.objects.filter(plan_area_q(plan), is_model=True), "model_since", ranges)


def model_enterprises_distinct(*, plan, indicator, within: DateRange, as_of=None) -> int:
    return model_enterprises_qs(plan, within).count()


def model_enterprises_records(*, plan, indicator=None, within: DateRange):
    return model_enterprises_qs(plan, within).select_related("unit", "sector").order_by("name", "pk")


def partner_figures_source(*, plan, indicator) -> FactSource:
    figures = PartnerFigure.objects.filter(
        approved_partner_reports_q(None, "report__"), indicator=indicator, report__plan=plan
    )
    return FactSource(figures, "report__period_end", None, Sum("value"))


def model_enterprises_source(*, plan, indicator) -> FactSource:
    from enterprises.models import Enterprise

    return FactSource(Enterprise.objects.filter(plan_area_q(plan), is_model=True), "model_since", "", Count("pk"), "pk")


def register_own_measures() -> None:
    register_measure(
        Measure(
            PARTNER_FIGURES,
            _("Approved partner figures"),
            partner_figures_counts,
            rule=_(
                "The sum of this indicator's figures in the plan's partner reports that were approved "
                "(by the build time of the report), by the last day of the period each partner report covers."
            ),
            source=partner_figures_source,
        )
    )
    register_measure(
        Measure(
            MODEL_ENTERPRISES,
            _("Model enterprises (by the day designated)"),
            model_enterprises_counts,
            distinct=model_enterprises_distinct,
            records=model_enterprises_records,
            records_template=ENTERPRISE_ROWS,
            rule=_(
                "Enterprises of the plan's area marked as model enterprises, by the day they were "
                "designated (“model enterprise since”); each enterprise once."
            ),
            source=model_enterprises_source,
        )
    )
