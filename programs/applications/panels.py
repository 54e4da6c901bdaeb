"""The applications' blocks on the leadership dashboard and the public results page
(registered with ``programs.panels``): outcomes of supported enterprises, and processing on time."""

import datetime
import json
from dataclasses import asdict
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count

from core import clock
from programs.measures import kept_figures

from . import deadlines
from .models import Status, SupportApplication
from .outcomes.figures import MIN_GROUP, cohort, outcome_summary
from .permissions import can_see_internal


def outcomes_panel(*, plan, periods, public: bool, user=None) -> dict:
    """Outcomes of the enterprises whose support was decided in the years shown."""
    applications = cohort(plan=plan, within=periods.whole)
    return {
        "summary": outcome_summary(applications, public=public),
        "public": public,
        "min_group": MIN_GROUP,
    }


def processing_figures(*, plan, periods) -> dict:
    """The processing block's figures over ``periods`` (JSON-ready: the facts keep them for each
    data year and the whole plan, ``programs.measures.kept_figures``)."""
    applications = SupportApplication.objects.filter(scheme__plan=plan)
    years, total = deadlines.service_report(applications, years=periods.years, within=periods.whole)
    figures = {
        "years": [asdict(y) for y in years],
        "total": asdict(total),
        "by_month": [asdict(r) for r in deadlines.on_time_by_month(applications, within=periods.whole)],
        "by_reviewer": [asdict(r) for r in deadlines.on_time_by_reviewer(applications, within=periods.whole)],
        "pipeline": pipeline_counts(applications, years=[y.year for y in periods.years]),
    }
    return json.loads(json.dumps(figures, cls=DjangoJSONEncoder))


def _service_year(row: dict) -> deadlines.ServiceYear:
    median = row["median_working_days"]
    return deadlines.ServiceYear(**(row | {"median_working_days": None if median is None else Decimal(median)}))


def processing_panel(*, plan, periods, public: bool, user=None) -> dict:
    """Public: the service figures by year. Leaders and staff: on time and late by month and reviewer,
    and the applications late or due soon today."""
    figures = kept_figures("applications.processing", plan=plan, periods=periods)
    context = {
        "public": public,
        "years": [_service_year(row) for row in figures["years"]],
        "total": _service_year(figures["total"]),
    }
    if public:
        return context
    applications = SupportApplication.objects.filter(scheme__plan=plan)
    today = clock.today()
    context.update(
        {
            "by_month": [
                deadlines.OnTimeRow(**(r | {"key": datetime.date.fromisoformat(r["key"])})) for r in figures["by_month"]
            ],
            "by_reviewer": [deadlines.OnTimeRow(**r) for r in figures["by_reviewer"]],
            "late_now": deadlines.late(applications, today=today).count(),
            "due_soon_now": deadlines.due_soon(applications, today=today).count(),
            "pipeline": [
                (value, label, figures["pipeline"].get(value, 0))
                for value, label in Status.choices
                if value != Status.DRAFT
            ],
            "queue_link": user is not None and user.is_authenticated and can_see_internal(user),
            "plan_pk": plan.pk,
            "year": periods.single_year,
        }
    )
    return context


def pipeline_counts(applications, *, years) -> dict[str, int]:
    """{status: applications filed in ``years``} (drafts left out; one query)."""
    return dict(
        applications.filter(year__in=years)
        .exclude(status=Status.DRAFT)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
