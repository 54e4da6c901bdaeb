"""The KPI engine: the one place that turns a plan's indicators and the registered measures into
actuals, growth, % of target and status. The dashboard, the reports and the exports all call
``plan_kpis``; nothing else computes a KPI.

Queries: one for the indicators, one for the yearly targets, then one per measure call (a
``yearly`` call per indicator, plus a ``period`` call for ``at_least`` measures that define one)
— the same number whatever the data volume.

Rules (documented here because reports quote them):
- ``yearly_actual`` has every year of the span (0 when nothing was counted).
- ``yearly_growth[y]`` = (actual[y] / actual[y-1] - 1) × 100; for the plan's first year the
  previous value is the indicator's baseline when one is set; None when the previous value is 0
  or unknown.
- ``cagr`` = ((actual[L] / baseline) ** (1 / (L - baseline_year)) - 1) × 100 where L is the last
  year of the span with a non-zero actual; None without a baseline (value > 0 and year).
- ``period_actual``: cumulative → sum of the span's years; at_least → the measure's ``period``
  (distinct over the span) or the sum; annual_growth → ``cagr`` (None when it cannot be computed).
- Target: the indicator's min/max for the whole plan or for annual_growth; for a shorter span of
  a cumulative indicator, the sum of the yearly targets when every year of the span has one; for
  a shorter span of an at_least indicator, the yearly target of the span's last year when set.
- ``status``: ``no_data`` when the measure is not registered or nothing was counted in the span
  (and for annual_growth when no growth can be computed); ``below`` if value < min; ``within`` if
  min ≤ value ≤ max, or value ≥ min when there is no max (an "about 900" target has min 900 and no
  max: reaching it is "within", there is no ceiling); ``above`` if value > max.
- ``percent_of_target`` = period_actual / target_min × 100 (None when there is no target or it is 0).
Decimals are rounded to 2 places (ROUND_HALF_UP).
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch

from ..measures import get_measure
from ..models import AnnualTarget, Indicator, IndicatorKind, Plan

TWO_PLACES = Decimal("0.01")
HUNDRED = Decimal(100)


class Status:
    BELOW = "below"
    WITHIN = "within"
    ABOVE = "above"
    NO_DATA = "no_data"


def _q(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _dec(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value or 0))


@dataclass
class IndicatorResult:
    indicator: Indicator
    years: list[int]
    yearly_actual: dict[int, Decimal]
    yearly_target: dict[int, tuple[Decimal, Decimal | None] | None]
    yearly_growth: dict[int, Decimal | None]
    period_actual: Decimal | None
    cagr: Decimal | None
    percent_of_target: Decimal | None
    status: str
    target: tuple[Decimal, Decimal | None] = field(default=(Decimal(0), None))
    has_measure: bool = True

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def name(self) -> str:
        return self.indicator.name

    @property
    def unit(self) -> str:
        return self.indicator.unit

    @property
    def kind(self) -> str:
        return self.indicator.kind

    @property
    def target_min(self) -> Decimal:
        return self.target[0]

    @property
    def target_max(self) -> Decimal | None:
        return self.target[1]

    @property
    def objective(self):
        return self.indicator.objective

    @property
    def progress_width(self) -> int:
        """Percent of target capped to 0-100, for progress bars (data-width)."""
        if self.percent_of_target is None:
            return 0
        return int(max(Decimal(0), min(HUNDRED, self.percent_of_target)))


def growth_percent(current: Decimal, previous: Decimal | None) -> Decimal | None:
    """(current / previous - 1) × 100, rounded; None when previous is missing or zero."""
    if previous is None or previous == 0:
        return None
    return _q((current / previous - 1) * HUNDRED)


def compound_growth_percent(first: Decimal, last: Decimal, years: int) -> Decimal | None:
    """Compound average growth % a year from ``first`` to ``last`` over ``years`` years."""
    if years <= 0 or first is None or first <= 0 or last <= 0:
        return None
    ratio = float(last / first) ** (1.0 / years)
    return _q(Decimal(str(ratio - 1)) * HUNDRED)


def target_status(value: Decimal | None, target_min: Decimal | None, target_max: Decimal | None) -> str:
    """below / within / above for ``value`` against a [min, max] range (no max: within from min)."""
    if value is None or target_min is None:
        return Status.NO_DATA
    if value < target_min:
        return Status.BELOW
    if target_max is not None and value > target_max:
        return Status.ABOVE
    return Status.WITHIN


def _span_target(indicator: Indicator, years: list[int], yearly_target, full_span: bool):
    own = (indicator.target_min, indicator.target_max)
    if full_span or indicator.kind == IndicatorKind.ANNUAL_GROWTH:
        return own
    if indicator.kind == IndicatorKind.CUMULATIVE:
        if years and all(yearly_target.get(y) for y in years):
            low = sum((yearly_target[y][0] for y in years), Decimal(0))
            highs = [yearly_target[y][1] for y in years]
            high = None if any(h is None for h in highs) else sum(highs, Decimal(0))
            return (low, high)
        return own
    last = yearly_target.get(years[-1]) if years else None
    return last or own


def _result(indicator, years, fetched, yearly_target, period_value, full_span, has_measure) -> IndicatorResult:
    actual = {y: _dec(fetched.get(y, 0)) for y in years}
    growth = {}
    start = indicator.objective.plan.start_year
    for y in years:
        if y > start:
            previous = _dec(fetched.get(y - 1, 0))
        elif indicator.baseline_value is not None and indicator.baseline_year in (None, y - 1):
            previous = indicator.baseline_value
        else:
            previous = None
        growth[y] = growth_percent(actual[y], previous)

    cagr = None
    with_data = [y for y in years if actual[y] > 0]
    if indicator.baseline_value and indicator.baseline_year is not None and with_data:
        last = with_data[-1]
        cagr = compound_growth_percent(indicator.baseline_value, actual[last], last - indicator.baseline_year)

    if indicator.kind == IndicatorKind.ANNUAL_GROWTH:
        period = cagr
    elif indicator.kind == IndicatorKind.AT_LEAST and period_value is not None:
        period = _dec(period_value)
    else:
        period = sum(actual.values(), Decimal(0))

    target = _span_target(indicator, years, yearly_target, full_span)
    nothing = not with_data and not period
    if not has_measure or period is None or nothing:
        status = Status.NO_DATA
    else:
        status = target_status(period, *target)
    percent = None
    if period is not None and target[0]:
        percent = _q(period / target[0] * HUNDRED)
    return IndicatorResult(
        indicator=indicator,
        years=list(years),
        yearly_actual=actual,
        yearly_target={y: yearly_target.get(y) for y in years},
        yearly_growth=growth,
        period_actual=period,
        cagr=cagr,
        percent_of_target=percent,
        status=status,
        target=target,
        has_measure=has_measure,
    )


def plan_kpis(*, plan: Plan, year_from: int | None = None, year_to: int | None = None) -> list[IndicatorResult]:
    """Every indicator of ``plan`` measured over [year_from, year_to] (default: the plan's years)."""
    year_from = max(year_from or plan.start_year, plan.start_year)
    year_to = min(year_to or plan.end_year, plan.end_year)
    years = list(range(year_from, year_to + 1))
    full_span = year_from == plan.start_year and year_to == plan.end_year
    indicators = list(
        Indicator.objects.filter(objective__plan=plan)
        .select_related("objective__plan")
        .prefetch_related(
            Prefetch(
                "annual_targets",
                queryset=AnnualTarget.objects.filter(
                    annual_plan__plan=plan, annual_plan__year__gte=year_from, annual_plan__year__lte=year_to
                ).select_related("annual_plan"),
                to_attr="span_targets",
            )
        )
        .order_by("objective__order", "objective__code", "order", "code")
    )
    # Growth needs the year before the span (or the plan's first years); fetch from the plan start.
    fetch_from = plan.start_year
    results = []
    for indicator in indicators:
        yearly_target = {t.annual_plan.year: (t.target_min, t.target_max) for t in indicator.span_targets}
        measure = get_measure(indicator.measure) if indicator.measure else None
        fetched, period_value = {}, None
        if measure is not None:
            fetched = measure.yearly(indicator=indicator, year_from=fetch_from, year_to=year_to) or {}
            if indicator.kind == IndicatorKind.AT_LEAST and measure.period is not None:
                period_value = measure.period(indicator=indicator, year_from=year_from, year_to=year_to)
        results.append(_result(indicator, years, fetched, yearly_target, period_value, full_span, measure is not None))
    return results
