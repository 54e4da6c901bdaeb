"""The leadership's decision, implementation, completion, acceptance and withdrawal."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from core import clock

from ..models import OutcomeStage, Status, SupportApplication
from ..permissions import (
    ROLES,
    can_decide_support,
    can_judge_completion,
    can_start_implementation,
    can_submit_completion,
    can_withdraw,
)
from .budget import release_reservation
from .common import ensure, ensure_state, lock, move


@transaction.atomic
def application_approve(
    *,
    application: SupportApplication,
    actor: User,
    decision_number: str,
    decision_date: datetime.date,
    comment: str = "",
) -> SupportApplication:
    """Sign the support decision: record its number and date."""
    ROLES.check(actor, "support_decide")
    application = lock(application)
    ensure(can_decide_support(actor, application))
    ensure_state(application, Status.APPROVED)
    if not decision_number.strip():
        raise ValidationError(_("Enter the decision number."))
    if decision_date is None or decision_date > clock.today():
        raise ValidationError(_("The decision date cannot be in the future."))
    if application.submitted_at and decision_date < timezone.localtime(application.submitted_at).date():
        raise ValidationError(_("The decision date cannot be before the application was submitted."))
    application.decision_number = decision_number.strip()
    application.decision_date = decision_date
    text = _("Decision No. %(number)s of %(date)s.") % {
        "number": application.decision_number,
        "date": decision_date.strftime("%d/%m/%Y"),
    }
    move(
        application,
        Status.APPROVED,
        actor=actor,
        comment=f"{text} {comment}".strip(),
        notify_reviewer=True,
        notify_roles=(Role.FINANCE,),
        decision_number=application.decision_number,
    )
    return application


@transaction.atomic
def application_start_implementation(*, application: SupportApplication, actor: User) -> SupportApplication:
    """The enterprise reports that the supported project has started."""
    ROLES.check(actor, "apply")
    application = lock(application)
    ensure(can_start_implementation(actor, application))
    move(application, Status.IN_PROGRESS, actor=actor, notify_reviewer=True)
    return application


@transaction.atomic
def application_submit_completion(*, application: SupportApplication, actor: User, report: str) -> SupportApplication:
    """Send the completion report; at least one completion document must be attached."""
    ROLES.check(actor, "apply")
    application = lock(application)
    ensure(can_submit_completion(actor, application))
    if not report.strip():
        raise ValidationError(_("Describe the results achieved."))
    if not application.documents.filter(kind="completion").exists():
        raise ValidationError(_("Attach at least one document proving the results (certificate, report, invoices)."))
    if not application.outcome_reports.filter(stage=OutcomeStage.COMPLETION).exists():
        raise ValidationError(_("Give the enterprise's figures at completion."))
    application.completion_report = report.strip()
    move(
        application,
        Status.COMPLETION_SUBMITTED,
        actor=actor,
        notify_reviewer=True,
        notify_roles=() if application.reviewer_id else (Role.STAFF,),
    )
    return application


@transaction.atomic
def application_return_completion(*, application: SupportApplication, actor: User, reason: str) -> SupportApplication:
    """Send the completion report back to the enterprise for more evidence."""
    ROLES.check(actor, "review")
    application = lock(application)
    ensure(can_judge_completion(actor, application))
    if not reason.strip():
        raise ValidationError(_("Say what is missing from the completion report."))
    move(application, Status.IN_PROGRESS, actor=actor, comment=reason.strip())
    return application


@transaction.atomic
def application_accept(*, application: SupportApplication, actor: User, comment: str = "") -> SupportApplication:
    """Accept the results; finance may then pay."""
    ROLES.check(actor, "review")
    application = lock(application)
    ensure(can_judge_completion(actor, application))
    ensure_state(application, Status.ACCEPTED)
    application.accepted_on = clock.today()
    move(application, Status.ACCEPTED, actor=actor, comment=comment, notify_roles=(Role.FINANCE,))
    return application


@transaction.atomic
def application_withdraw(*, application: SupportApplication, actor: User, reason: str = "") -> SupportApplication:
    """The enterprise withdraws before the decision; any reserved money goes back."""
    ROLES.check(actor, "apply")
    application = lock(application)
    ensure(can_withdraw(actor, application))
    ensure_state(application, Status.WITHDRAWN)
    released = release_reservation(application, actor=actor)
    move(application, Status.WITHDRAWN, actor=actor, comment=reason.strip(), notify_reviewer=True, released=released)
    return application
