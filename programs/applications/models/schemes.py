"""What an enterprise may apply for: standards, support items, schemes, policy versions and required documents."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import bounds
from enterprises.models import SizeClass

# The department's promise when a scheme states no other: a decision within 15 working days.
DEFAULT_PROCESSING_DAYS = 15


class Standard(models.Model):
    """A standard an enterprise can be certified against (ISO 9001, HACCP, VietGAP, ...): editable catalogue."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=255)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("certification standard")
        verbose_name_plural = _("certification standards")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class SupportItem(models.Model):
    """What is supported (ISO 9001, 5S, Lean, conformity-assessment capacity, ...): editable catalogue."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    standards = models.ManyToManyField(
        Standard,
        verbose_name=_("standards certified"),
        blank=True,
        related_name="items",
        help_text=_("Set for certification items: their outcome reports name the certificate obtained."),
    )

    class Meta:
        verbose_name = _("support item")
        verbose_name_plural = _("support items")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class SupportScheme(models.Model):
    """A call for support under a plan: one item, a legal basis, a funding source and open dates."""

    item = models.ForeignKey(
        SupportItem, verbose_name=_("support item"), on_delete=models.PROTECT, related_name="schemes"
    )
    plan = models.ForeignKey("programs.Plan", verbose_name=_("plan"), on_delete=models.PROTECT, related_name="schemes")
    task = models.ForeignKey(
        "programs.Task",
        verbose_name=_("task"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="schemes",
    )
    title = models.CharField(_("title"), max_length=500, validators=bounds.NAME)
    legal_basis = models.CharField(_("legal basis"), max_length=500)
    funding_source = models.ForeignKey(
        "programs.FundingSource", verbose_name=_("funding source"), on_delete=models.PROTECT, related_name="schemes"
    )
    opens_on = models.DateField(_("open from"), validators=bounds.DATE)
    closes_on = models.DateField(_("open until"), null=True, blank=True, validators=bounds.DATE)
    description = models.TextField(_("description"), blank=True)
    processing_days = models.PositiveSmallIntegerField(
        _("processing time (working days)"),
        default=DEFAULT_PROCESSING_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("The decision is promised within this many working days of receiving a complete application."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("support scheme")
        verbose_name_plural = _("support schemes")
        ordering = ["item__order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__isnull=True) | models.Q(closes_on__gte=models.F("opens_on")),
                name="scheme_closes_after_opens",
            )
        ]

    def __str__(self):
        return self.title

    def is_open_on(self, day) -> bool:
        return self.opens_on <= day and (self.closes_on is None or day <= self.closes_on)


class PolicyVersion(models.Model):
    """The support level of a scheme in force from ``effective_from`` (dated data, never a constant)."""

    scheme = models.ForeignKey(SupportScheme, on_delete=models.CASCADE, related_name="policy_versions")
    effective_from = models.DateField(_("effective from"), validators=bounds.DATE)
    effective_to = models.DateField(_("effective to"), null=True, blank=True, validators=bounds.DATE)
    rate_percent = models.DecimalField(_("support rate (%)"), max_digits=5, decimal_places=2)
    cap_amount = models.PositiveBigIntegerField(
        _("cap per application (VND)"), null=True, blank=True, validators=bounds.MONEY
    )
    yearly_limit = models.PositiveBigIntegerField(
        _("limit per enterprise per year (VND)"),
        null=True,
        blank=True,
        help_text=_("Total support one enterprise may receive for this support item in one year; empty: no limit."),
        validators=bounds.MONEY,
    )
    eligible_size_classes = models.JSONField(
        _("eligible size classes"), default=list, blank=True, help_text=_("Empty: every size class.")
    )
    legal_basis = models.CharField(_("legal basis"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        ordering = ["scheme", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "effective_from"], name="policy_version_unique"),
            models.CheckConstraint(
                condition=models.Q(rate_percent__gt=0) & models.Q(rate_percent__lte=100), name="policy_rate_range"
            ),
            models.CheckConstraint(
                condition=models.Q(effective_to__isnull=True) | models.Q(effective_to__gte=models.F("effective_from")),
                name="policy_to_after_from",
            ),
        ]

    def __str__(self):
        return f"{self.scheme} ({self.effective_from:%d/%m/%Y})"

    def clean(self):
        unknown = set(self.eligible_size_classes or []) - set(SizeClass.values)
        if unknown:
            raise ValidationError(
                {"eligible_size_classes": _("Unknown size class: %(values)s") % {"values": ", ".join(sorted(unknown))}}
            )

    def covers(self, day) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    def size_class_labels(self) -> list[str]:
        return [str(SizeClass(v).label) for v in self.eligible_size_classes or [] if v in SizeClass.values]


class RequiredDocument(models.Model):
    """A document an application under a policy version must (or may) carry."""

    policy_version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="required_documents")
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    is_mandatory = models.BooleanField(_("mandatory"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ["policy_version", "order", "pk"]

    def __str__(self):
        return self.name
