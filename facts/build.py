"""Computing a plan's yearly facts from the raw rows, and writing them.

For every indicator whose measure names a ``source`` (``programs.measures.FactSource``), one
grouped query per indicator gives its figure per data year of the plan, unit and sector (the
enterprise's, today), and for a distinct-count measure a second one gives the things counted in
each year. The dashboard blocks registered with ``programs.measures.register_stored_figures`` (the
processing times, the drill-downs) are computed with them for each data year and for all the
plan's years, so that the dashboard reads a few stored rows instead of every application.
``rebuild_plan`` replaces the plan's facts in one transaction, holding the plan's
``FactState`` row, so that a refresh and the nightly rebuild never interleave and a change that
commits meanwhile marks the plan stale again (``facts.changes``).
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import F

from core import clock
from programs.measures import get_measure, stored_figure_builders
from programs.models import Indicator, Plan
from programs.periods import _bucketed, data_year, plan_periods

from .models import FactMember, FactState, StoredFigures, YearlyFact
from .reader import DISTINCT_FIGURES

BATCH = 2000


def measured_indicators(plan: Plan):
    """(indicator, source) of the plan's indicators whose measure keeps facts."""
    for indicator in Indicator.objects.filter(objective__plan=plan).order_by("pk"):
        measure = get_measure(indicator.measure) if indicator.measure else None
        if measure is not None and measure.source is not None:
            yield indicator, measure.source(plan=plan, indicator=indicator)


def compute_plan(plan: Plan) -> tuple[list[YearlyFact], list[FactMember]]:
    """The plan's facts as unsaved rows, from the raw records."""
    years = list(plan.years)
    ranges = [data_year(plan, y) for y in years]
    facts: list[YearlyFact] = []
    members: list[FactMember] = []
    for indicator, source in measured_indicators(plan):
        if source is None:
            continue
        rows = _bucketed(source.queryset, source.date, ranges)
        if source.enterprise is None:
            grouped = rows.values("range_index")
        else:
            grouped = rows.values(
                "range_index", fact_unit=F(f"{source.enterprise}unit"), fact_sector=F(f"{source.enterprise}sector")
            )
        for row in grouped.annotate(fact_value=source.value).order_by():
            if row["range_index"] < 0 or not row["fact_value"]:
                continue
            facts.append(
                YearlyFact(
                    agency_id=plan.agency_id,
                    plan_id=plan.pk,
                    indicator_id=indicator.pk,
                    year=years[row["range_index"]],
                    unit_id=row.get("fact_unit"),
                    sector_id=row.get("fact_sector"),
                    value=Decimal(row["fact_value"]),
                )
            )
        if source.member is not None:
            pairs = rows.values_list("range_index", source.member).distinct().order_by()
            members.extend(
                FactMember(plan_id=plan.pk, indicator_id=indicator.pk, year=years[index], member=member)
                for index, member in pairs
                if index >= 0 and member is not None
            )
    return facts, members


def compute_figures(plan: Plan, members: list[FactMember]) -> list[StoredFigures]:
    """Every registered block's figures over each data year of the plan and over all of them, and
    the distinct counts of ``members`` over the same spans."""
    spans = [plan_periods(plan, year_from=y, year_to=y) for y in plan.years] + [plan_periods(plan)]
    figures = []
    for periods in spans:
        first, last = periods.years[0].year, periods.years[-1].year
        counted: dict[int, set[int]] = {}
        for m in members:
            if first <= m.year <= last:
                counted.setdefault(m.indicator_id, set()).add(m.member)
        payloads = {DISTINCT_FIGURES: {str(pk): len(things) for pk, things in counted.items()}}
        payloads |= {key: build(plan=plan, periods=periods) for key, build in sorted(stored_figure_builders().items())}
        figures += [
            StoredFigures(plan_id=plan.pk, key=key, year_from=first, year_to=last, payload=payload)
            for key, payload in payloads.items()
        ]
    return figures


@transaction.atomic
def rebuild_plan(plan: Plan, *, only_if_stale: bool = False) -> bool:
    """Replace the plan's facts with a fresh computation (False: nothing to do)."""
    state = FactState.objects.select_for_update().filter(plan=plan).first()
    if state is None:
        if only_if_stale:
            return False
        FactState.objects.bulk_create([FactState(plan=plan, stale=True, changed_at=clock.now())], ignore_conflicts=True)
        state = FactState.objects.select_for_update().get(plan=plan)
    elif only_if_stale and not state.stale:
        return False
    facts, members = compute_plan(plan)
    figures = compute_figures(plan, members)
    YearlyFact.objects.filter(plan=plan).delete()
    FactMember.objects.filter(plan=plan).delete()
    StoredFigures.objects.filter(plan=plan).delete()
    YearlyFact.objects.bulk_create(facts, batch_size=BATCH)
    FactMember.objects.bulk_create(members, batch_size=BATCH)
    StoredFigures.objects.bulk_create(figures, batch_size=BATCH)
    FactState.objects.filter(pk=state.pk).update(stale=False, refreshed_at=clock.now())
    return True


def refresh_plan(plan_id: int) -> bool:
    """The after-commit refresh: rebuild the plan's facts if a change marked them stale (idempotent:
    a second delivery finds them fresh and does nothing)."""
    plan = Plan.objects.filter(pk=plan_id).first()
    return plan is not None and rebuild_plan(plan, only_if_stale=True)


def rebuild_all() -> int:
    """The nightly full rebuild: every plan's facts from the raw rows (the number of plans)."""
    count = 0
    for plan in Plan.objects.order_by("pk").iterator():
        rebuild_plan(plan)
        count += 1
    return count
