"""The KPI feed: person-times of a course kind, registered as ``training.person_times``."""

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from programs.measures import Measure

from .models import COUNTED_STATUSES, CourseStatus, Enrolment

PERSON_TIMES = "training.person_times"


def person_times_yearly(*, indicator, year_from: int, year_to: int) -> dict[int, int]:
    """{year: attended or certified enrolments} in non-cancelled courses of the indicator's kinds.

    The kinds are those whose ``measure_arg`` is the indicator's; the courses those under the
    indicator's plan, or under no plan and run by the plan's agency; the year is the course's end
    date's. One aggregate query.
    """
    scope = Q()
    if getattr(indicator, "objective_id", None):
        plan = indicator.objective.plan
        scope = Q(course__plan=plan) | Q(course__plan__isnull=True, course__agency=plan.agency_id)
    rows = (
        Enrolment.objects.filter(
            scope,
            status__in=COUNTED_STATUSES,
            course__kind__measure_arg=indicator.measure_arg,
            course__end_date__year__gte=year_from,
            course__end_date__year__lte=year_to,
        )
        .exclude(course__status=CourseStatus.CANCELLED)
        .annotate(year=ExtractYear("course__end_date"))
        .values("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n")
    )
    return {year: n for year, n in rows if indicator.measure_arg}


person_times_measure = Measure(
    key=PERSON_TIMES,
    label=_("Training person-times (attended enrolments) of the course kinds with this argument"),
    yearly=person_times_yearly,
)
