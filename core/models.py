import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import clock


class AppendOnly:
    """Model mixin: a saved row is never changed or deleted through the ORM (PostgreSQL refuses it
    too, with the triggers of ``core.append_only``)."""

    append_only_message = "These records are append-only."

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError(self.append_only_message)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(self.append_only_message)


class AuditEvent(AppendOnly, models.Model):
    """An append-only record of a state change that matters: who, when, what, why."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), default=clock.now, db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="accounts_au_content_805f6c_idx")]
        # Moved from accounts: the table keeps its name.
        db_table = "accounts_auditevent"

    append_only_message = "Audit events are append-only."

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class OutboxMessage(models.Model):
    """Work promised by a committed change — an e-mail to send or a task to enqueue — written in
    the change's own transaction and delivered by ``core.outbox`` exactly once, so that a broker
    or mail outage loses nothing and never fails the request that asked."""

    class Kind(models.TextChoices):
        EMAIL = "email", _("e-mail")
        TASK = "task", _("task")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    task_name = models.CharField(_("task"), max_length=100, blank=True)
    payload = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), default=clock.now)
    available_at = models.DateTimeField(_("due at"), default=clock.now)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    gave_up = models.BooleanField(_("gave up"), default=False)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["pk"]
        indexes = [
            models.Index(
                fields=["available_at"],
                condition=models.Q(delivered_at__isnull=True, gave_up=False),
                name="core_outbox_due_idx",
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.task_name or self.payload.get('subject', '')}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Done")
    FAILED = "failed", _("Failed")


class BackgroundJob(models.Model):
    """Work a user started and waits for (an import; later an export): status, progress and a
    JSON result, polled by the page that started it. Only its owner sees it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=50)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=clock.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "started_at"], name="core_job_status_idx")]
        constraints = [models.CheckConstraint(condition=models.Q(progress__lte=100), name="core_job_progress_le_100")]

    def __str__(self):
        return f"{self.kind} {self.pk}"

    @property
    def is_busy(self) -> bool:
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)
