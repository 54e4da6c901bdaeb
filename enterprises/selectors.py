"""Reads of the enterprises app: units by period, roll-ups, enterprises scoped to a user."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet

from accounts.models import Role

from .models import AdministrativeUnit, Enterprise, Representative, RepresentativeStatus, UnitMapping
from .permissions import ROLES

STAFF_VIEW_ROLES = ROLES["enterprise_list"]


# --- Administrative units ---------------------------------------------------------------------------
def units_valid_on(day: datetime.date) -> QuerySet[AdministrativeUnit]:
    """Unit versions in force on ``day``. A version with an unknown start counts from the start."""
    return AdministrativeUnit.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def units_valid_in(date_from: datetime.date, date_to: datetime.date) -> QuerySet[AdministrativeUnit]:
    """Unit versions in force on at least one day of [date_from, date_to]."""
    return AdministrativeUnit.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=date_to), Q(valid_to__isnull=True) | Q(valid_to__gte=date_from)
    )


def _in_force(unit: AdministrativeUnit, day: datetime.date) -> bool:
    return (unit.valid_from is None or unit.valid_from <= day) and (unit.valid_to is None or day <= unit.valid_to)


class UnitRollup:
    """Follows old → new mappings in memory (two queries, or none when the units and mappings
    are given), for many units at once."""

    def __init__(self, on: datetime.date, *, units=None, mappings=None):
        self.on = on
        self.units = units if units is not None else {u.pk: u for u in AdministrativeUnit.objects.all()}
        if mappings is None:
            mappings = UnitMapping.objects.filter(effective_on__lte=on).order_by("effective_on")
        self.mappings: dict[int, list[UnitMapping]] = {}
        for mapping in mappings:
            if mapping.effective_on <= on:
                self.mappings.setdefault(mapping.old_unit_id, []).append(mapping)

    def __call__(self, unit_id: int | None) -> AdministrativeUnit | None:
        """The unit in force on ``on`` that ``unit_id`` became (itself if still in force; None when
        the successor is unknown; the unit itself when it starts after ``on``)."""
        seen = set()
        current = self.units.get(unit_id)
        while current is not None and not _in_force(current, self.on):
            if current.valid_from is not None and self.on < current.valid_from:
                return current
            if current.pk in seen:
                return None
            seen.add(current.pk)
            successors = self.mappings.get(current.pk)
            current = self.units.get(successors[-1].new_unit_id) if successors else None
        return current

    def members(self, unit: AdministrativeUnit) -> set[int]:
        """Ids of every unit version (and its child communes) that rolls up to ``unit``."""
        ids = set()
        for candidate in self.units.values():
            target = self(candidate.pk)
            parent_target = self(candidate.parent_id) if candidate.parent_id else None
            if (target is not None and target.pk == unit.pk) or (
                parent_target is not None and parent_target.pk == unit.pk
            ):
                ids.add(candidate.pk)
        return ids


def unit_ids_within(spans, *, date_from: datetime.date, date_to: datetime.date) -> set[int]:
    """Ids of the unit versions inside one of ``spans`` — (root unit id, valid_from, valid_to),
    open ends allowed — during [date_from, date_to]: the versions under the root (same code, or
    a parent with it) that were in force during the span, and every version that the mappings
    roll up into one under the root by the last day of the span. Two queries.

    So the area "Đà Nẵng (48) from 1 Jul 2025" holds the new communes and every Quảng Nam commune
    version of 2021-2025 (their records carry over); "Quảng Nam (49) until 30 Jun 2025" holds
    none of the units that started on 1 Jul 2025."""
    spans = list(spans)
    if not spans:
        return set()
    units = {u.pk: u for u in AdministrativeUnit.objects.only("pk", "code", "parent_id", "valid_from", "valid_to")}
    mappings = list(UnitMapping.objects.order_by("effective_on"))
    result: set[int] = set()

    def under(unit, code) -> bool:
        depth = 0
        while unit is not None and depth < 5:
            if unit.code == code:
                return True
            unit, depth = units.get(unit.parent_id), depth + 1
        return False

    for root_id, start, end in spans:
        first, last = max(start or datetime.date.min, date_from), min(end or datetime.date.max, date_to)
        if first > last or root_id not in units:
            continue
        root_code = units[root_id].code
        rollup = UnitRollup(last, units=units, mappings=mappings)
        for pk, unit in units.items():
            in_force = (unit.valid_from or datetime.date.min) <= last and first <= (unit.valid_to or datetime.date.max)
            if (in_force and under(unit, root_code)) or under(rollup(pk), root_code):
                result.add(pk)
    return result


def unit_lineage(unit: AdministrativeUnit | None, *, on: datetime.date) -> list[AdministrativeUnit]:
    """The versions ``unit`` went through up to the one in force on ``on`` (the recorded version
    first), following the mappings; one element when it is still in force."""
    if unit is None:
        return []
    rollup = UnitRollup(on)
    chain, current, seen = [], rollup.units.get(unit.pk), set()
    while current is not None and current.pk not in seen:
        if current.parent_id in rollup.units:
            current.parent = rollup.units[current.parent_id]  # no query per version on the page
        chain.append(current)
        seen.add(current.pk)
        if _in_force(current, on) or (current.valid_from is not None and on < current.valid_from):
            break
        successors = rollup.mappings.get(current.pk)
        current = rollup.units.get(successors[-1].new_unit_id) if successors else None
    return chain


def enterprise_counts_by_unit(
    enterprises: QuerySet[Enterprise], *, on: datetime.date, level: str = "district"
) -> dict[AdministrativeUnit | None, int]:
    """How many of ``enterprises`` fall in each unit of ``level`` in force on ``on``: each
    enterprise's recorded unit is rolled up through the mappings, then climbs to ``level``
    (key None: unit unknown or its successor not mapped). Three queries."""
    rollup = UnitRollup(on)
    counts: dict[AdministrativeUnit | None, int] = {}
    for unit_id, n in enterprises.order_by().values_list("unit_id").annotate(n=Count("pk")):
        target = rollup(unit_id)
        while target is not None and target.level != level:
            target = rollup.units.get(target.parent_id)
        counts[target] = counts.get(target, 0) + n
    return counts


def unit_rollup(unit: AdministrativeUnit | None, *, on: datetime.date) -> AdministrativeUnit | None:
    """The unit in force on ``on`` that ``unit`` became through the mappings (None if unknown)."""
    if unit is None:
        return None
    return UnitRollup(on)(unit.pk)


# --- Enterprises and representatives -----------------------------------------------------------
def enterprises_visible_to(*, user) -> QuerySet[Enterprise]:
    """For internal roles, the enterprises their agencies may see (``scoping``: in the agencies'
    area or with records at them, and those whose unit is unknown; everything when no scope is
    registered); for a representative, the enterprises staff verified it represents (a pending
    request sees nothing of the enterprise); nothing for others."""
    from .scoping import internal_scope

    if not user.is_authenticated:
        return Enterprise.objects.none()
    if user.has_role(*STAFF_VIEW_ROLES):
        scope = internal_scope(user, also=Q(unit__isnull=True))
        return Enterprise.objects.all() if scope is None else Enterprise.objects.filter(scope)
    if user.has_role(Role.ENTERPRISE):
        return verified_enterprises_for(user)
    return Enterprise.objects.none()


def enterprise_list(*, user) -> QuerySet[Enterprise]:
    """The staff list's rows before the page is taken (no joins, no counts: see ``list_rows``)."""
    return enterprises_visible_to(user=user)


def list_rows(enterprises: QuerySet[Enterprise]) -> QuerySet[Enterprise]:
    """One page's enterprises: unit, parent unit and sector joined, representatives counted."""
    return enterprises.select_related("unit", "unit__parent", "sector").annotate(
        verified_count=Count(
            "representatives", filter=Q(representatives__status=RepresentativeStatus.VERIFIED), distinct=True
        ),
        pending_count=Count(
            "representatives", filter=Q(representatives__status=RepresentativeStatus.PENDING), distinct=True
        ),
    )


def enterprise_detail(*, user, pk: int) -> Enterprise:
    """One enterprise the user may see (Enterprise.DoesNotExist otherwise → 404)."""
    return (
        enterprises_visible_to(user=user).select_related("unit", "unit__parent", "sector", "sector__parent").get(pk=pk)
    )


def representatives_of(enterprise: Enterprise) -> QuerySet[Representative]:
    return enterprise.representatives.select_related("user", "decided_by").order_by("status", "requested_at")


def representations_of(user) -> QuerySet[Representative]:
    """The user's representative requests with their enterprises, newest first."""
    return Representative.objects.filter(user=user).select_related("enterprise", "decided_by").order_by("-requested_at")


def staff_emails(*, enterprise: Enterprise) -> list[str]:
    """Addresses of the active staff who verify ``enterprise``'s representatives: those whose
    agencies see it (the same scope as their queue of pending requests). One query per specialist
    (it runs on a rare event: a representative changing the tax code)."""
    from accounts.models import User

    staff = User.objects.filter(is_active=True, groups__name=Role.STAFF).order_by("email").distinct()
    return [user.email for user in staff if enterprises_visible_to(user=user).filter(pk=enterprise.pk).exists()]


def representatives_pending(*, user) -> QuerySet[Representative]:
    """Requests awaiting verification for enterprises ``user`` may see, oldest first (the page's
    rows get their joins and counts from ``pending_rows``)."""
    return Representative.objects.filter(
        status=RepresentativeStatus.PENDING, enterprise__in=enterprises_visible_to(user=user)
    ).order_by("requested_at", "pk")


def pending_rows(requests: QuerySet[Representative]) -> QuerySet[Representative]:
    """One page of pending requests with the user, the enterprise and its verified representatives."""
    return requests.select_related("user", "enterprise", "enterprise__unit").annotate(
        verified_count=Count(
            "enterprise__representatives",
            filter=Q(enterprise__representatives__status=RepresentativeStatus.VERIFIED),
        )
    )


def verified_enterprises_for(user) -> QuerySet[Enterprise]:
    """Enterprises for which ``user`` is a verified representative (may submit applications)."""
    if not getattr(user, "is_authenticated", False):
        return Enterprise.objects.none()
    return Enterprise.objects.filter(
        representatives__user=user, representatives__status=RepresentativeStatus.VERIFIED
    ).distinct()


def enterprise_for_user(user) -> Enterprise | None:
    """The enterprise ``user`` acts for: the first verified one, else the first pending request
    (drafts may be prepared while pending); None when the user represents none."""
    if not getattr(user, "is_authenticated", False):
        return None
    representative = (
        Representative.objects.filter(
            user=user, status__in=[RepresentativeStatus.VERIFIED, RepresentativeStatus.PENDING]
        )
        .select_related("enterprise")
        .order_by("-status", "requested_at")  # "verified" sorts after "pending": verified first
        .first()
    )
    return representative.enterprise if representative else None
