"""The KPI feed: person-times of a course kind, registered as ``training.person_times``, and the
base queryset the reports' training section uses, so that both count the same enrolments."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from programs.measures import FactSource, Measure
from programs.periods import DateRange, bucket_counts, in_range

from .models import COUNTED_STATUSES, CourseStatus, Enrolment

PERSON_TIMES = "training.person_times"


def counted_enrolments(*, plan, within: DateRange | None = None, as_of=None):
    """Person-times of ``plan``: attended or certified enrolments in the plan's courses that were not
    cancelled, whose course ended within ``within`` (when given) and whose attendance was recorded
    by ``as_of`` (when given). A course with no plan counts in no plan."""
    enrolments = Enrolment.objects.filter(status__in=COUNTED_STATUSES, course__plan=plan).exclude(
        course__status=CourseStatus.CANCELLED
    )
    if within is not None:
        enrolments = enrolments.filter(**in_range("course__end_date", within))
    if as_of is not None:
        # Enrolments from before attendance times were kept count (attended_at is empty).
        enrolments = enrolments.filter(Q(attended_at__isnull=True) | Q(attended_at__lte=as_of))
    return enrolments


def person_times_counts(*, plan, indicator, ranges: list[DateRange], as_of=None) -> list[int]:
    """Person-times in courses of the kinds whose ``measure_arg`` is the indicator's, per range of the
    course's end date (one aggregate query). An empty argument feeds no indicator."""
    if not indicator.measure_arg:
        return [0] * len(ranges)
    enrolments = counted_enrolments(plan=plan, as_of=as_of).filter(course__kind__measure_arg=indicator.measure_arg)
    return bucket_counts(enrolments, "course__end_date", ranges)


def person_times_records(*, plan, indicator, within: DateRange):
    """The enrolments (person-times) an indicator counts over the range, by course end and name."""
    if not indicator.measure_arg:
        return Enrolment.objects.none()
    return (
        counted_enrolments(plan=plan, within=within)
        .filter(course__kind__measure_arg=indicator.measure_arg)
        .select_related("participant", "course__kind", "enterprise")
        .order_by("course__end_date", "course__title", "participant__full_name", "pk")
    )


def person_times_source(*, plan, indicator) -> FactSource | None:
    """The counted enrolments of the indicator's course kinds, by the course's end day (facts)."""
    if not indicator.measure_arg:
        return None
    enrolments = counted_enrolments(plan=plan).filter(course__kind__measure_arg=indicator.measure_arg)
    return FactSource(enrolments, "course__end_date", "enterprise__", Count("pk"))


person_times_measure = Measure(
    key=PERSON_TIMES,
    label=_("Training person-times (attended enrolments) of the course kinds with this argument"),
    counts=person_times_counts,
    records=person_times_records,
    records_template="training/records/enrolments.html",
    rule=_(
        "Attended or certified enrolments in the plan's courses that were not cancelled, of the course kinds "
        "whose indicator argument is the indicator's, by the day the course ended; each enrolment is one "
        "person-time."
    ),
    source=person_times_source,
)
