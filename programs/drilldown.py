"""Drill-down of the dashboard's counts by administrative unit and by sector, and the records
behind every figure.

Higher apps register a provider giving the enterprises behind a count (e.g. applications:
enterprises whose support was approved in the span); programs groups them by the district-level
unit valid in the period and by VSIC section, so it never imports those apps. Each row has a
``key`` (a unit's id or ``other``; a section's code or ``none``) and ``in_unit`` / ``in_sector``
select the same enterprises again, so the list behind a row has the row's count. An indicator's
figure lists its measure's ``records`` over the same range.
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


OTHER_UNIT = "other"
NO_SECTOR = "none"
ENTERPRISE_ROWS = "programs/records/enterprises.html"


@dataclass
class DrilldownRow:
    label: str
    count: int
    code: str = ""
    # What the list behind the row is filtered by: ``unit=<key>`` or ``sector=<key>``.
    key: str = ""


def _unit_valid_in(unit, within) -> bool:
    return (unit.valid_from is None or unit.valid_from <= within.end) and (
        unit.valid_to is None or unit.valid_to >= within.start
    )


def drilldown_counts(provider: DrilldownProvider, *, plan, within) -> tuple[list[DrilldownRow], list[DrilldownRow]]:
    """The provider's enterprises counted by district-level unit valid in the range and by VSIC
    section, from one grouped read of them (two queries; the provider's queryset lists each
    enterprise once, so its rows are counted as they are)."""
    rows = list(
        _with_section(_with_area(provider.enterprises(plan=plan, within=within)))
        .values("area", "section_code", "section_name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_area: dict = {}
    by_section: dict = {}
    for r in rows:
        by_area[r["area"]] = by_area.get(r["area"], 0) + r["n"]
        section = (r["section_code"], r["section_name"])
        by_section[section] = by_section.get(section, 0) + r["n"]
    return _unit_rows(by_area, within), _sector_rows(by_section)


def _unit_rows(counts: dict, within) -> list[DrilldownRow]:
    """Rows by unit (largest first), those no longer valid in the range together as "other" (one query)."""
    from enterprises.models import AdministrativeUnit

    units = {u.pk: u for u in AdministrativeUnit.objects.filter(pk__in=[k for k in counts if k])}
    result, other = [], 0
    for pk, n in counts.items():
        unit = units.get(pk)
        if unit is not None and _unit_valid_in(unit, within):
            result.append(DrilldownRow(label=unit.name, count=n, code=unit.code, key=str(unit.pk)))
        else:
            other += n
    result.sort(key=lambda r: (-r.count, r.label))
    if other:
        result.append(DrilldownRow(label="", count=other, key=OTHER_UNIT))
    return result


def _sector_rows(counts: dict) -> list[DrilldownRow]:
    """Rows by section, largest first, then by code (enterprises without a sector last among equals)."""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0][0] is None, item[0][0] or ""))
    return [
        DrilldownRow(label=name or "", count=n, code=code or "", key=code or NO_SECTOR) for (code, name), n in ordered
    ]


def _with_area(enterprises):
    """Enterprises with ``area``: the district-level unit of their place (a commune's parent)."""
    from enterprises.models import UnitLevel

    return enterprises.annotate(
        area=Case(When(unit__level=UnitLevel.COMMUNE, then=F("unit__parent_id")), default=F("unit_id"))
    )


def _with_section(enterprises):
    return enterprises.annotate(
        section_code=Case(When(Q(sector__level=1), then=F("sector__code")), default=F("sector__parent__code")),
        section_name=Case(When(Q(sector__level=1), then=F("sector__name")), default=F("sector__parent__name")),
    )


def _units_valid_in(within):
    from enterprises.models import AdministrativeUnit

    return AdministrativeUnit.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=within.end),
        Q(valid_to__isnull=True) | Q(valid_to__gte=within.start),
    ).values("pk")


def in_unit(enterprises, key: str, within):
    """The enterprises of ``drilldown_counts``' row by unit ``key`` (a unit valid in the range, or ``other``)."""
    enterprises = _with_area(enterprises)
    if key == OTHER_UNIT:
        return enterprises.filter(Q(area__isnull=True) | ~Q(area__in=_units_valid_in(within)))
    if not key.isdigit():
        return enterprises.none()
    return enterprises.filter(area=int(key), area__in=_units_valid_in(within))


def in_sector(enterprises, key: str):
    """The enterprises of ``drilldown_counts``' row by sector ``key`` (a VSIC section's code, or ``none``)."""
    enterprises = _with_section(enterprises)
    if key == NO_SECTOR:
        return enterprises.filter(section_code__isnull=True)
    return enterprises.filter(section_code=key)


@dataclass
class FigureRecords:
    """The records behind one figure of the dashboard: what they are, the rows and their template."""

    title: str
    records: object  # a lazy QuerySet
    template: str


def indicator_records(indicator, *, plan, within) -> FigureRecords | None:
    """The records an indicator's measure counts over ``within`` (None: its figures are not lists,
    e.g. sums of partner figures)."""
    from .measures import get_measure

    measure = get_measure(indicator.measure) if indicator.measure else None
    if measure is None or measure.records is None:
        return None
    records = measure.records(plan=plan, indicator=indicator, within=within)
    return FigureRecords(f"{indicator.code}. {indicator.name}", records, measure.records_template)


def drilldown_records(key: str, *, plan, within, unit: str = "", sector: str = "") -> FigureRecords | None:
    """The enterprises behind one row of a drill-down (by ``unit`` or by ``sector`` key)."""
    provider = get_drilldown(key)
    if provider is None:
        return None
    enterprises = provider.enterprises(plan=plan, within=within)
    if unit:
        enterprises = in_unit(enterprises, unit, within)
    if sector:
        enterprises = in_sector(enterprises, sector)
    return FigureRecords(str(provider.label), enterprises.order_by("name", "pk"), ENTERPRISE_ROWS)


def links_years(result) -> bool:
    """Whether each yearly figure of the indicator links to its records (counts per year)."""
    from .measures import get_measure

    measure = get_measure(result.indicator.measure) if result.indicator.measure else None
    return measure is not None and measure.records is not None


def links_whole_period(result) -> bool:
    """Whether the list over the whole range has the period figure as its count: a plain count
    (the sum of its years) or a distinct count over the period; not a growth rate, nor the sum of
    yearly distinct counts (an enterprise supported in two years is counted twice there)."""
    from .measures import get_measure
    from .models import IndicatorKind

    measure = get_measure(result.indicator.measure) if result.indicator.measure else None
    if measure is None or measure.records is None or result.is_growth:
        return False
    return measure.distinct is None or result.kind == IndicatorKind.AT_LEAST


def model_enterprises_provider() -> DrilldownProvider:
    """The drill-down of model enterprises (programs' own provider)."""
    from django.utils.translation import gettext_lazy as _

    from .own_measures import model_enterprises_qs

    def enterprises(*, plan, within):
        return model_enterprises_qs(plan, within)

    return DrilldownProvider("enterprises.model_enterprises", _("Model enterprises"), enterprises)
