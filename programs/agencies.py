"""Which agency's records an internal user works on, and the area of an agency over time.

Rules (README, "Agencies"):
- An internal user (staff, finance, leader, admin) belongs to one or more agencies
  (``Agency.members``). They see and act on the records of those agencies and of every agency
  those took over (``predecessor``, followed back): Đà Nẵng's staff keep Quảng Nam's closed plan
  and its files after the merger. Anything else is a 404, as another enterprise's record is.
- An internal user who belongs to no agency sees no agency's records.
- Partners and enterprises are scoped by their organisation or enterprise, not by agency.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from .models import Agency, AgencyArea

_CACHE = "_agency_ids_cache"


def _predecessors() -> dict[int, int]:
    return dict(Agency.objects.exclude(predecessor=None).values_list("pk", "predecessor_id"))


def agency_ids_for(user) -> frozenset[int]:
    """Ids of the agencies whose records ``user`` works on (cached on the user; two queries)."""
    if not getattr(user, "is_authenticated", False) or not user.is_internal:
        return frozenset()
    cached = getattr(user, _CACHE, None)
    if cached is not None:
        return cached
    own = set(Agency.objects.filter(members=user).values_list("pk", flat=True))
    result = set(own)
    if own:
        earlier = _predecessors()
        frontier = own
        while frontier:
            frontier = {earlier[a] for a in frontier if a in earlier} - result
            result |= frontier
    ids = frozenset(result)
    setattr(user, _CACHE, ids)
    return ids


def agencies_in_charge_of(agency_id: int) -> set[int]:
    """The agency and every agency that took it over (followed forward): whose users work on its records."""
    later: dict[int, set[int]] = {}
    for pk, predecessor in _predecessors().items():
        later.setdefault(predecessor, set()).add(pk)
    result, frontier = {agency_id}, {agency_id}
    while frontier:
        frontier = {s for a in frontier for s in later.get(a, ())} - result
        result |= frontier
    return result


def member_agencies(user) -> QuerySet[Agency]:
    """The agencies ``user`` belongs to (where new plans, courses and partners are created)."""
    if not getattr(user, "is_authenticated", False) or not user.is_internal:
        return Agency.objects.none()
    return Agency.objects.filter(members=user).order_by("valid_from", "pk")


def home_agency(user) -> Agency | None:
    """The agency a new record of ``user`` belongs to by default: the latest they belong to."""
    return member_agencies(user).order_by("-valid_from", "-pk").first()


def in_scope(user, agency_id: int | None) -> bool:
    return agency_id is not None and agency_id in agency_ids_for(user)


def ensure_in_scope(user, agency_id: int | None) -> None:
    """Refuse (PermissionDenied) a record of an agency ``user`` does not work for."""
    if not in_scope(user, agency_id):
        raise PermissionDenied(_("This record belongs to another agency."))


def scoped(queryset: QuerySet, user, lookup: str = "agency") -> QuerySet:
    """``queryset`` narrowed to the records of the agencies ``user`` works on (``lookup`` leads to the agency)."""
    return queryset.filter(**{f"{lookup}__in": agency_ids_for(user)})


# --- Area -----------------------------------------------------------------------------------------
def agencies_serving(unit_id: int | None, *, day: datetime.date) -> set[int] | None:
    """Ids of the agencies whose area holds the unit ``unit_id`` became by ``day`` (through the
    mappings), plus the agencies without an area; None when the unit is unknown (no limit). Three queries."""
    from enterprises.selectors import UnitRollup

    if unit_id is None:
        return None
    rollup = UnitRollup(day)
    unit, codes = rollup(unit_id) or rollup.units.get(unit_id), set()
    while unit is not None and len(codes) < 5:
        codes.add(unit.code)
        unit = rollup.units.get(unit.parent_id)
    areas = AgencyArea.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )
    serving = set(areas.filter(unit__code__in=codes).values_list("agency_id", flat=True))
    return serving | set(Agency.objects.filter(areas__isnull=True).values_list("pk", flat=True))


def area_unit_ids(agency_ids, *, date_from: datetime.date, date_to: datetime.date) -> set[int] | None:
    """Ids of the unit versions that lay in, or through the mappings became part of, the area of
    ``agency_ids`` on a day of [date_from, date_to]. None when none of them has an area (no limit)."""
    from enterprises.selectors import unit_ids_within

    areas = list(AgencyArea.objects.filter(agency_id__in=agency_ids).values_list("unit_id", "valid_from", "valid_to"))
    if not areas:
        return None
    spans = [
        (unit, start, end)
        for unit, start, end in areas
        if (start is None or start <= date_to) and (end is None or end >= date_from)
    ]
    return unit_ids_within(spans, date_from=date_from, date_to=date_to)
