"""The KPI engine: the one place that turns a plan's indicators and the registered measures into
actuals, growth, % of target and status. The dashboard, the public results page, the home page
and every report call ``plan_kpis``; nothing else computes a KPI.

How to recompute any figure by hand
===================================

1. The years. A plan's year is its *data year* (``programs.periods``): with the default rule
   (Decree 09/2019/NĐ-CP) data year Y runs from 15 December of Y−1 to 14 December of Y, both days
   included; the rule is stored on the plan (``data_year_start_month``/``_day``; 1 January gives
   calendar years). A report counts over its stored data period ``data_from``–``data_to``: its
   years are the plan's data years that meet that period, each cut to it (an annual report has
   one year, a two-year review two, a five-year summary five), and every table of the report —
   KPIs, support, training, budget, partners, appendices — uses those same ranges. The dashboard
   shows data years by default and can switch to calendar years (1 January – 31 December).

2. What is counted, per range (each measure's rule, one query per measure):
   - ``training.person_times``: attended or certified enrolments in the plan's courses (a course
     with no plan counts in no plan) that were not cancelled, of the course kinds whose indicator
     argument equals the indicator's, by the day the course *ended*. One enrolment = one lượt.
   - ``applications.supported_enterprises``: distinct enterprises with an application under one
     of the plan's support schemes whose support was decided (approved or any later status), by
     the *decision date*.
   - ``applications.conformity_organisations``: distinct organisations of the plan's area with
     conformity-assessment capacity support under the plan's schemes, results accepted (accepted
     or paid), by the *acceptance day*.
   - ``enterprises.model_enterprises``: enterprises of the plan's area marked as model
     enterprises, by the day they were designated (``model_since``).
   - ``partner.figures``: the sum of the indicator's figures in the plan's *approved* partner
     reports, by the last day of the period the partner report covers (a report without dates
     covers the whole data year of its year).
   The plan's area is ``programs.area.plan_area_q`` (its province's units, every dated version,
   and the units mapped to or from them).

3. As of. A report is built "as of" a moment (``ReportRun.figures_as_of``, printed on the
   report): an attendance recorded, a support decision or an acceptance recorded, a partner report
   approved or a payment entered after that moment is not counted, even when its date falls in
   the period; rebuilding the report later therefore gives the same figures and the same files.
   The dashboard counts everything recorded so far.

4. From counts to the figure compared with the target (``IndicatorResult``):
   - ``yearly_actual[y]``: the count in year y (0 when nothing was counted: a counted zero is a
     figure, with its status).
   - ``period_actual`` of a *cumulative* indicator: the sum of its years; of a *distinct-count*
     indicator (kind value ``at_least``): the number of distinct records over the whole range
     (the measure's ``distinct``), so an enterprise counted in two years is one; of a *growth*
     indicator: the average annual growth rate below.
   - Growth (only for ``annual_growth`` indicators; counts show counts):
     ``yearly_growth[y] = (count[y] / count[y−1] − 1) × 100``, where the count before the plan's
     first year is the indicator's baseline (when its baseline year is that year); none when the
     previous count is 0. The average annual growth over years a..b is
     ``((count[b] / ref) ** (1 / (b − ref_year)) − 1) × 100`` where ``ref`` is the baseline when a
     is the plan's first year, else count[a−1]; not computable when ref is 0.
   - The target of the range: the indicator's own target for the whole plan and for every growth
     indicator; for a shorter range of a cumulative indicator, the sum of the yearly targets when
     every year of the range has one; for a shorter range of a distinct-count indicator, the
     yearly target of the range's last year when it has one; otherwise the indicator's own.
   - Status (``programs.targets``): "range" 15-20 → below < 15 ≤ within ≤ 20 < above; "about" N
     with tolerance t % → the band N × (1 − t/100) … N × (1 + t/100), both ends within; "at least"
     N → below < N ≤ within. ``no_data`` only when the indicator has no (registered) measure;
     ``not_computable`` for a growth rate with nothing to grow from.
   - ``percent_of_target`` (count indicators only) = period_actual / the target's lower number
     (the minimum, or N of "about N") × 100; none for growth indicators and for a zero target.
   Rates and percentages are rounded to 2 decimals (half up) after the status is decided.

Queries: one for the indicators, one for the yearly targets, then one per measure call (a
``counts`` call per indicator, plus a ``distinct`` call for distinct-count indicators whose
measure has one) — the same number whatever the data volume. Where the yearly facts answer
(``facts``: whole data years, fresh facts, a cut-off after the plan's last counted change) they
replace those calls: three queries for the whole plan, reading one row per indicator, year,
unit and sector instead of the raw records.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch

from ..measures import fact_reader, get_measure
from ..models import AnnualTarget, Indicator, IndicatorKind, Plan
from ..periods import Basis, DateRange, Periods, plan_periods, previous_year
from ..targets import Status, Target, indicator_target

TWO_PLACES = Decimal("0.01")
HUNDRED = Decimal(100)

__all__ = ["IndicatorResult", "Status", "compound_growth_percent", "growth_percent", "plan_kpis", "target_status"]


def _q(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _dec(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value or 0))


@dataclass
class IndicatorResult:
    indicator: Indicator
    years: list[int]
    ranges: dict[int, DateRange]
    yearly_actual: dict[int, Decimal | None]
    yearly_target: dict[int, Target | None]
    yearly_growth: dict[int, Decimal | None]
    period_actual: Decimal | None
    rate: Decimal | None
    percent_of_target: Decimal | None
    status: str
    target: Target
    has_measure: bool = True
    whole: DateRange | None = field(default=None)
    # Whether the dashboard links each yearly figure / the period figure to its records (set by
    # the internal dashboard from ``programs.drilldown.links_years`` / ``links_whole_period``).
    links_years: bool = False
    links_whole: bool = False

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
    def is_growth(self) -> bool:
        return self.indicator.kind == IndicatorKind.ANNUAL_GROWTH

    @property
    def cagr(self) -> Decimal | None:
        """The average annual growth of a growth indicator (None for counts)."""
        return self.rate

    @property
    def target_min(self) -> Decimal:
        return self.target.low

    @property
    def target_max(self) -> Decimal | None:
        return self.target.high

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


def compound_growth_percent(first: Decimal | None, last: Decimal, years: int) -> Decimal | None:
    """Compound average growth % a year from ``first`` to ``last`` over ``years`` years (unrounded)."""
    if years <= 0 or first is None or first <= 0 or last < 0:
        return None
    ratio = float(last / first) ** (1.0 / years)
    return Decimal(str(ratio - 1)) * HUNDRED


def target_status(value: Decimal | None, target_min: Decimal | None, target_max: Decimal | None) -> str:
    """below / within / above for ``value`` against a [min, max] range (no max: at least min)."""
    if value is None or target_min is None:
        return Status.NO_DATA
    return Target(type="range", low=target_min, high=target_max).status(value)


def _span_target(indicator: Indicator, years: list[int], yearly_target: dict, full_span: bool) -> Target:
    own = indicator_target(indicator)
    if full_span or indicator.kind == IndicatorKind.ANNUAL_GROWTH:
        return own
    if indicator.kind == IndicatorKind.CUMULATIVE:
        if years and all(yearly_target.get(y) for y in years):
            low = sum((yearly_target[y].low for y in years), Decimal(0))
            highs = [yearly_target[y].high for y in years]
            high = None if any(h is None for h in highs) else sum(highs, Decimal(0))
            return indicator_target(indicator, low, high)
        return own
    last = yearly_target.get(years[-1]) if years else None
    return last or own


def _growth(indicator: Indicator, plan: Plan, years: list[int], counts: dict[int, Decimal]):
    """Yearly growth and the average annual growth over ``years`` (see the module docstring)."""
    baseline = (
        (_dec(indicator.baseline_value), indicator.baseline_year)
        if indicator.baseline_value is not None and indicator.baseline_year is not None
        else (None, None)
    )
    yearly = {}
    for y in years:
        if y > plan.start_year:
            previous = counts.get(y - 1)
        elif baseline[1] == y - 1:
            previous = baseline[0]
        else:
            previous = None
        yearly[y] = growth_percent(counts[y], previous)
    first, last = years[0], years[-1]
    ref, ref_year = baseline if first == plan.start_year else (counts.get(first - 1), first - 1)
    rate = None
    if ref_year is not None and ref:
        rate = compound_growth_percent(ref, counts[last], last - ref_year)
    return yearly, rate


def _result(indicator, plan, periods, full_span, annual_targets, fetched, distinct, has_measure) -> IndicatorResult:
    years = periods.year_numbers
    yearly_target = {
        y: indicator_target(indicator, t.target_min, t.target_max) for y, t in annual_targets.items() if y in years
    }
    # Nothing is counted without a measure: its years are empty, not zeros.
    actual = {y: _dec(fetched.get(y, 0)) if has_measure else None for y in years}
    target = _span_target(indicator, years, yearly_target, full_span)
    growth, rate, percent = {}, None, None
    if not has_measure:
        period, status = None, Status.NO_DATA
    elif indicator.kind == IndicatorKind.ANNUAL_GROWTH:
        counts = {y: _dec(v) for y, v in fetched.items()}
        growth, rate = _growth(indicator, plan, years, counts)
        period = rate
        status = target.status(rate)
    else:
        if indicator.kind == IndicatorKind.AT_LEAST and distinct is not None:
            period = _dec(distinct)
        else:
            period = sum(actual.values(), Decimal(0))
        status = target.status(period)
        percent = target.percent_of(period)
    return IndicatorResult(
        indicator=indicator,
        years=years,
        ranges={y.year: y.range for y in periods.years},
        yearly_actual=actual,
        yearly_target={y: yearly_target.get(y) for y in years},
        yearly_growth=growth,
        period_actual=_q(period) if rate is not None else period,
        rate=_q(rate),
        percent_of_target=_q(percent),
        status=status,
        target=target,
        has_measure=has_measure,
        whole=periods.whole,
    )


def plan_kpis(
    *,
    plan: Plan,
    periods: Periods | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    basis: str = Basis.DATA,
    as_of=None,
) -> list[IndicatorResult]:
    """Every indicator of ``plan`` measured over ``periods`` (default: the plan's years from
    ``year_from`` to ``year_to`` on ``basis``), counting what was recorded by ``as_of``."""
    if periods is None:
        periods = plan_periods(plan, year_from=year_from, year_to=year_to, basis=basis)
    years = periods.year_numbers
    full_span = years == list(plan.years)
    indicators = list(
        Indicator.objects.filter(objective__plan=plan)
        .select_related("objective__plan")
        .prefetch_related(
            Prefetch(
                "annual_targets",
                queryset=AnnualTarget.objects.filter(
                    annual_plan__plan=plan, annual_plan__year__gte=years[0], annual_plan__year__lte=years[-1]
                ).select_related("annual_plan"),
                to_attr="span_targets",
            )
        )
        .order_by("objective__order", "objective__code", "order", "code")
    )
    facts = fact_reader(plan=plan, periods=periods, as_of=as_of) if indicators else None
    results = []
    for indicator in indicators:
        annual_targets = {t.annual_plan.year: t for t in indicator.span_targets}
        measure = get_measure(indicator.measure) if indicator.measure else None
        fetched, distinct = {}, None
        if measure is not None:
            columns = list(periods.years)
            if indicator.kind == IndicatorKind.ANNUAL_GROWTH and years[0] > plan.start_year:
                columns.insert(0, previous_year(plan, periods))  # growth of the first year needs the one before
            ranges = [c.range for c in columns]
            counts = facts.counts(indicator, ranges) if facts is not None else None
            if counts is None:
                counts = measure.counts(plan=plan, indicator=indicator, ranges=ranges, as_of=as_of)
            fetched = {c.year: n for c, n in zip(columns, counts, strict=True)}
            if indicator.kind == IndicatorKind.AT_LEAST and measure.distinct is not None:
                distinct = facts.distinct(indicator, periods.whole) if facts is not None else None
                if distinct is None:
                    distinct = measure.distinct(plan=plan, indicator=indicator, within=periods.whole, as_of=as_of)
        results.append(
            _result(indicator, plan, periods, full_span, annual_targets, fetched, distinct, measure is not None)
        )
    return results
