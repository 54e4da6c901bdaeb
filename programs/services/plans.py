"""Keeping a plan's structure: the plan, objectives, indicators, annual plans and targets, tasks."""

from django.db import transaction

from ..models import AnnualTarget, Plan
from ..permissions import can_edit_plans
from .common import ensure, save_audited


@transaction.atomic
def plan_save(*, plan: Plan, actor) -> Plan:
    """Create or update a plan (staff); validated (end year after start) and audited."""
    ensure(can_edit_plans(actor))
    return save_audited(plan, actor=actor, action="programs.plan")


@transaction.atomic
def plan_item_save(*, item, actor):
    """Create or update an objective, indicator, annual plan, task group or task (staff); audited.

    Validation lives in the models' ``clean`` (min ≤ max, a year inside the plan's years, ...).
    """
    ensure(can_edit_plans(actor))
    return save_audited(item, actor=actor, action=f"programs.{item._meta.model_name}")


@transaction.atomic
def annual_target_save(*, annual_plan, indicator, target_min, target_max, actor) -> AnnualTarget:
    """Set (or replace) the yearly target of ``indicator`` in ``annual_plan`` (staff); audited."""
    ensure(can_edit_plans(actor))
    target = AnnualTarget.objects.filter(annual_plan=annual_plan, indicator=indicator).first() or AnnualTarget(
        annual_plan=annual_plan, indicator=indicator
    )
    target.target_min, target.target_max = target_min, target_max
    return save_audited(
        target,
        actor=actor,
        action="programs.annualtarget",
        target_min=str(target_min),
        target_max=None if target_max is None else str(target_max),
    )
