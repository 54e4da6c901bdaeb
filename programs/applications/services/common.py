"""Shared steps of the application services: lock, check, move, audit, notify."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from core.mail import notify_by_email
from programs.agencies import agencies_in_charge_of

from ..deadlines import clock_refresh
from ..models import ApplicationEvent, Status, SupportApplication
from ..selectors import enterprise_emails, role_emails

# Moves that start, stop or end the processing clock (programs.applications.deadlines).
CLOCK_STATUSES = (Status.SUBMITTED, Status.RETURNED, Status.APPROVED, Status.REJECTED, Status.WITHDRAWN)


def lock(application: SupportApplication) -> SupportApplication:
    """Re-read the application under a row lock (the caller holds a transaction)."""
    return (
        SupportApplication.objects.select_for_update(of=("self",))
        .select_related("scheme", "scheme__item", "scheme__plan__agency", "enterprise", "applicant", "reviewer")
        .get(pk=application.pk)
    )


def ensure(allowed: bool, message: str | None = None) -> None:
    """Refuse an action the user's role (or relation to the enterprise) does not allow."""
    if not allowed:
        raise PermissionDenied(message or _("You may not do this to this application."))


def ensure_state(application: SupportApplication, status: str) -> None:
    """Refuse early, before any other lock, a move the workflow does not allow."""
    application.check_transition_to(status)


def move(
    application: SupportApplication,
    status: str,
    *,
    actor: User,
    comment: str = "",
    visible_to_enterprise: bool = True,
    notify_roles: tuple[str, ...] = (),
    notify_reviewer: bool = False,
    **audit_data,
) -> ApplicationEvent:
    """Transition (saved, audited, on the timeline) and e-mail the people concerned after commit."""
    event = application.transition_to(
        status,
        actor=actor,
        reason=comment,
        save_fields=None,  # the services set the row's other fields before the move
        visible_to_enterprise=visible_to_enterprise,
        **audit_data,
    )
    if status in CLOCK_STATUSES:
        clock_refresh(application)
    if visible_to_enterprise:
        notify_status(application, event, recipients=enterprise_emails(application))
    agencies = agencies_in_charge_of(application.scheme.plan.agency_id) if notify_roles else ()
    internal = [email for role in notify_roles for email in role_emails(role, agency_ids=agencies)]
    if notify_reviewer and application.reviewer is not None:
        internal.append(application.reviewer.email)
    # A separate message, so the enterprise never sees the department's addresses.
    notify_status(application, event, recipients=internal)
    return event


def notify_status(application: SupportApplication, event: ApplicationEvent, *, recipients: list[str]) -> None:
    """Queue the status e-mail (rendered in the site language) for ``recipients``."""
    with translation.override(settings.LANGUAGE_CODE):
        status_label = str(Status(event.to_status).label)
        subject = _("Application %(code)s: %(status)s") % {"code": application.display_code, "status": status_label}
    notify_by_email(
        to=recipients,
        subject=subject,
        template="applications/email/status_changed.txt",
        context={
            "code": application.display_code,
            "status": status_label,
            "enterprise": application.enterprise.name,
            "scheme": application.scheme.title,
            "comment": event.comment if event.visible_to_enterprise else "",
            "path": f"/applications/{application.pk}/",
        },
    )
