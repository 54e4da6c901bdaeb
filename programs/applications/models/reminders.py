"""Reminders sent about an application (one per kind and due date)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import clock

from .application import SupportApplication


class ReminderKind(models.TextChoices):
    DECISION_DUE = "decision_due", _("Decision due soon (to the reviewer)")
    OUTCOME_COMPLETION = "outcome_completion", _("Figures at completion due (to the enterprise)")
    OUTCOME_FOLLOW_UP = "outcome_follow_up", _("Figures one year after acceptance due (to the enterprise)")


class Reminder(models.Model):
    """One reminder e-mail sent for an application and a due date: never sent twice."""

    application = models.ForeignKey(SupportApplication, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    due_on = models.DateField(_("due on"))
    sent_at = models.DateTimeField(_("sent at"), default=clock.now)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "kind", "due_on"], name="reminder_once_per_due_date")
        ]

    def __str__(self):
        return f"{self.application_id} {self.kind} {self.due_on}"
