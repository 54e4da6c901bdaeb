"""What the next plan starts from: each indicator's baseline from the plan's final actuals."""

from dataclasses import dataclass
from decimal import Decimal

from ..models import Indicator, IndicatorKind, Plan
from .kpi import plan_kpis


@dataclass
class ProposedBaseline:
    indicator: Indicator
    value: Decimal | None
    year: int | None
    from_actual: bool  # False: no actual to start from, the indicator's own baseline is kept


def successor_baselines(plan: Plan) -> list[ProposedBaseline]:
    """The baseline of each indicator's copy in the plan that follows ``plan``, from the KPI engine
    (``plan_kpis`` over the whole plan), with the plan's last year as the baseline year:

    - annual growth: the yearly count of the plan's last year (the next plan's growth starts there);
    - cumulative and at least: the plan's actual over its whole period.

    Without a figure (no registered measure, or a growth count of 0) the indicator's own baseline
    is kept. One ``plan_kpis`` call.
    """
    proposed = []
    for result in plan_kpis(plan=plan):
        indicator = result.indicator
        if not result.has_measure:
            value = None
        elif indicator.kind == IndicatorKind.ANNUAL_GROWTH:
            value = result.yearly_actual.get(plan.end_year) or None
        else:
            value = result.period_actual
        if value is None:
            proposed.append(ProposedBaseline(indicator, indicator.baseline_value, indicator.baseline_year, False))
        else:
            proposed.append(ProposedBaseline(indicator, value, plan.end_year, True))
    return proposed
