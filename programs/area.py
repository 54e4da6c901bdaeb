"""Which enterprises lie in a plan's province (matched on unit codes, so every dated version counts)."""

from django.db.models import Q

from .models import Plan


def plan_area_q(plan: Plan, prefix: str = "") -> Q:
    """A filter on Enterprise (through ``prefix``) for the plan's province; everything when unset."""
    if not plan.province_id:
        return Q()
    code = plan.province.code
    return (
        Q(**{f"{prefix}unit__code": code})
        | Q(**{f"{prefix}unit__parent__code": code})
        | Q(**{f"{prefix}unit__parent__parent__code": code})
    )
