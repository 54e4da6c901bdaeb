"""The leadership dashboard's data: the KPI engine's results, the budget and the drill-downs,
in a fixed number of queries whatever the data volume. Every block counts over the same date
ranges (one data year, or the whole plan; data years by default, calendar years on request)."""

from dataclasses import asdict, dataclass, field

from core import clock

from ..drilldown import DrilldownRow, drilldown_counts, drilldown_providers
from ..measures import kept_figures
from ..models import Plan
from ..periods import Basis, Periods, plan_periods
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
    periods: Periods
    kpis: list[IndicatorResult]
    budget: BudgetSummary | None
    drilldowns: list[Drilldown] = field(default_factory=list)

    @property
    def single_year(self) -> int | None:
        return self.periods.single_year

    @property
    def basis(self) -> str:
        return self.periods.basis

    @property
    def is_calendar(self) -> bool:
        return self.periods.basis == Basis.CALENDAR

    @property
    def whole(self):
        return self.periods.whole

    @property
    def year_from(self) -> int:
        return self.periods.years[0].year

    @property
    def year_to(self) -> int:
        return self.periods.years[-1].year

    @property
    def money_cutoff(self):
        """Money is shown as of the end of the range, or today while the range is running."""
        return min(self.periods.whole.end, clock.today())


def _num(value):
    return None if value is None else float(value)


def chart_data(result: IndicatorResult) -> dict:
    """Chart.js-ready series of one indicator by year, plotted like with like: a growth indicator's
    bars are its yearly growth (%) against its %/year target, never counts against a percentage.

    ``series`` is what the bars show; ``integer`` asks for whole-number axis steps (counts);
    ``suggested_max`` leaves room above the highest bar or target so that nothing is clipped."""
    actual = [_num(result.yearly_actual[y]) for y in result.years]
    growth = [_num(result.yearly_growth.get(y)) for y in result.years]
    target_min = [_num(t.low) if (t := result.yearly_target[y]) else None for y in result.years]
    series = growth if result.is_growth else actual
    shown = [v for v in (*series, *target_min) if v is not None]
    integer = not result.is_growth and all(float(v).is_integer() for v in shown)
    highest = max(shown, default=0)
    suggested_max = max(1, (int(highest * 1.15) + 1) if integer else round(highest * 1.15, 2))
    return {
        "labels": [str(y) for y in result.years],
        "actual": actual,
        "series": series,
        "target_min": target_min,
        "target_max": [_num(t.high) if (t := result.yearly_target[y]) else None for y in result.years],
        "growth": growth,
        "kind": result.kind,
        "unit": result.unit,
        "is_growth": result.is_growth,
        "integer": integer,
        "suggested_max": suggested_max,
    }


def dashboard_data(*, plan: Plan, year: int | None = None, basis: str = Basis.DATA) -> Dashboard:
    """KPIs for the plan (one year or the whole period, on ``basis``), budget execution as of the
    range's end and drill-downs over the same range.

    Only counts and amounts: nothing personal, so the public page uses the same data.
    """
    periods = plan_periods(plan, year_from=year, year_to=year, basis=basis)
    kpis = plan_kpis(plan=plan, periods=periods)
    dash = Dashboard(plan=plan, periods=periods, kpis=kpis, budget=None)
    dash.budget = budget_by_source(plan=plan, year_from=dash.year_from, year_to=dash.year_to, cutoff=dash.money_cutoff)
    counts = kept_figures(DRILLDOWN_FIGURES, plan=plan, periods=periods)
    dash.drilldowns = [
        Drilldown(
            key=p.key,
            label=str(p.label),
            by_unit=[DrilldownRow(**row) for row in counts[p.key]["by_unit"]],
            by_sector=[DrilldownRow(**row) for row in counts[p.key]["by_sector"]],
        )
        for p in drilldown_providers()
        if p.key in counts
    ]
    return dash


DRILLDOWN_FIGURES = "programs.drilldowns"


def drilldown_figures(*, plan: Plan, periods: Periods) -> dict:
    """Every drill-down's rows by unit and by sector over ``periods`` (JSON-ready: the facts keep
    them for each data year and the whole plan, ``programs.measures.kept_figures``)."""
    figures = {}
    for p in drilldown_providers():
        by_unit, by_sector = drilldown_counts(p, plan=plan, within=periods.whole)
        figures[p.key] = {"by_unit": [asdict(r) for r in by_unit], "by_sector": [asdict(r) for r in by_sector]}
    return figures
