"""Money: reserve on the approved estimate under a row lock, release, and pay out."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Role, User
from core import clock
from core.audit import audit_record
from core.numbers import vnd
from programs.models import BudgetEstimate, EstimateStatus

from ..models import Disbursement, LedgerEntry, LedgerKind, Status, SupportApplication
from ..permissions import ROLES, can_decide_budget, can_disburse
from .common import ensure, ensure_state, lock, move


def _locked_estimate(application: SupportApplication) -> BudgetEstimate:
    estimate = (
        BudgetEstimate.objects.select_for_update()
        .select_related("source")
        .filter(
            plan_id=application.scheme.plan_id,
            year=application.year,
            source_id=application.scheme.funding_source_id,
            status=EstimateStatus.APPROVED,
        )
        .first()
    )
    if estimate is None:
        raise ValidationError(
            _("There is no approved budget estimate of “%(source)s” for %(year)s.")
            % {"source": application.scheme.funding_source.name, "year": application.year}
        )
    return estimate


def ledger_record(
    *,
    application: SupportApplication,
    estimate_id: int,
    kind: str,
    amount: int,
    date: datetime.date,
    actor: User,
    disbursement: Disbursement | None = None,
) -> LedgerEntry:
    """Append one dated money movement (the caller holds the locks and keeps the running totals)."""
    entry = LedgerEntry(
        application=application,
        estimate_id=estimate_id,
        kind=kind,
        amount=amount,
        date=date,
        disbursement=disbursement,
        recorded_by=actor,
    )
    entry.full_clean()
    entry.save()
    return entry


def release_reservation(application: SupportApplication, *, actor: User) -> int:
    """Give back what is reserved and not paid for a (locked) application; returns the amount."""
    amount = application.reserved_amount - application.disbursed_amount
    if amount <= 0 or application.estimate_id is None:
        return 0
    estimate = BudgetEstimate.objects.select_for_update().get(pk=application.estimate_id)
    estimate.reserved_amount -= amount
    estimate.save(update_fields=["reserved_amount"])
    application.reserved_amount -= amount
    application.save(update_fields=["reserved_amount", "updated_at"])
    ledger_record(
        application=application,
        estimate_id=estimate.pk,
        kind=LedgerKind.RELEASE,
        amount=amount,
        date=clock.today(),
        actor=actor,
    )
    audit_record(actor=actor, action="estimate.released", obj=estimate, application=application.pk, amount=amount)
    return amount


@transaction.atomic
def application_approve_budget(
    *, application: SupportApplication, actor: User, comment: str = ""
) -> SupportApplication:
    """Reserve the recommended amount on the approved estimate of the scheme's source and year."""
    ROLES.check(actor, "budget_decide")
    application = lock(application)
    ensure(can_decide_budget(actor, application))
    ensure_state(application, Status.BUDGET_APPROVED)
    amount = application.proposed_amount
    if amount <= 0:
        raise ValidationError(_("The application has no recommended amount."))
    estimate = _locked_estimate(application)  # locked: concurrent approvals queue here
    remaining = estimate.approved_amount - estimate.reserved_amount
    if amount > remaining:
        raise ValidationError(
            _(
                "Not enough budget: %(left)s is left of the %(year)s estimate of “%(source)s”, "
                "and this application needs %(amount)s."
            )
            % {
                "left": vnd(remaining),
                "year": estimate.year,
                "source": estimate.source.name,
                "amount": vnd(amount),
            },
            code="insufficient_budget",
        )
    estimate.reserved_amount += amount
    estimate.save(update_fields=["reserved_amount"])
    application.estimate = estimate
    application.approved_amount = amount
    application.reserved_amount = amount
    ledger_record(
        application=application,
        estimate_id=estimate.pk,
        kind=LedgerKind.RESERVATION,
        amount=amount,
        date=clock.today(),
        actor=actor,
    )
    move(
        application,
        Status.BUDGET_APPROVED,
        actor=actor,
        comment=comment,
        notify_roles=(Role.LEADER,),
        notify_reviewer=True,
        estimate=estimate.pk,
        amount=amount,
    )
    audit_record(actor=actor, action="estimate.reserved", obj=estimate, application=application.pk, amount=amount)
    return application


@transaction.atomic
def application_reject_budget(*, application: SupportApplication, actor: User, reason: str) -> SupportApplication:
    """Refuse the budget (back to the reviewer, who may lower the amount or refuse)."""
    ROLES.check(actor, "budget_decide")
    application = lock(application)
    ensure(can_decide_budget(actor, application))
    ensure_state(application, Status.BUDGET_REJECTED)
    if not reason.strip():
        raise ValidationError(_("Give the reason for refusing the budget."))
    move(
        application,
        Status.BUDGET_REJECTED,
        actor=actor,
        comment=reason.strip(),
        visible_to_enterprise=False,
        notify_reviewer=True,
        notify_roles=() if application.reviewer_id else (Role.STAFF,),
    )
    return application


@transaction.atomic
def application_disburse(
    *,
    application: SupportApplication,
    actor: User,
    amount: int,
    paid_on: datetime.date,
    voucher: str,
    final: bool = False,
    note: str = "",
) -> Disbursement:
    """Record a payment; never more than approved. The last payment (or ``final``) closes the file and
    gives back what was reserved and not paid."""
    ROLES.check(actor, "disburse")
    application = lock(application)
    ensure(can_disburse(actor, application))
    left = application.approved_amount - application.disbursed_amount
    if amount is None or amount <= 0:
        raise ValidationError(_("The amount must be positive."))
    if amount > left:
        raise ValidationError(
            _("Only %(left)s of the approved %(approved)s remains to be paid.")
            % {"left": vnd(left), "approved": vnd(application.approved_amount)},
            code="over_approved",
        )
    if paid_on is None or paid_on > clock.today():
        raise ValidationError(_("The payment date cannot be in the future."))
    if not voucher.strip():
        raise ValidationError(_("Enter the voucher number."))
    assert application.estimate_id is not None  # an accepted application drew on an estimate
    estimate = BudgetEstimate.objects.select_for_update().get(pk=application.estimate_id)
    disbursement = Disbursement(
        application=application, amount=amount, paid_on=paid_on, voucher=voucher.strip(), note=note, recorded_by=actor
    )
    disbursement.full_clean()
    disbursement.save()
    estimate.disbursed_amount += amount
    estimate.save(update_fields=["disbursed_amount"])
    application.disbursed_amount += amount
    application.save(update_fields=["disbursed_amount", "updated_at"])
    ledger_record(
        application=application,
        estimate_id=estimate.pk,
        kind=LedgerKind.PAYMENT,
        amount=amount,
        date=paid_on,
        actor=actor,
        disbursement=disbursement,
    )
    audit_record(actor=actor, action="application.disbursement", obj=application, amount=amount, voucher=voucher)
    if final or application.disbursed_amount == application.approved_amount:
        released = release_reservation(application, actor=actor)
        move(
            application,
            Status.DISBURSED,
            actor=actor,
            comment=_("Paid %(amount)s in total.") % {"amount": vnd(application.disbursed_amount)},
            released=released,
        )
    return disbursement
