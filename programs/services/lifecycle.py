"""The plan's life cycle: draft → approved (decision number and date) → active → closed.

One service per step, each in one transaction, under a row lock, audited. Closing asks the
registered checks (``programs.lifecycle``): reports requires the finalised five-year summary.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User

from ..agencies import ensure_in_scope
from ..lifecycle import close_problems
from ..models import Plan, PlanStatus
from ..permissions import ROLES


def _locked(plan: Plan, actor: User) -> Plan:
    ROLES.check(actor, "plan_edit")
    ensure_in_scope(actor, plan.agency_id)
    return Plan.objects.select_for_update().get(pk=plan.pk)


@transaction.atomic
def plan_approve(*, plan: Plan, decision_number: str, decision_date: datetime.date | None, actor: User) -> Plan:
    """Record the decision that approved a draft plan (number and date); audited."""
    plan = _locked(plan, actor)
    errors = {}
    if not (decision_number or "").strip():
        errors["decision_number"] = _("Give the number of the decision that approved the plan.")
    if decision_date is None:
        errors["decision_date"] = _("Give the date of the decision.")
    if errors:
        raise ValidationError(errors)
    plan.check_transition_to(PlanStatus.APPROVED)
    plan.decision_number, plan.decision_date = decision_number.strip(), decision_date
    plan.full_clean()
    plan.transition_to(
        PlanStatus.APPROVED,
        actor=actor,
        action="programs.plan.approve",
        save_fields=("decision_number", "decision_date"),
        decision_number=plan.decision_number,
        decision_date=decision_date.isoformat() if decision_date else None,
    )
    return plan


@transaction.atomic
def plan_activate(*, plan: Plan, actor: User) -> Plan:
    """Put an approved plan in force: its schemes take applications and its years take estimates; audited."""
    plan = _locked(plan, actor)
    plan.transition_to(PlanStatus.ACTIVE, actor=actor, action="programs.plan.activate")
    return plan


@transaction.atomic
def plan_close(*, plan: Plan, actor: User) -> Plan:
    """Close a plan in force once nothing stops it (its five-year summary finalised); audited.
    A closed plan stays readable; its schemes take no new application."""
    plan = _locked(plan, actor)
    plan.check_transition_to(PlanStatus.CLOSED)
    problems = close_problems(plan)
    if problems:
        raise ValidationError(problems)
    plan.transition_to(PlanStatus.CLOSED, actor=actor, action="programs.plan.close")
    return plan
