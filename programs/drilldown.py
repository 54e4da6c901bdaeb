"""Drill-down of the dashboard's counts by administrative unit and by sector.

Higher apps register a provider giving the enterprises behind a count (e.g. applications:
enterprises whose support was approved in the span); programs groups them by the district-level
unit valid in the period and by VSIC section, so it never imports those apps.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Case, Count, F, Q, When
from django.utils.functional import Promise


@dataclass(frozen=True)
class DrilldownProvider:
    key: str
    label: str | Promise
    # enterprises(plan=..., within=DateRange) -> QuerySet of Enterprise (not evaluated).
    enterprises: Callable


_providers: dict[str, DrilldownProvider] = {}


def register_drilldown(provider: DrilldownProvider) -> None:
    _providers[provider.key] = provider


def drilldown_providers() -> list[DrilldownProvider]:
    return sorted(_providers.values(), key=lambda p: p.key)


def get_drilldown(key: str) -> DrilldownProvider | None:
    return _providers.get(key)


@dataclass
class DrilldownRow:
    label: str
    count: int
    code: str = ""


def _unit_valid_in(unit, within) -> bool:
    return (unit.valid_from is None or unit.valid_from <= within.end) and (
        unit.valid_to is None or unit.valid_to >= within.start
    )


def counts_by_unit(provider: DrilldownProvider, *, plan, within) -> list[DrilldownRow]:
    """The provider's enterprises counted by district-level unit valid in the range (two queries)."""
    from enterprises.models import AdministrativeUnit, UnitLevel

    rows = (
        provider.enterprises(plan=plan, within=within)
        .annotate(
            area=Case(
                When(unit__level=UnitLevel.COMMUNE, then=F("unit__parent_id")),
                default=F("unit_id"),
            )
        )
        .values("area")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    counts = {r["area"]: r["n"] for r in rows}
    units = {u.pk: u for u in AdministrativeUnit.objects.filter(pk__in=[k for k in counts if k])}
    result, other = [], 0
    for pk, n in counts.items():
        unit = units.get(pk)
        if unit is not None and _unit_valid_in(unit, within):
            result.append(DrilldownRow(label=unit.name, count=n, code=unit.code))
        else:
            other += n
    result.sort(key=lambda r: (-r.count, r.label))
    if other:
        result.append(DrilldownRow(label="", count=other))
    return result


def counts_by_sector(provider: DrilldownProvider, *, plan, within) -> list[DrilldownRow]:
    """The provider's enterprises counted by VSIC section (one query)."""
    rows = (
        provider.enterprises(plan=plan, within=within)
        .annotate(
            section_code=Case(When(Q(sector__level=1), then=F("sector__code")), default=F("sector__parent__code")),
            section_name=Case(When(Q(sector__level=1), then=F("sector__name")), default=F("sector__parent__name")),
        )
        .values("section_code", "section_name")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", "section_code")
    )
    return [DrilldownRow(label=r["section_name"] or "", count=r["n"], code=r["section_code"] or "") for r in rows]


def model_enterprises_provider() -> DrilldownProvider:
    """The drill-down of model enterprises (programs' own provider)."""
    from django.utils.translation import gettext_lazy as _

    from .own_measures import model_enterprises_qs

    def enterprises(*, plan, within):
        return model_enterprises_qs(plan, within)

    return DrilldownProvider("enterprises.model_enterprises", _("Model enterprises"), enterprises)
