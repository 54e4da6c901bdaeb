"""Budget estimates by plan, year and funding source: staff propose, finance appraise and approve.

Amounts are VND integers; every step writes an audit event with the amounts.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core import clock
from core.audit import audit_record

from ..agencies import ensure_in_scope
from ..models import BudgetEstimate, EstimateStatus, FundingSource, Plan, PlanStatus
from ..permissions import ROLES


def _locked(estimate: BudgetEstimate, actor: User) -> BudgetEstimate:
    ROLES.check(actor, "budget_decide")
    locked = BudgetEstimate.objects.select_for_update().select_related("plan").get(pk=estimate.pk)
    ensure_in_scope(actor, locked.plan.agency_id)
    return locked


def _amount(value) -> int:
    if value is None or int(value) != value or value < 0:
        raise ValidationError(_("Give the amount in whole đồng, not negative."))
    return int(value)


@transaction.atomic
def estimate_propose(
    *, plan: Plan, year: int, source: FundingSource, amount: int, note: str = "", actor: User
) -> BudgetEstimate:
    """Propose (or re-propose after a return) the estimate of ``plan``/``year``/``source`` (staff or
    finance of the plan's agency) for any year of a plan in force; audited."""
    ROLES.check(actor, "budget_propose")
    ensure_in_scope(actor, plan.agency_id)
    amount = _amount(amount)
    if plan.status != PlanStatus.ACTIVE:
        raise ValidationError(
            {
                "plan": _("Estimates are proposed for a plan in force; this plan is “%(status)s”.")
                % {"status": plan.get_status_display()}
            }
        )
    if not plan.start_year <= year <= plan.end_year:
        raise ValidationError(
            {
                "year": _("The year must be inside the plan's years (%(start)s-%(end)s).")
                % {"start": plan.start_year, "end": plan.end_year}
            }
        )
    estimate = BudgetEstimate.objects.select_for_update().filter(plan=plan, year=year, source=source).first()
    if estimate is None:
        estimate = BudgetEstimate(plan=plan, year=year, source=source, proposed_amount=amount, note=note)
    else:
        if estimate.status != EstimateStatus.REJECTED:
            raise ValidationError(_("This estimate is already in the approval workflow."))
        estimate.check_transition_to(EstimateStatus.PROPOSED)
        estimate.proposed_amount, estimate.appraised_amount, estimate.note = amount, None, note
        estimate.full_clean()
        estimate.transition_to(
            EstimateStatus.PROPOSED,
            actor=actor,
            action="programs.estimate.propose",
            save_fields=("proposed_amount", "appraised_amount", "note"),
            proposed_amount=amount,
        )
        return estimate
    estimate.full_clean()
    estimate.save()
    audit_record(actor=actor, action="programs.estimate.propose", obj=estimate, proposed_amount=amount)
    return estimate


@transaction.atomic
def estimate_appraise(*, estimate: BudgetEstimate, amount: int, actor: User) -> BudgetEstimate:
    """Record the finance appraisal of a proposed estimate (finance only); audited."""
    estimate = _locked(estimate, actor)
    estimate.check_transition_to(EstimateStatus.APPRAISED)
    estimate.appraised_amount = _amount(amount)
    estimate.transition_to(
        EstimateStatus.APPRAISED,
        actor=actor,
        action="programs.estimate.appraise",
        save_fields=("appraised_amount",),
        appraised_amount=estimate.appraised_amount,
    )
    return estimate


@transaction.atomic
def estimate_approve(*, estimate: BudgetEstimate, amount: int | None = None, actor: User) -> BudgetEstimate:
    """Approve an appraised estimate (finance only): its approved amount is what support may reserve; audited."""
    estimate = _locked(estimate, actor)
    estimate.check_transition_to(EstimateStatus.APPROVED)
    approved = _amount(estimate.appraised_amount if amount is None else amount)
    if approved < estimate.reserved_amount:
        raise ValidationError(_("The approved amount cannot be less than what is already reserved."))
    estimate.approved_amount = approved
    estimate.approved_on = clock.today()
    estimate.transition_to(
        EstimateStatus.APPROVED,
        actor=actor,
        action="programs.estimate.approve",
        save_fields=("approved_amount", "approved_on"),
        approved_amount=approved,
    )
    return estimate


@transaction.atomic
def estimate_return(*, estimate: BudgetEstimate, reason: str, actor: User) -> BudgetEstimate:
    """Return a proposed or appraised estimate to staff with a reason (finance only); audited."""
    ROLES.check(actor, "budget_decide")
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for returning the estimate.")})
    estimate = _locked(estimate, actor)
    estimate.transition_to(
        EstimateStatus.REJECTED,
        actor=actor,
        action="programs.estimate.return",
        reason=reason,
        proposed_amount=estimate.proposed_amount,
    )
    return estimate
