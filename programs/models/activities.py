"""A plan's activities and their attachments."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import bounds

from .budget import FundingSource
from .plans import Plan, Task


class ActivityKind(models.TextChoices):
    COMMUNICATION = "communication", _("Communication")
    AWARD = "award", _("Award and recognition")
    INTERNATIONAL = "international", _("International cooperation")
    POLICY = "policy", _("Policy")
    CONFORMITY = "conformity", _("Conformity-assessment support")
    TRAINING = "training", _("Training")
    SUPPORT = "support", _("Support for enterprises")
    OTHER = "other", _("Other")


class Activity(models.Model):
    """Something done under a task: what, when, results, cost, who was responsible."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activities")
    task = models.ForeignKey(
        Task, verbose_name=_("task"), null=True, blank=True, on_delete=models.SET_NULL, related_name="activities"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=500, validators=bounds.NAME)
    date = models.DateField(_("date"), validators=bounds.DATE)
    description = models.TextField(_("description"), blank=True)
    results = models.TextField(_("results"), blank=True)
    cost = models.PositiveBigIntegerField(_("cost (VND)"), default=0, validators=bounds.MONEY)
    funding_source = models.ForeignKey(
        FundingSource,
        verbose_name=_("funding source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    responsible_organisation = models.CharField(_("responsible organisation"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-date", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.plan_id and self.task_id and self.task.group.plan_id != self.plan_id:
            raise ValidationError({"task": _("The task belongs to another plan.")})
        if self.plan_id and self.date and self.date not in self.plan.span:
            raise ValidationError(
                {
                    "date": _("The date must be inside the plan's data period (%(period)s).")
                    % {"period": self.plan.span.text()}
                }
            )


class ActivityAttachment(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="activities/%Y/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name
