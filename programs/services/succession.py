"""“New plan from this one”: the draft of the next plan with the structure of the last."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.audit import audit_record

from ..agencies import ensure_in_scope, member_agencies
from ..lifecycle import plan_copiers
from ..models import Agency, Indicator, Objective, Plan, PlanStatus, Task, TaskGroup
from ..permissions import ROLES
from ..selectors.succession import successor_baselines
from .plans import copy_reporting_rule

# Indicator fields copied as they are (the baseline is computed, the targets kept for staff to revise).
INDICATOR_FIELDS = (
    "code",
    "name",
    "unit",
    "kind",
    "target_min",
    "target_max",
    "target_type",
    "tolerance_percent",
    "direction",
    "source",
    "measure",
    "measure_arg",
    "order",
)


@transaction.atomic
def plan_create_successor(
    *,
    plan: Plan,
    agency: Agency,
    title: str,
    actor: User,
    short_title: str = "",
    issuing_body: str = "",
    province_name: str = "",
    start_year: int | None = None,
    end_year: int | None = None,
    baselines: dict[int, Decimal | None] | None = None,
) -> Plan:
    """Start the next plan from ``plan`` (staff): a draft of ``agency`` — which may be another
    agency, such as the one that took ``plan``'s agency over — for the following span, with a
    copy of its objectives, indicators, task groups and tasks, and what the registered copiers
    add (the support schemes). Each indicator's baseline is ``plan``'s final actual
    (``successor_baselines``) unless ``baselines`` gives another value for its id. Audited.
    """
    ROLES.check(actor, "plan_edit")
    ensure_in_scope(actor, plan.agency_id)
    if not member_agencies(actor).filter(pk=agency.pk).exists():
        raise PermissionDenied(_("You may start plans only for your own agency."))
    start = start_year or plan.end_year + 1
    successor = Plan(
        title=title,
        short_title=short_title,
        issuing_body=issuing_body or plan.issuing_body,
        province_name=province_name or agency.place_name,
        agency=agency,
        predecessor=plan,
        targets_note=plan.targets_note,
        start_year=start,
        end_year=end_year or start + (plan.end_year - plan.start_year),
        status=PlanStatus.DRAFT,
    )
    copy_reporting_rule(successor)
    successor.full_clean()
    successor.save()

    overrides = baselines or {}
    for value in overrides.values():
        if value is not None and value < 0:
            raise ValidationError(_("A baseline cannot be negative."))
    proposed = {b.indicator.pk: b for b in successor_baselines(plan)}
    objectives = {}
    for objective in Objective.objects.filter(plan=plan).order_by("order", "code"):
        objectives[objective.pk] = Objective.objects.create(
            plan=successor, code=objective.code, title=objective.title, order=objective.order
        )
    copied = {}
    for indicator in Indicator.objects.filter(objective__plan=plan).order_by("objective__order", "order", "code"):
        base = proposed[indicator.pk]
        value = overrides.get(indicator.pk, base.value)
        # A value typed in by staff is the plan's final figure: its year is the plan's last.
        year = None if value is None else (base.year if value == base.value and base.year else plan.end_year)
        copy = Indicator(
            objective=objectives[indicator.objective_id],
            baseline_value=value,
            baseline_year=year,
            **{name: getattr(indicator, name) for name in INDICATOR_FIELDS},
        )
        copy.full_clean()
        copy.save()
        copied[indicator.code] = None if value is None else format(Decimal(value).normalize(), "f")
    tasks = {}
    for group in TaskGroup.objects.filter(plan=plan).prefetch_related("tasks"):
        new_group = TaskGroup.objects.create(plan=successor, number=group.number, title=group.title)
        for task in group.tasks.all():
            tasks[task.pk] = Task.objects.create(group=new_group, code=task.code, title=task.title)
    for copier in plan_copiers():
        copier(source=plan, target=successor, tasks=tasks, actor=actor)
    audit_record(
        actor=actor,
        action="programs.plan.succeed",
        obj=successor,
        predecessor=plan.pk,
        baselines=copied,
    )
    return successor
