"""The department's review: assign, check, comment, return for supplement, recommend, refuse."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Role, User
from core import clock
from core.audit import audit_record
from core.mail import notify_by_email

from ..models import ApplicationEvent, ReviewChecklistItem, Status, SupportApplication
from ..permissions import (
    ROLES,
    can_assign_reviewer,
    can_comment,
    can_reject,
    can_return_for_supplement,
    can_review,
    is_reviewer_role,
    works_on,
)
from .budget import release_reservation
from .common import ensure, ensure_state, lock, move
from .drafts import proposal_for

# Standard checks, stored in the site language when a review starts (staff may add their own).
DEFAULT_CHECKS = (
    gettext_noop("The enterprise is eligible (size class, sector, location)."),
    gettext_noop("Every required document is attached and valid."),
    gettext_noop("The costs are eligible, reasonable and supported by quotations or contracts."),
    gettext_noop("The project fits the plan's tasks and the support item."),
    gettext_noop("The enterprise has not received other state support for the same content."),
)


@transaction.atomic
def application_assign_reviewer(
    *, application: SupportApplication, actor: User, reviewer: User | None
) -> SupportApplication:
    """Give the application to a specialist (internal event; the reviewer is e-mailed)."""
    ROLES.check(actor, "review")
    application = lock(application)
    ensure(can_assign_reviewer(actor, application))
    if reviewer is None or not reviewer.has_role(Role.STAFF) or not works_on(reviewer, application):
        raise ValidationError(_("The reviewer must be a specialist of the department that runs the plan."))
    application.reviewer = reviewer
    application.save(update_fields=["reviewer", "updated_at"])
    ApplicationEvent.objects.create(
        application=application,
        actor=actor,
        action="assigned",
        visible_to_enterprise=False,
        comment=_("Assigned to %(name)s.") % {"name": reviewer.get_full_name()},
    )
    audit_record(actor=actor, action="application.assigned", obj=application, reviewer=reviewer.pk)
    notify_by_email(
        to=[reviewer.email],
        subject=_("Application %(code)s was assigned to you") % {"code": application.display_code},
        template="applications/email/assigned.txt",
        context={
            "code": application.display_code,
            "enterprise": application.enterprise.name,
            "path": f"/applications/{application.pk}/",
        },
    )
    return application


@transaction.atomic
def application_start_review(*, application: SupportApplication, actor: User) -> SupportApplication:
    """Take the application in hand (submitted or budget refused → being processed)."""
    ROLES.check(actor, "review")
    application = lock(application)
    ensure(is_reviewer_role(actor) and works_on(actor, application))
    ensure_state(application, Status.UNDER_REVIEW)
    if application.reviewer_id is None:
        application.reviewer = actor
    if not application.checklist.exists():
        ReviewChecklistItem.objects.bulk_create(
            ReviewChecklistItem(application=application, order=i, label=_(label))
            for i, label in enumerate(DEFAULT_CHECKS)
        )
    move(application, Status.UNDER_REVIEW, actor=actor)
    return application


@transaction.atomic
def application_record_checklist(
    *, application: SupportApplication, actor: User, results: dict[int, tuple[bool | None, str]]
) -> SupportApplication:
    """Record the reviewer's findings: ``results`` maps checklist item id → (satisfied, note)."""
    ROLES.check(actor, "review")
    application = lock(application)
    ensure(can_review(actor, application))
    items = {i.pk: i for i in application.checklist.all()}
    now = clock.now()
    changed = []
    for pk, (is_ok, note) in results.items():
        item = items.get(pk)
        if item is None or (item.is_ok, item.note) == (is_ok, note):
            continue
        item.is_ok, item.note, item.checked_by, item.checked_at = is_ok, note, actor, now
        changed.append(item)
    ReviewChecklistItem.objects.bulk_update(changed, ["is_ok", "note", "checked_by", "checked_at"])
    if changed:
        audit_record(actor=actor, action="application.checklist", obj=application, items=[i.pk for i in changed])
    return application


@transaction.atomic
def application_comment(
    *, application: SupportApplication, actor: User, comment: str, visible_to_enterprise: bool
) -> ApplicationEvent:
    """Add a comment to the history (internal, or shown to the enterprise)."""
    ROLES.check(actor, "review")
    application = lock(application)
    ensure(can_comment(actor, application))
    if not comment.strip():
        raise ValidationError(_("Write a comment."))
    return ApplicationEvent.objects.create(
        application=application,
        actor=actor,
        action="comment",
        comment=comment.strip(),
        visible_to_enterprise=visible_to_enterprise,
    )


@transaction.atomic
def application_return_for_supplement(
    *, application: SupportApplication, actor: User, reasons: str, deadline: datetime.date
) -> SupportApplication:
    """Ask the enterprise to supplement its file, saying what and by when."""
    ROLES.check(actor, "review")
    application = lock(application)
    ensure(can_return_for_supplement(actor, application))
    ensure_state(application, Status.RETURNED)
    if not reasons.strip():
        raise ValidationError(_("Say what the enterprise must supplement."))
    if deadline is None or deadline <= clock.today():
        raise ValidationError(_("The deadline must be after today."))
    application.supplement_reasons = reasons.strip()
    application.supplement_deadline = deadline
    comment = _("Please supplement by %(date)s: %(reasons)s") % {
        "date": deadline.strftime("%d/%m/%Y"),
        "reasons": reasons.strip(),
    }
    move(application, Status.RETURNED, actor=actor, comment=comment, deadline=deadline.isoformat())
    return application


@transaction.atomic
def application_recommend(
    *, application: SupportApplication, actor: User, amount: int | None = None, comment: str = ""
) -> SupportApplication:
    """Recommend support: every check satisfied; the amount at most the proposal recomputed now."""
    ROLES.check(actor, "review")
    application = lock(application)
    ensure(can_review(actor, application))
    ensure_state(application, Status.RECOMMENDED)
    if application.checklist.exclude(is_ok=True).exists() or not application.checklist.exists():
        raise ValidationError(_("Every point of the review checklist must be satisfied before recommending."))
    proposal = proposal_for(application)
    if proposal is None:
        raise ValidationError(_("The application has no support policy or no eligible cost."))
    if amount is None:
        amount = proposal.amount
    if amount <= 0 or amount > proposal.amount:
        raise ValidationError(
            _("The recommended amount must be between 1 and %(max)s VND.")
            % {"max": f"{proposal.amount:,}".replace(",", ".")}
        )
    application.proposed_amount = amount
    application.proposal_basis = proposal.as_json()
    move(application, Status.RECOMMENDED, actor=actor, comment=comment, notify_roles=(Role.FINANCE,), amount=amount)
    return application


@transaction.atomic
def application_reject(*, application: SupportApplication, actor: User, reason: str) -> SupportApplication:
    """Refuse the application with a reason; any money reserved for it goes back to the estimate."""
    ROLES.check(actor, "reject")
    application = lock(application)
    ensure(can_reject(actor, application))
    ensure_state(application, Status.REJECTED)
    if not reason.strip():
        raise ValidationError(_("Give the reason for the refusal."))
    released = release_reservation(application, actor=actor)
    move(application, Status.REJECTED, actor=actor, comment=reason.strip(), notify_reviewer=True, released=released)
    return application
