"""KPI measures computed from applications, registered in ``programs.measures`` (one query each),
and the base querysets the reports use, so that a report's support section and its KPI table
count exactly the same applications."""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from programs.area import plan_area_q
from programs.drilldown import ENTERPRISE_ROWS
from programs.measures import FactSource, Measure
from programs.periods import DateRange, bucket_counts, in_range

from .models import SUPPORTED_STATUSES, ApplicationEvent, Status, SupportApplication

CONFORMITY_ITEM = "conformity"
SUPPORTED_ENTERPRISES = "applications.supported_enterprises"
CONFORMITY_ORGANISATIONS = "applications.conformity_organisations"


def recorded_by(as_of, status: str) -> Q:
    """Leave out applications whose move to ``status`` was recorded after ``as_of`` (None: keep all)."""
    if as_of is None:
        return Q()
    later = ApplicationEvent.objects.filter(application=OuterRef("pk"), to_status=status, created_at__gt=as_of)
    return ~Q(Exists(later))


def supported_applications(*, plan, within: DateRange | None = None, as_of=None):
    """Applications under the plan's schemes whose support was decided (approved or later), by the
    decision date, within ``within`` when given (a lazy QuerySet)."""
    qs = SupportApplication.objects.filter(
        recorded_by(as_of, Status.APPROVED),
        scheme__plan=plan,
        status__in=SUPPORTED_STATUSES,
        decision_date__isnull=False,
    )
    return qs.filter(**in_range("decision_date", within)) if within is not None else qs


def supported_enterprises_counts(*, plan, indicator=None, ranges: list[DateRange], as_of=None) -> list[int]:
    """Distinct enterprises whose support was decided, per range of the decision date."""
    return bucket_counts(
        supported_applications(plan=plan, as_of=as_of),
        "decision_date",
        ranges,
        count=Count("enterprise", distinct=True),
    )


def supported_enterprises_distinct(*, plan, indicator=None, within: DateRange, as_of=None) -> int:
    """Distinct enterprises supported over the whole range."""
    return supported_applications(plan=plan, within=within, as_of=as_of).aggregate(
        n=Count("enterprise", distinct=True)
    )["n"]


def conformity_applications(*, plan, as_of=None):
    """Conformity-assessment capacity support of the plan's schemes whose results were accepted,
    for organisations within the plan's area."""
    return SupportApplication.objects.filter(
        plan_area_q(plan, "enterprise__"),
        recorded_by(as_of, Status.ACCEPTED),
        scheme__plan=plan,
        scheme__item__code=CONFORMITY_ITEM,
        status__in=(Status.ACCEPTED, Status.DISBURSED),
        accepted_on__isnull=False,
    )


def conformity_organisations_counts(*, plan, indicator=None, ranges: list[DateRange], as_of=None) -> list[int]:
    """Organisations whose conformity-assessment support was accepted, per range of the acceptance day."""
    return bucket_counts(
        conformity_applications(plan=plan, as_of=as_of), "accepted_on", ranges, count=Count("enterprise", distinct=True)
    )


def conformity_organisations_distinct(*, plan, indicator=None, within: DateRange, as_of=None) -> int:
    return (
        conformity_applications(plan=plan, as_of=as_of)
        .filter(**in_range("accepted_on", within))
        .aggregate(n=Count("enterprise", distinct=True))["n"]
    )


def supported_enterprise_ids(queryset):
    """For the enterprises list filter "has received support"."""
    return queryset.filter(applications__status__in=SUPPORTED_STATUSES).distinct()


def supported_enterprises(*, plan, within: DateRange):
    """Enterprises of ``plan`` whose support was decided within the range (drill-down; not evaluated)."""
    from enterprises.models import Enterprise

    ids = supported_applications(plan=plan, within=within).values("enterprise")
    return Enterprise.objects.filter(pk__in=ids)


def supported_enterprises_records(*, plan, indicator=None, within: DateRange):
    """The enterprises an indicator of supported enterprises counts over the range (by name)."""
    return supported_enterprises(plan=plan, within=within).select_related("unit", "sector").order_by("name", "pk")


def conformity_organisations_records(*, plan, indicator=None, within: DateRange):
    from enterprises.models import Enterprise

    ids = conformity_applications(plan=plan).filter(**in_range("accepted_on", within)).values("enterprise")
    return Enterprise.objects.filter(pk__in=ids).select_related("unit", "sector").order_by("name", "pk")


def supported_enterprises_source(*, plan, indicator=None) -> FactSource:
    return FactSource(
        supported_applications(plan=plan),
        "decision_date",
        "enterprise__",
        Count("enterprise", distinct=True),
        "enterprise",
    )


def conformity_organisations_source(*, plan, indicator=None) -> FactSource:
    return FactSource(
        conformity_applications(plan=plan),
        "accepted_on",
        "enterprise__",
        Count("enterprise", distinct=True),
        "enterprise",
    )


supported_enterprises_measure = Measure(
    key=SUPPORTED_ENTERPRISES,
    label=_("Enterprises supported (support decided)"),
    counts=supported_enterprises_counts,
    distinct=supported_enterprises_distinct,
    records=supported_enterprises_records,
    records_template=ENTERPRISE_ROWS,
    rule=_(
        "Distinct enterprises with an application under one of the plan's support schemes whose support "
        "was decided (status approved or later), by the date of the support decision."
    ),
    source=supported_enterprises_source,
)
conformity_organisations_measure = Measure(
    key=CONFORMITY_ORGANISATIONS,
    label=_("Conformity-assessment organisations supported (results accepted)"),
    counts=conformity_organisations_counts,
    distinct=conformity_organisations_distinct,
    records=conformity_organisations_records,
    records_template=ENTERPRISE_ROWS,
    rule=_(
        "Distinct organisations of the plan's area with conformity-assessment capacity support under one of "
        "the plan's schemes whose results were accepted, by the day of acceptance."
    ),
    source=conformity_organisations_source,
)
