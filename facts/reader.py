"""Reading the yearly facts for the KPI engine (registered as ``programs.measures`` fact reader).

The facts answer for a plan when its ``FactState`` is fresh, the cut-off (``as_of``) is none or
after the plan's last counted change, and every range asked for is a whole data year of the plan;
an indicator whose measure keeps no facts is counted from the raw rows as before. Three queries
for the whole plan: the state, the yearly sums, and (for distinct counts) the counts the refresh
stored for one data year or all of them, or else the members."""

from decimal import Decimal

from django.db.models import Count, Sum

from programs.measures import get_measure
from programs.periods import DateRange, data_year

from .models import FactMember, FactState, StoredFigures, YearlyFact

# The refresh's distinct counts per indicator ({indicator id: things counted once}) over each stored span.
DISTINCT_FIGURES = "facts.distinct"


def _number(value):
    value = Decimal(value or 0)
    return int(value) if value == value.to_integral_value() else value


class PlanFacts:
    def __init__(self, plan):
        self.plan = plan
        self.year_of = {data_year(plan, y): y for y in plan.years}
        self._values = None
        self._distinct: dict[DateRange, dict[int, int]] = {}
        self._figures: dict[tuple[int, int], dict] = {}

    def _covered(self, indicator) -> bool:
        measure = get_measure(indicator.measure) if indicator.measure else None
        return measure is not None and measure.source is not None

    def _years(self, ranges) -> list[int] | None:
        years = [self.year_of.get(r) for r in ranges]
        return None if None in years else years

    @property
    def values(self) -> dict[tuple[int, int], object]:
        if self._values is None:
            rows = (
                YearlyFact.objects.filter(plan=self.plan)
                .values("indicator_id", "year")
                .annotate(total=Sum("value"))
                .order_by()
            )
            self._values = {(r["indicator_id"], r["year"]): _number(r["total"]) for r in rows}
        return self._values

    def counts(self, indicator, ranges) -> list | None:
        years = self._years(ranges)
        if years is None or not self._covered(indicator):
            return None
        return [self.values.get((indicator.pk, y), 0) for y in years]

    def distinct(self, indicator, within: DateRange) -> int | None:
        years = [y for r, y in self.year_of.items() if within.start <= r.start and r.end <= within.end]
        spans = sorted(r for r in self.year_of if r.start >= within.start and r.end <= within.end)
        whole = spans and spans[0].start == within.start and spans[-1].end == within.end
        if not whole or not self._covered(indicator):
            return None
        if within not in self._distinct:
            first, last = min(years), max(years)
            stored = None
            if first == last or (first, last) == (self.plan.start_year, self.plan.end_year):
                stored = self._stored((first, last)).get(DISTINCT_FIGURES)  # counted by the refresh
            if stored is not None:
                self._distinct[within] = {int(pk): n for pk, n in stored.items()}
            else:
                rows = (
                    FactMember.objects.filter(plan=self.plan, year__in=years)
                    .values("indicator_id")
                    .annotate(n=Count("member", distinct=True))
                    .order_by()
                )
                self._distinct[within] = {r["indicator_id"]: r["n"] for r in rows}
        return self._distinct[within].get(indicator.pk, 0)

    def figures(self, key: str, periods):
        """Stored figures of block ``key`` when ``periods`` is one data year of the plan or all of
        them (None otherwise; one query per span)."""
        span = stored_span(self.plan, periods)
        return None if span is None else self._stored(span).get(key)

    def _stored(self, span: tuple[int, int]) -> dict:
        if span not in self._figures:
            rows = StoredFigures.objects.filter(plan=self.plan, year_from=span[0], year_to=span[1])
            self._figures[span] = dict(rows.values_list("key", "payload"))
        return self._figures[span]


def stored_span(plan, periods) -> tuple[int, int] | None:
    """(first, last data year) when ``periods`` are whole data years of ``plan`` that the facts keep
    figures for: one year, or all the plan's years."""
    from programs.periods import Basis

    if periods.basis != Basis.DATA or any(y.range != data_year(plan, y.year) for y in periods.years):
        return None
    first, last = periods.years[0].year, periods.years[-1].year
    if first == last or (first, last) == (plan.start_year, plan.end_year):
        return first, last
    return None


def plan_fact_reader(*, plan, periods, as_of=None) -> PlanFacts | None:
    """The plan's facts when they can answer for ``as_of`` (None: count the raw rows)."""
    state = FactState.objects.filter(plan=plan).values("stale", "changed_at").first()
    if state is None or state["stale"]:
        return None
    if as_of is not None and as_of < state["changed_at"]:
        return None
    return PlanFacts(plan)


def plan_facts_version(plan) -> str | None:
    """When the plan's facts are fresh: the moment of its last counted change and of the refresh
    (the dashboards cache their figures under it); None while they are stale or not built."""
    state = FactState.objects.filter(plan=plan).values("stale", "changed_at", "refreshed_at").first()
    if state is None or state["stale"]:
        return None
    return f"{state['changed_at'].isoformat()}/{state['refreshed_at'] and state['refreshed_at'].isoformat()}"
