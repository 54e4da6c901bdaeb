"""KPI measures computed from applications, registered in ``programs.measures`` (one query each)."""

from django.db.models import Count
from django.db.models.functions import ExtractYear

from .models import SUPPORTED_STATUSES, Status, SupportApplication

CONFORMITY_ITEM = "conformity"


def _plan_scoped(qs, indicator):
    if indicator is not None and getattr(indicator, "objective_id", None):
        qs = qs.filter(scheme__plan__objectives=indicator.objective_id)
    return qs


def _supported(indicator, year_from, year_to):
    qs = SupportApplication.objects.filter(
        status__in=SUPPORTED_STATUSES, decision_date__year__gte=year_from, decision_date__year__lte=year_to
    )
    return _plan_scoped(qs, indicator)


def supported_enterprises_yearly(*, indicator=None, year_from: int, year_to: int) -> dict[int, int]:
    """Distinct enterprises whose support was decided, by year of the decision."""
    rows = (
        _supported(indicator, year_from, year_to)
        .annotate(y=ExtractYear("decision_date"))
        .values("y")
        .annotate(n=Count("enterprise", distinct=True))
        .order_by("y")
    )
    return {r["y"]: r["n"] for r in rows}


def supported_enterprises_period(*, indicator=None, year_from: int, year_to: int) -> int:
    """Distinct enterprises supported over the whole span."""
    return _supported(indicator, year_from, year_to).aggregate(n=Count("enterprise", distinct=True))["n"]


def _conformity(indicator, year_from, year_to):
    qs = SupportApplication.objects.filter(
        scheme__item__code=CONFORMITY_ITEM,
        status__in=(Status.ACCEPTED, Status.DISBURSED),
        accepted_on__year__gte=year_from,
        accepted_on__year__lte=year_to,
    )
    return _plan_scoped(qs, indicator)


def conformity_organisations_yearly(*, indicator=None, year_from: int, year_to: int) -> dict[int, int]:
    """Organisations whose conformity-assessment capacity support was accepted, by year."""
    rows = (
        _conformity(indicator, year_from, year_to)
        .annotate(y=ExtractYear("accepted_on"))
        .values("y")
        .annotate(n=Count("enterprise", distinct=True))
        .order_by("y")
    )
    return {r["y"]: r["n"] for r in rows}


def conformity_organisations_period(*, indicator=None, year_from: int, year_to: int) -> int:
    return _conformity(indicator, year_from, year_to).aggregate(n=Count("enterprise", distinct=True))["n"]


def supported_enterprise_ids(queryset):
    """For the enterprises list filter "has received support"."""
    return queryset.filter(applications__status__in=SUPPORTED_STATUSES).distinct()


def supported_enterprises(*, plan, year_from: int, year_to: int):
    """Enterprises of ``plan`` whose support was decided in the span (drill-down; not evaluated)."""
    from enterprises.models import Enterprise

    ids = _supported(None, year_from, year_to).filter(scheme__plan=plan).values("enterprise")
    return Enterprise.objects.filter(pk__in=ids)
