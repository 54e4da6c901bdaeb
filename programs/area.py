"""Which enterprises lie in a plan's area: the dated area of the plan's agency during the plan's
years. Every measure that counts enterprises by place goes through ``plan_area_q``."""

import datetime

from django.db.models import Q

from .agencies import area_unit_ids
from .models import Plan


def plan_area_q(plan: Plan, prefix: str = "") -> Q:
    """A filter on Enterprise (through ``prefix``) for the plan's area: enterprises whose recorded
    unit lay in the area of the plan's agency during the plan's years, or became part of it through
    the unit mappings (so Quảng Nam's enterprises count for Đà Nẵng's plan after the merger).
    Everything when the agency has no area. One query without an area, three with one; the
    units are kept on the plan instance, so a measure's yearly and period calls share them."""
    if not hasattr(plan, "_area_unit_ids"):
        plan._area_unit_ids = area_unit_ids(
            [plan.agency_id],
            date_from=datetime.date(plan.start_year, 1, 1),
            date_to=datetime.date(plan.end_year, 12, 31),
        )
    ids = plan._area_unit_ids
    if ids is None:
        return Q()
    return Q(**{f"{prefix}unit_id__in": sorted(ids)})
