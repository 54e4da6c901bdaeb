from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import bounds
from core.text import fold
from core.workflow import Workflow


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")


class AdministrativeUnit(models.Model):
    """One version of an administrative unit, in force from ``valid_from`` to ``valid_to``.

    A code may have several versions (renamed, re-parented); records keep the version in force
    when they were filed.
    """

    code = models.CharField(_("code"), max_length=10, db_index=True)
    name = models.CharField(_("name"), max_length=150)
    level = models.CharField(_("level"), max_length=10, choices=UnitLevel.choices)
    kind = models.CharField(_("kind"), max_length=20)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    basis_from = models.CharField(_("legal basis (from)"), max_length=255, blank=True)
    basis_to = models.CharField(_("legal basis (to)"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["code", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="unit_code_version_unique"),
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(valid_from__isnull=True), name="unit_code_first_version_unique"
            ),
        ]

    def __str__(self):
        return self.name


class UnitMapping(models.Model):
    """Old unit → the unit that took it over (whole-unit relation), from ``effective_on``."""

    old_unit = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="mapped_to")
    new_unit = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="mapped_from")
    effective_on = models.DateField(_("effective on"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("unit mapping")
        verbose_name_plural = _("unit mappings")
        constraints = [models.UniqueConstraint(fields=["old_unit", "effective_on"], name="unit_mapping_unique")]

    def __str__(self):
        return f"{self.old_unit} → {self.new_unit}"


class SectorGroup(models.TextChoices):
    """The two sector groups of Decree 80/2021 size thresholds."""

    INDUSTRY = "industry", _("Agriculture, forestry, fishery; industry and construction")
    SERVICES = "services", _("Trade and services")


class Sector(models.Model):
    """A VSIC section (level 1) or division (level 2) of one classification version."""

    classification = models.CharField(_("classification"), max_length=20, default="VSIC2018")
    code = models.CharField(_("code"), max_length=5)
    level = models.PositiveSmallIntegerField(_("level"))
    parent = models.ForeignKey(
        "self", verbose_name=_("section"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    size_group = models.CharField(_("size-class sector group"), max_length=10, choices=SectorGroup.choices)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["classification", "code"]
        constraints = [models.UniqueConstraint(fields=["classification", "code"], name="sector_code_unique")]

    def __str__(self):
        return f"{self.code} - {self.name}"


class SizeClass(models.TextChoices):
    MICRO = "micro", _("Micro")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")
    LARGE = "large", _("Large")


class LegalForm(models.TextChoices):
    LLC_ONE = "llc1", _("Single-member limited liability company")
    LLC = "llc", _("Limited liability company (two or more members)")
    JSC = "jsc", _("Joint-stock company")
    PARTNERSHIP = "partnership", _("Partnership")
    PRIVATE = "private", _("Private enterprise")
    COOPERATIVE = "cooperative", _("Cooperative")
    HOUSEHOLD = "household", _("Household business")
    OTHER = "other", _("Other")


class EnterpriseStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    DISSOLVED = "dissolved", _("Dissolved")


SEARCHED_FIELDS = ("name", "short_name", "address", "tax_code")


def search_text_of(enterprise) -> str:
    """What the diacritics-insensitive search reads: name, short name, address and tax code folded
    (no diacritics, lower case, single spaces), one per line so that a term never spans two."""
    return "\n".join(fold(getattr(enterprise, name) or "") for name in SEARCHED_FIELDS)


class EnterpriseManager(models.Manager):
    """Keeps ``search_text`` up to date on bulk writes too (imports, the scale generator)."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for enterprise in objs:
            enterprise.search_text = search_text_of(enterprise)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs, fields = list(objs), list(fields)
        if set(fields) & set(SEARCHED_FIELDS):
            for enterprise in objs:
                enterprise.search_text = search_text_of(enterprise)
            if "search_text" not in fields:
                fields.append("search_text")
        return super().bulk_update(objs, fields, *args, **kwargs)


class Enterprise(models.Model):
    """An enterprise: one tax code, one record. The size class is derived, never typed in."""

    tax_code = models.CharField(_("tax code"), max_length=14, unique=True)
    name = models.CharField(_("name"), max_length=255, validators=bounds.NAME)
    short_name = models.CharField(_("short name"), max_length=100, blank=True, validators=bounds.NAME)
    legal_form = models.CharField(_("legal form"), max_length=20, choices=LegalForm.choices, default=LegalForm.LLC)
    founded_on = models.DateField(_("founding date"), null=True, blank=True, validators=bounds.DATE)
    address = models.CharField(_("address"), max_length=255, blank=True)
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("administrative unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enterprises",
    )
    sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), null=True, blank=True, on_delete=models.PROTECT, related_name="enterprises"
    )
    employees = models.PositiveIntegerField(_("employees with social insurance"), null=True, blank=True)
    revenue = models.PositiveBigIntegerField(_("revenue (VND)"), null=True, blank=True, validators=bounds.MONEY)
    capital = models.PositiveBigIntegerField(_("total capital (VND)"), null=True, blank=True, validators=bounds.MONEY)
    figures_year = models.PositiveSmallIntegerField(
        _("year of the figures"), null=True, blank=True, validators=bounds.YEAR
    )
    size_class = models.CharField(_("size class"), max_length=10, choices=SizeClass.choices, blank=True, editable=False)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True, validators=bounds.NAME)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_model = models.BooleanField(_("model enterprise"), default=False)
    model_note = models.TextField(_("model enterprise note"), blank=True)
    model_since = models.DateField(_("model enterprise since"), null=True, blank=True, validators=bounds.DATE)
    status = models.CharField(
        _("status"), max_length=10, choices=EnterpriseStatus.choices, default=EnterpriseStatus.ACTIVE
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Derived on every save and bulk write; on PostgreSQL a trigram GIN index serves the search
    # (migration 0004), so "nguyen" finds "Nguyễn" without reading every row.
    search_text = models.TextField(_("search text"), blank=True, default="", editable=False)
    history = HistoricalRecords(excluded_fields=["search_text"])

    objects = EnterpriseManager()

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name"]
        # The staff list's order: its first page is read from this index (``scoping``).
        indexes = [models.Index(fields=["name", "id"], name="enterprise_name_order")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = search_text_of(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(SEARCHED_FIELDS):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)


class RepresentativeStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


REPRESENTATIVE_TRANSITIONS = {
    RepresentativeStatus.PENDING: {RepresentativeStatus.VERIFIED, RepresentativeStatus.REJECTED},
    RepresentativeStatus.REJECTED: {RepresentativeStatus.PENDING},
    # verified → pending: the enterprise's tax code changed, staff verify the representative again.
    RepresentativeStatus.VERIFIED: {RepresentativeStatus.REJECTED, RepresentativeStatus.PENDING},
}


class Representative(Workflow, models.Model):
    """A user who acts for an enterprise; verified by staff before submitting applications."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="representations")
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="representatives")
    position = models.CharField(_("position"), max_length=150, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RepresentativeStatus.choices, default=RepresentativeStatus.PENDING
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    TRANSITIONS = REPRESENTATIVE_TRANSITIONS
    STATUSES = RepresentativeStatus
    audit_prefix = "representative"

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        constraints = [models.UniqueConstraint(fields=["user", "enterprise"], name="representative_unique")]

    def __str__(self):
        return f"{self.user} – {self.enterprise}"

    @property
    def is_verified(self) -> bool:
        return self.status == RepresentativeStatus.VERIFIED
