"""The Ministry's view: Decision 1322's national targets (data, editable in the admin) and the
tokens the Ministry's systems use to read the non-public aggregates through the API."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import bounds, clock


class TargetKind(models.TextChoices):
    COUNT = "count", _("Count by the target year")
    GROWTH = "growth", _("Average annual growth (%)")


class NationalTarget(models.Model):
    """One target of the national programme, compared with the sum of every agency's indicators
    that use the same measure (and argument)."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=255)
    decision = models.CharField(_("decision"), max_length=100, default="1322/QĐ-TTg")
    measure = models.CharField(_("measure"), max_length=100, help_text=_("Key of a registered measure."))
    measure_arg = models.CharField(_("measure argument"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=TargetKind.choices, default=TargetKind.COUNT)
    year_from = models.PositiveSmallIntegerField(_("from year"), validators=bounds.YEAR)
    year = models.PositiveSmallIntegerField(_("target year"), validators=bounds.YEAR)
    target_low = models.DecimalField(_("target (minimum)"), max_digits=14, decimal_places=2)
    target_high = models.DecimalField(_("target (maximum)"), max_digits=14, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("unit of measure"), max_length=50)
    note = models.TextField(_("note"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("national target")
        verbose_name_plural = _("national targets")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A token of one of the Ministry's systems. Only its SHA-256 is stored; the key is shown once,
    when the token is created in the admin. Creation, revocation and every use are audited."""

    name = models.CharField(_("system"), max_length=150, validators=bounds.NAME)
    prefix = models.CharField(_("key prefix"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created at"), default=clock.now, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
