"""The leadership dashboard's data: the KPI engine's results, the budget and the drill-downs,
in a fixed number of queries whatever the data volume."""

from dataclasses import dataclass, field

from ..drilldown import DrilldownRow, counts_by_sector, counts_by_unit, drilldown_providers
from ..models import Plan
from .budget import BudgetSummary, budget_by_source
from .kpi import IndicatorResult, plan_kpis


@dataclass
class Drilldown:
    key: str
    label: str
    by_unit: list[DrilldownRow]
    by_sector: list[DrilldownRow]


@dataclass
class Dashboard:
    plan: Plan
    year_from: int
    year_to: int
    kpis: list[IndicatorResult]
    budget: BudgetSummary | None
    drilldowns: list[Drilldown] = field(default_factory=list)

    @property
    def single_year(self) -> int | None:
        return self.year_from if self.year_from == self.year_to else None


def _num(value):
    return None if value is None else float(value)


def chart_data(result: IndicatorResult) -> dict:
    """Chart.js-ready series of one indicator by year (actual, yearly target min/max)."""
    return {
        "labels": [str(y) for y in result.years],
        "actual": [_num(result.yearly_actual[y]) for y in result.years],
        "target_min": [_num(t[0]) if (t := result.yearly_target[y]) else None for y in result.years],
        "target_max": [_num(t[1]) if (t := result.yearly_target[y]) else None for y in result.years],
        "growth": [_num(result.yearly_growth[y]) for y in result.years],
        "kind": result.kind,
        "unit": result.unit,
    }


def dashboard_data(*, plan: Plan, year: int | None = None) -> Dashboard:
    """KPIs for the plan (one year or the whole period), budget execution and drill-downs.

    Only counts and amounts: nothing personal, so the public page uses the same data.
    """
    year_from = year or plan.start_year
    year_to = year or plan.end_year
    kpis = plan_kpis(plan=plan, year_from=year_from, year_to=year_to)
    budget = budget_by_source(plan=plan, year_from=year_from, year_to=year_to)
    drilldowns = [
        Drilldown(
            key=p.key,
            label=str(p.label),
            by_unit=counts_by_unit(p, plan=plan, year_from=year_from, year_to=year_to),
            by_sector=counts_by_sector(p, plan=plan, year_from=year_from, year_to=year_to),
        )
        for p in drilldown_providers()
    ]
    return Dashboard(plan=plan, year_from=year_from, year_to=year_to, kpis=kpis, budget=budget, drilldowns=drilldowns)
