"""The national roll-up: every agency's figures side by side and the national totals against
Decision 1322's targets (``NationalTarget``).

Where a plan's figures come from (``source``):
- **final**: its latest finalised report (the frozen figures, ``ReportRun.figures``) covers every
  year of the plan;
- **mixed**: a finalised report covers some years (those come from it), the later years are live;
- **live**: no finalised report: the live yearly facts (``facts``; the raw rows for a plan whose
  facts wait for their refresh).

An agency's figure for a target is the sum, over its plans (drafts left out) and the target's
years, of the yearly actuals of the indicators that use the target's measure (and argument); a
growth target compares the count of its first year with the last ended year's. Queries: a
handful for all plans, plus the KPI engine's for each plan whose facts are stale.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from core import clock
from facts.models import FactState, YearlyFact
from programs.models import Agency, Indicator, Plan, PlanStatus
from programs.selectors.kpi import compound_growth_percent, plan_kpis, target_status
from reports.models import ReportRun, ReportStatus

from .models import NationalTarget, TargetKind

SOURCE_LABELS = {
    "final": _("Finalised report"),
    "mixed": _("Finalised report, later years live"),
    "live": _("Live figures (not final)"),
}
HUNDRED = Decimal(100)


@dataclass
class PlanFigures:
    plan: Plan
    source: str
    report: ReportRun | None
    # {indicator id: {year: actual}}
    yearly: dict[int, dict[int, Decimal]] = field(default_factory=dict)

    @property
    def source_label(self) -> str:
        return str(SOURCE_LABELS[self.source])


def _frozen_yearly(report: ReportRun, code_to_id: dict[str, int]) -> dict[int, dict[int, Decimal]]:
    yearly: dict[int, dict[int, Decimal]] = {}
    for kpi in report.figures.get("kpis") or []:
        pk = code_to_id.get(kpi.get("code"))
        if pk is None:
            continue
        yearly[pk] = {
            row["year"]: Decimal(str(row["actual"])) for row in kpi.get("yearly", []) if row["actual"] is not None
        }
    return yearly


def plan_figures(plans: list[Plan]) -> list[PlanFigures]:
    """The yearly actuals of every indicator of ``plans``, from the final report or the live facts."""
    ids = [p.pk for p in plans]
    codes: dict[int, dict[str, int]] = defaultdict(dict)
    for pk, code, plan_id in Indicator.objects.filter(objective__plan__in=ids).values_list(
        "pk", "code", "objective__plan_id"
    ):
        codes[plan_id][code] = pk
    finals: dict[int, ReportRun] = {}
    runs = ReportRun.objects.filter(plan__in=ids, status=ReportStatus.FINALISED).order_by(
        "plan_id", "-data_to", "-version"
    )
    for run in runs.only("pk", "plan_id", "kind", "data_from", "data_to", "version", "figures"):
        finals.setdefault(run.plan_id, run)
    fresh = set(FactState.objects.filter(plan__in=ids, stale=False).values_list("plan_id", flat=True))
    live: dict[int, dict[int, dict[int, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    rows = YearlyFact.objects.filter(plan__in=fresh).values("plan_id", "indicator_id", "year").annotate(v=Sum("value"))
    for row in rows.order_by():
        live[row["plan_id"]][row["indicator_id"]][row["year"]] = row["v"]
    result = []
    for plan in plans:
        report = finals.get(plan.pk)
        frozen_years = set(report.figures.get("period", {}).get("years", [])) if report else set()
        needs_live = set(plan.years) - frozen_years
        if needs_live and plan.pk not in fresh:
            live[plan.pk] = {
                r.indicator.pk: {y: v for y, v in r.yearly_actual.items() if v is not None}
                for r in plan_kpis(plan=plan)
            }
        yearly = {pk: dict(years) for pk, years in live[plan.pk].items()} if needs_live else {}
        if report is not None:
            for pk, years in _frozen_yearly(report, codes[plan.pk]).items():
                yearly.setdefault(pk, {}).update(years)
        source = "live" if report is None else ("mixed" if needs_live else "final")
        result.append(PlanFigures(plan=plan, source=source, report=report, yearly=yearly))
    return result


@dataclass
class TargetFigure:
    target: NationalTarget
    yearly: dict[int, Decimal]
    value: Decimal | None
    status: str
    percent: Decimal | None


@dataclass
class AgencyRow:
    agency: Agency
    plans: list[PlanFigures]
    cells: dict[str, Decimal | None]

    @property
    def sources(self) -> list[str]:
        return sorted({p.source for p in self.plans})


@dataclass
class Rollup:
    targets: list[NationalTarget]
    agencies: list[AgencyRow]
    totals: dict[str, TargetFigure]
    last_year: int


def _matches(target: NationalTarget, indicator) -> bool:
    return indicator.measure == target.measure and (
        not target.measure_arg or indicator.measure_arg == target.measure_arg
    )


def _target_value(target: NationalTarget, yearly: dict[int, Decimal], last_year: int) -> Decimal | None:
    end = min(target.year, last_year)
    if target.kind == TargetKind.GROWTH:
        if end <= target.year_from:
            return None
        rate = compound_growth_percent(
            yearly.get(target.year_from), yearly.get(end, Decimal(0)), end - target.year_from
        )
        return None if rate is None else rate.quantize(Decimal("0.01"))
    return sum((v for y, v in yearly.items() if target.year_from <= y <= target.year), Decimal(0))


def _figure(target: NationalTarget, yearly: dict[int, Decimal], last_year: int) -> TargetFigure:
    value = _target_value(target, yearly, last_year)
    status = target_status(value, target.target_low, target.target_high)
    percent = None
    if target.kind == TargetKind.COUNT and value is not None and target.target_low:
        percent = (value / target.target_low * HUNDRED).quantize(Decimal("0.01"))
    return TargetFigure(target=target, yearly=dict(sorted(yearly.items())), value=value, status=status, percent=percent)


def national_rollup() -> Rollup:
    targets = list(NationalTarget.objects.all())
    plans = list(
        Plan.objects.exclude(status=PlanStatus.DRAFT)
        .select_related("agency")
        .order_by("agency__name", "start_year", "pk")
    )
    figures = plan_figures(plans)
    indicators = {
        i.pk: i
        for i in Indicator.objects.filter(objective__plan__in=[p.pk for p in plans]).only(
            "pk", "measure", "measure_arg"
        )
    }
    last_year = clock.today().year - 1
    by_agency: dict[int, list[PlanFigures]] = defaultdict(list)
    national: dict[str, dict[int, Decimal]] = {t.code: defaultdict(Decimal) for t in targets}
    agency_yearly: dict[int, dict[str, dict[int, Decimal]]] = defaultdict(
        lambda: {t.code: defaultdict(Decimal) for t in targets}
    )
    for pf in figures:
        by_agency[pf.plan.agency_id].append(pf)
        for pk, years in pf.yearly.items():
            indicator = indicators.get(pk)
            for target in targets:
                if indicator is not None and _matches(target, indicator):
                    for year, value in years.items():
                        national[target.code][year] += value
                        agency_yearly[pf.plan.agency_id][target.code][year] += value
    rows = []
    for agency in Agency.objects.order_by("name"):
        plan_list = by_agency.get(agency.pk, [])
        cells = (
            {t.code: _target_value(t, agency_yearly[agency.pk][t.code], last_year) for t in targets}
            if plan_list
            else {}
        )
        rows.append(AgencyRow(agency=agency, plans=plan_list, cells=cells))
    rows.sort(key=lambda r: r.agency.name)
    totals = {t.code: _figure(t, national[t.code], last_year) for t in targets}
    return Rollup(targets=targets, agencies=rows, totals=totals, last_year=last_year)
