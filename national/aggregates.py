"""What the open-data API serves: each agency's public aggregates (its KPIs' yearly figures, from
the final reports or the live facts as the roll-up takes them, and the outcome aggregates with the
minimum group size), the national roll-up, and, for the Ministry's tokens, the non-public
breakdown by administrative unit and sector (the yearly facts) and the outcomes without
suppression."""

import csv
import io
from decimal import Decimal

from django.db.models import Max

from facts.models import FactState, YearlyFact
from programs.applications.outcomes.figures import MIN_GROUP, cohort, outcome_summary
from programs.models import Agency, Indicator, Plan, PlanStatus
from programs.targets import indicator_target
from reports.models import ReportRun, ReportStatus

from .exports import plain, target_text
from .rollup import Rollup, plan_figures


def _plain(value):
    value = plain(value)
    return float(value) if isinstance(value, Decimal) else value


def public_plans(agency: Agency):
    return list(Plan.objects.filter(agency=agency).exclude(status=PlanStatus.DRAFT).order_by("start_year", "pk"))


def last_change(plans) -> object:
    """The moment of the last counted change or finalised report behind these plans' figures."""
    ids = [p.pk for p in plans]
    moments = [
        FactState.objects.filter(plan__in=ids).aggregate(m=Max("changed_at"))["m"],
        ReportRun.objects.filter(plan__in=ids, status=ReportStatus.FINALISED).aggregate(m=Max("finished_at"))["m"],
    ]
    moments = [m for m in moments if m is not None]
    return max(moments) if moments else None


def agency_json(agency: Agency) -> dict:
    return {"code": agency.code, "name": agency.name}


def agency_aggregates(agency: Agency, *, public: bool = True) -> dict:
    plans = public_plans(agency)
    figures = {pf.plan.pk: pf for pf in plan_figures(plans)}
    indicators = Indicator.objects.filter(objective__plan__in=[p.pk for p in plans]).order_by(
        "objective__order", "objective__code", "order", "code"
    )
    by_plan: dict[int, list] = {}
    for indicator in indicators.select_related("objective"):
        yearly = figures[indicator.objective.plan_id].yearly.get(indicator.pk, {})
        by_plan.setdefault(indicator.objective.plan_id, []).append(
            {
                "code": indicator.code,
                "name": indicator.name,
                "unit": indicator.unit,
                "kind": indicator.kind,
                "target": indicator_target(indicator).as_json(),
                "yearly": [{"year": y, "value": _plain(v)} for y, v in sorted(yearly.items())],
            }
        )
    result = []
    for plan in plans:
        pf = figures[plan.pk]
        outcomes = outcome_summary(cohort(plan=plan), public=public)
        result.append(
            {
                "id": plan.pk,
                "title": plan.title,
                "start_year": plan.start_year,
                "end_year": plan.end_year,
                "status": plan.status,
                "source": pf.source,
                "report": None
                if pf.report is None
                else {"kind": pf.report.kind, "data_from": pf.report.data_from, "data_to": pf.report.data_to},
                "indicators": by_plan.get(plan.pk, []),
                "outcomes": outcomes.as_json() if outcomes.shown else {"min_group": MIN_GROUP, "shown": False},
            }
        )
    return {"agency": agency_json(agency), "plans": result}


def agency_breakdown(agency: Agency) -> dict:
    """The yearly facts by unit and sector (non-public: a small group may be one enterprise)."""
    plans = public_plans(agency)
    fresh = set(FactState.objects.filter(plan__in=plans, stale=False).values_list("plan_id", flat=True))
    rows = YearlyFact.objects.filter(plan__in=plans).order_by(
        "plan_id", "indicator__code", "year", "unit_id", "sector_id"
    )
    return {
        "agency": agency_json(agency),
        "plans": [{"id": p.pk, "title": p.title, "facts_fresh": p.pk in fresh} for p in plans],
        "facts": [
            {
                "plan": f.plan_id,
                "indicator": f.indicator.code,
                "year": f.year,
                "unit": f.unit.code if f.unit else None,
                "unit_name": f.unit.name if f.unit else None,
                "sector": f.sector.code if f.sector else None,
                "value": _plain(f.value),
            }
            for f in rows.select_related("indicator", "unit", "sector")
        ],
        "outcomes": [{"plan": p.pk, **outcome_summary(cohort(plan=p), public=False).as_json()} for p in plans],
    }


def rollup_json(rollup: Rollup) -> dict:
    return {
        "last_year": rollup.last_year,
        "targets": [
            {
                "code": t.code,
                "name": t.name,
                "decision": t.decision,
                "kind": t.kind,
                "year_from": t.year_from,
                "year": t.year,
                "target_min": _plain(t.target_low),
                "target_max": _plain(t.target_high),
                "unit": t.unit,
                "text": target_text(t),
                "national_value": _plain(rollup.totals[t.code].value),
                "national_yearly": [{"year": y, "value": _plain(v)} for y, v in rollup.totals[t.code].yearly.items()],
                "status": rollup.totals[t.code].status,
                "percent_of_target": _plain(rollup.totals[t.code].percent),
            }
            for t in rollup.targets
        ],
        "agencies": [
            {
                **agency_json(row.agency),
                "sources": row.sources,
                "values": {code: _plain(v) for code, v in row.cells.items()},
            }
            for row in rollup.agencies
        ],
    }


def aggregates_csv(data: dict) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["agency", "plan", "source", "indicator", "name", "unit", "year", "value"])
    for plan in data["plans"]:
        for indicator in plan["indicators"]:
            for cell in indicator["yearly"]:
                writer.writerow(
                    [
                        data["agency"]["code"],
                        plan["id"],
                        plan["source"],
                        indicator["code"],
                        _safe(indicator["name"]),
                        indicator["unit"],
                        cell["year"],
                        cell["value"],
                    ]
                )
    return ("\ufeff" + out.getvalue()).encode()


def _safe(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
