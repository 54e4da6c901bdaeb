"""The applications' blocks on the leadership dashboard and the public results page
(registered with ``programs.panels``): outcomes of supported enterprises, and processing on time."""

from django.db.models import Count

from core import clock

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


def processing_panel(*, plan, periods, public: bool, user=None) -> dict:
    """Public: the service figures by year. Leaders and staff: on time and late by month and reviewer,
    and the applications late or due soon today."""
    applications = SupportApplication.objects.filter(scheme__plan=plan)
    years, total = deadlines.service_report(applications, years=periods.years, within=periods.whole)
    context = {"public": public, "years": years, "total": total}
    if public:
        return context
    today = clock.today()
    context.update(
        {
            "by_month": deadlines.on_time_by_month(applications, within=periods.whole),
            "by_reviewer": deadlines.on_time_by_reviewer(applications, within=periods.whole),
            "late_now": deadlines.late(applications, today=today).count(),
            "due_soon_now": deadlines.due_soon(applications, today=today).count(),
            "pipeline": pipeline(applications, years=[y.year for y in periods.years]),
            "queue_link": user is not None and user.is_authenticated and can_see_internal(user),
            "plan_pk": plan.pk,
            "year": periods.single_year,
        }
    )
    return context


def pipeline(applications, *, years) -> list[tuple[str, str, int]]:
    """(status, label, count) of the applications filed in ``years``, in workflow order (one query)."""
    counts = dict(
        applications.filter(year__in=years)
        .exclude(status=Status.DRAFT)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(value, label, counts.get(value, 0)) for value, label in Status.choices if value != Status.DRAFT]
