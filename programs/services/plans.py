"""Keeping a plan's structure: the plan, objectives, indicators, annual plans and targets, tasks."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User

from ..agencies import ensure_in_scope, member_agencies
from ..models import AnnualPlan, AnnualTarget, Indicator, Objective, Plan, PlanStatus, Task, TaskGroup
from ..permissions import ROLES
from .common import save_audited

REPORTING_RULE = ("data_year_start_month", "data_year_start_day")


def copy_reporting_rule(plan: Plan) -> None:
    """A new plan starts from its agency's default reporting rule (the day the data year starts,
    15 Dec by default, Decree 09) unless another rule was chosen for it; the rule then lives on the
    plan (``programs.periods`` reads it there), so the agency's later changes do not move it."""
    defaults = tuple(Plan._meta.get_field(name).default for name in REPORTING_RULE)  # type: ignore[union-attr]
    if tuple(getattr(plan, name) for name in REPORTING_RULE) == defaults:
        for name in REPORTING_RULE:
            setattr(plan, name, getattr(plan.agency, name))


def ensure_plan_editable(plan: Plan, actor: User) -> None:
    """Staff of the plan's agency (or of one that took it over) change a plan that is not closed."""
    ROLES.check(actor, "plan_edit")
    ensure_in_scope(actor, plan.agency_id)
    if plan.status == PlanStatus.CLOSED:
        raise ValidationError(_("The plan is closed: it can be read but no longer changed."))


@transaction.atomic
def plan_save(*, plan: Plan, actor: User) -> Plan:
    """Create (as a draft of one of the actor's agencies) or update a plan (staff); validated and audited.
    The status moves only through the life-cycle services."""
    ROLES.check(actor, "plan_edit")
    if plan.pk is None:
        if not member_agencies(actor).filter(pk=plan.agency_id).exists():
            raise PermissionDenied(_("You may start plans only for your own agency."))
        plan.status = PlanStatus.DRAFT
        copy_reporting_rule(plan)
    else:
        stored = Plan.objects.select_for_update().get(pk=plan.pk)
        ensure_plan_editable(stored, actor)
        plan.status, plan.agency_id = stored.status, stored.agency_id
    return save_audited(plan, actor=actor, action="programs.plan")


def _plan_of(item) -> Plan:
    for path in ("plan", "objective.plan", "group.plan", "annual_plan.plan"):
        obj = item
        for name in path.split("."):
            obj = getattr(obj, name, None)
        if isinstance(obj, Plan):
            return obj
    raise ValueError(f"No plan for {item!r}")


@transaction.atomic
def plan_item_save[Item: (Objective, Indicator, AnnualPlan, TaskGroup, Task)](*, item: Item, actor: User) -> Item:
    """Create or update an objective, indicator, annual plan, task group or task (staff); audited.

    Validation lives in the models' ``clean`` (min ≤ max, a year inside the plan's years, ...).
    """
    ensure_plan_editable(_plan_of(item), actor)
    return save_audited(item, actor=actor, action=f"programs.{item._meta.model_name}")


@transaction.atomic
def annual_target_save(
    *,
    annual_plan: AnnualPlan,
    indicator: Indicator,
    target_min: Decimal,
    target_max: Decimal,
    actor: User,
) -> AnnualTarget:
    """Set (or replace) the yearly target of ``indicator`` in ``annual_plan`` (staff); audited."""
    ensure_plan_editable(annual_plan.plan, actor)
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
