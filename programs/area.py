"""The plan's area: the one function every measure and drill-down uses to ask "is this record in
the plan's territory?". An agency-owned, dated area can replace it without touching the measures.

Today the area is the plan's province, matched on unit codes (so every dated version of a unit
counts), and extended through the old→new unit mapping both ways: a record filed under a former
unit that was taken over by a unit of the province counts, and so does a record filed under the
new unit that took over one of the province's former units. A plan without a province has no
limit on its area.
"""

from django.db.models import Q

from .models import Plan


def plan_unit_ids(plan: Plan):
    """A subquery of the ids of every administrative unit (any version) inside the plan's area."""
    from enterprises.models import AdministrativeUnit, UnitMapping

    code = plan.province.code
    direct = AdministrativeUnit.objects.filter(Q(code=code) | Q(parent__code=code) | Q(parent__parent__code=code))
    taken_over = UnitMapping.objects.filter(old_unit__in=direct.values("pk")).values("new_unit")
    former = UnitMapping.objects.filter(new_unit__in=direct.values("pk")).values("old_unit")
    return AdministrativeUnit.objects.filter(
        Q(pk__in=direct.values("pk")) | Q(pk__in=taken_over) | Q(pk__in=former)
    ).values("pk")


def plan_area_q(plan: Plan, prefix: str = "") -> Q:
    """A filter on Enterprise (through ``prefix``, e.g. "enterprise__") for the plan's area."""
    if not plan.province_id:
        return Q()
    return Q(**{f"{prefix}unit__in": plan_unit_ids(plan)})
