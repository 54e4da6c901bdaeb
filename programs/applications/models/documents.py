"""An application's uploaded documents and the reviewer's checklist."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import clock

from .application import SupportApplication
from .schemes import RequiredDocument


class DocumentKind(models.TextChoices):
    APPLICATION = "application", _("Application document")
    SUPPLEMENT = "supplement", _("Supplement")
    COMPLETION = "completion", _("Completion report document")


def document_upload_to(instance, filename) -> str:
    """A random name under the application's folder; the original name is kept in the row only."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"applications/{clock.now():%Y}/{uuid.uuid4().hex}{suffix}"


class ApplicationDocument(models.Model):
    """An uploaded file: stored under a random name, typed by its content, served by a checking view."""

    application = models.ForeignKey(SupportApplication, on_delete=models.CASCADE, related_name="documents")
    required_document = models.ForeignKey(
        RequiredDocument, verbose_name=_("document"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=15, choices=DocumentKind.choices, default=DocumentKind.APPLICATION)
    file = models.FileField(_("file"), upload_to=document_upload_to, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class ReviewChecklistItem(models.Model):
    """One point the reviewer checks (eligibility, documents, costs), with its finding."""

    application = models.ForeignKey(SupportApplication, on_delete=models.CASCADE, related_name="checklist")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    label = models.CharField(_("check"), max_length=255)
    is_ok = models.BooleanField(_("satisfied"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("review checklist item")
        verbose_name_plural = _("review checklist items")
        ordering = ["application", "order", "pk"]

    def __str__(self):
        return self.label
