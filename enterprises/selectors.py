"""Reads of the enterprises app: units by period, roll-ups, enterprises scoped to a user."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet

from accounts.models import Role

from .models import AdministrativeUnit, Enterprise, Representative, RepresentativeStatus, UnitMapping

STAFF_VIEW_ROLES = (Role.STAFF, Role.ADMIN, Role.LEADER, Role.FINANCE)


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
    """Follows old → new mappings in memory (two queries), for many units at once."""

    def __init__(self, on: datetime.date):
        self.on = on
        self.units = {u.pk: u for u in AdministrativeUnit.objects.all()}
        self.mappings: dict[int, list[UnitMapping]] = {}
        for mapping in UnitMapping.objects.filter(effective_on__lte=on).order_by("effective_on"):
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
    """Everything for internal roles; for a representative, the enterprises staff verified it
    represents (a pending request sees nothing of the enterprise); nothing for others."""
    if not user.is_authenticated:
        return Enterprise.objects.none()
    if user.has_role(*STAFF_VIEW_ROLES):
        return Enterprise.objects.all()
    if user.has_role(Role.ENTERPRISE):
        return verified_enterprises_for(user)
    return Enterprise.objects.none()


def enterprise_list(*, user) -> QuerySet[Enterprise]:
    """The staff list: unit, parent unit and sector joined, verified representatives counted."""
    return (
        enterprises_visible_to(user=user)
        .select_related("unit", "unit__parent", "sector")
        .annotate(
            verified_count=Count(
                "representatives", filter=Q(representatives__status=RepresentativeStatus.VERIFIED), distinct=True
            ),
            pending_count=Count(
                "representatives", filter=Q(representatives__status=RepresentativeStatus.PENDING), distinct=True
            ),
        )
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


def staff_emails() -> list[str]:
    """Addresses of the active staff who verify representatives."""
    from accounts.models import User

    return list(
        User.objects.filter(is_active=True, groups__name=Role.STAFF).order_by("email").values_list("email", flat=True)
    )


def representatives_pending() -> QuerySet[Representative]:
    """Requests awaiting staff verification, oldest first."""
    return (
        Representative.objects.filter(status=RepresentativeStatus.PENDING)
        .select_related("user", "enterprise", "enterprise__unit")
        .annotate(
            verified_count=Count(
                "enterprise__representatives",
                filter=Q(enterprise__representatives__status=RepresentativeStatus.VERIFIED),
            )
        )
        .order_by("requested_at")
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
