"""The plan's area: the one function every measure and drill-down uses to ask "is this record in
the plan's territory?" — the dated area of the plan's agency during the plan's span (its first data
year's first day to its last data year's last day), extended through the old→new unit mappings
(so Quảng Nam's enterprises count for Đà Nẵng's plan after the merger). An agency without an area
puts no limit on its plans."""

from django.db.models import Q

from .agencies import area_unit_ids
from .models import Plan


def plan_area_q(plan: Plan, prefix: str = "") -> Q:
    """A filter on Enterprise (through ``prefix``, e.g. "enterprise__") for the plan's area.

    One query without an area, three with one; the units are kept on the plan instance, so a
    measure's yearly and period calls share them."""
    if not hasattr(plan, "_area_unit_ids"):
        span = plan.span
        plan._area_unit_ids = area_unit_ids([plan.agency_id], date_from=span.start, date_to=span.end)
    ids = plan._area_unit_ids
    if ids is None:
        return Q()
    return Q(**{f"{prefix}unit_id__in": sorted(ids)})
