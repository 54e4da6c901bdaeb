"""The daily reminders (beat task ``applications.send_reminders``): the reviewer of an application
whose decision is due soon (``deadlines.due_soon``), and the enterprise whose outcome figures are
due (at the planned end of the project; one year after acceptance).

Each reminder is claimed as a ``Reminder`` row (unique per application, kind and due date) in the
same transaction that queues its e-mail, so running the task twice — or on two workers at once —
sends it once. A new due date (after a supplement) is a new reminder. Outcome reminders are sent
for due dates in the last ``OUTCOME_REMINDER_WINDOW`` days only: what fell due long before the
portal started reminding stays a task on the enterprise's home page.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import Role
from core import clock
from core.mail import notify_by_email

from . import deadlines
from .models import OutcomeStage, Reminder, ReminderKind, SupportApplication
from .outcomes.selectors import completion_figures_overdue, follow_up_due, follow_up_figures_due
from .selectors import enterprise_emails, role_emails

OUTCOME_REMINDER_WINDOW = datetime.timedelta(days=60)


def _claim_and_send(application, kind: str, due_on: datetime.date, send) -> bool:
    """Record the reminder and queue its e-mail in one transaction; False when it was sent before."""
    with transaction.atomic():
        _reminder, created = Reminder.objects.get_or_create(application=application, kind=kind, due_on=due_on)
        if created:
            with translation.override(settings.LANGUAGE_CODE):
                send()
    return created


def _decision_due(application) -> None:
    recipients = [application.reviewer.email] if application.reviewer_id else role_emails(Role.STAFF)
    notify_by_email(
        to=recipients,
        subject=_("Application %(code)s: decision due by %(date)s")
        % {"code": application.display_code, "date": application.due_on.strftime("%d/%m/%Y")},
        template="applications/email/decision_due.txt",
        context={
            "code": application.display_code,
            "enterprise": application.enterprise.name,
            "date": application.due_on.strftime("%d/%m/%Y"),
            "days": application.scheme.processing_days,
            "path": f"/applications/{application.pk}/",
        },
    )


def _figures_due(application, stage: str, due_on: datetime.date) -> None:
    notify_by_email(
        to=enterprise_emails(application),
        subject=_("Application %(code)s: please give your figures (%(stage)s)")
        % {"code": application.display_code, "stage": OutcomeStage(stage).label},
        template="applications/email/figures_due.txt",
        context={
            "code": application.display_code,
            "stage": str(OutcomeStage(stage).label),
            "date": due_on.strftime("%d/%m/%Y"),
            "path": f"/applications/{application.pk}/figures/{stage}/",
        },
    )


def reminders_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """Send every reminder due ``today`` that was not sent before; returns how many of each kind."""
    today = today or clock.today()
    applications = SupportApplication.objects.select_related("scheme", "enterprise", "reviewer", "applicant")
    sent = dict.fromkeys(ReminderKind.values, 0)
    for application in deadlines.due_soon(applications, today=today).order_by("due_on", "pk"):
        if _claim_and_send(
            application, ReminderKind.DECISION_DUE, application.due_on, lambda a=application: _decision_due(a)
        ):
            sent[ReminderKind.DECISION_DUE] += 1
    oldest = today - OUTCOME_REMINDER_WINDOW
    for application in completion_figures_overdue(applications, today=today).filter(ends_on__gte=oldest):
        if _claim_and_send(
            application,
            ReminderKind.OUTCOME_COMPLETION,
            application.ends_on,
            lambda a=application: _figures_due(a, OutcomeStage.COMPLETION, a.ends_on),
        ):
            sent[ReminderKind.OUTCOME_COMPLETION] += 1
    for application in follow_up_figures_due(applications, today=today):
        due = follow_up_due(application)
        if due < oldest:
            continue
        if _claim_and_send(
            application,
            ReminderKind.OUTCOME_FOLLOW_UP,
            due,
            lambda a=application, d=due: _figures_due(a, OutcomeStage.FOLLOW_UP, d),
        ):
            sent[ReminderKind.OUTCOME_FOLLOW_UP] += 1
    return sent
