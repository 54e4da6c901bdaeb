"""Partner organisations and their reports (figures and activities), with the report workflow."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import bounds
from core.workflow import Workflow

from .activities import ActivityKind
from .agencies import Agency
from .plans import Indicator, Plan


# --- Partner reporting ---------------------------------------------------------------------------
class PartnerKind(models.TextChoices):
    DEPARTMENT = "department", _("Department or agency")
    DISTRICT = "district", _("District people's committee")
    ASSOCIATION = "association", _("Association or cooperative alliance")
    OTHER = "other", _("Other")


class PartnerOrganisation(models.Model):
    """A department, district or association that reports its contribution to a plan."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="partner_organisations"
    )
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices, default=PartnerKind.DEPARTMENT)
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("users"), blank=True, related_name="partner_organisations"
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="partner_organisation_name_unique")]

    def __str__(self):
        return self.name


class PartnerReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved (locked)")
    RETURNED = "returned", _("Returned")


PARTNER_REPORT_TRANSITIONS = {
    PartnerReportStatus.DRAFT: {PartnerReportStatus.SUBMITTED},
    PartnerReportStatus.SUBMITTED: {PartnerReportStatus.APPROVED, PartnerReportStatus.RETURNED},
    PartnerReportStatus.RETURNED: {PartnerReportStatus.SUBMITTED},
    # Unlocking an approved period sends it back to the partner (with the reason, audited).
    PartnerReportStatus.APPROVED: {PartnerReportStatus.RETURNED},
}


class PartnerReport(Workflow, models.Model):
    """A partner's report for one year of a plan (optionally a date range inside that year)."""

    organisation = models.ForeignKey(PartnerOrganisation, on_delete=models.PROTECT, related_name="reports")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="partner_reports")
    year = models.PositiveSmallIntegerField(_("year"), validators=bounds.YEAR)
    period_start = models.DateField(_("period from"), null=True, blank=True, validators=bounds.DATE)
    period_end = models.DateField(_("period to"), null=True, blank=True, validators=bounds.DATE)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PartnerReportStatus.choices, default=PartnerReportStatus.DRAFT
    )
    return_reason = models.TextField(_("reason for return"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    TRANSITIONS = PARTNER_REPORT_TRANSITIONS
    STATUSES = PartnerReportStatus
    audit_prefix = "programs.partner_report"

    class Meta:
        verbose_name = _("partner report")
        verbose_name_plural = _("partner reports")
        ordering = ["-year", "organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__isnull=True)
                | models.Q(period_end__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="partner_report_period_order",
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.year}"

    def save(self, *args, **kwargs):
        self.fill_period()
        super().save(*args, **kwargs)

    def clean(self):
        if self.plan_id and self.year and not self.plan.start_year <= self.year <= self.plan.end_year:
            raise ValidationError({"year": _("The year must be inside the plan's years.")})
        if self.plan_id and self.year:
            days = self.data_year
            for name in ("period_start", "period_end"):
                value = getattr(self, name)
                if value and value not in days:
                    raise ValidationError(
                        {
                            name: _("The date must be inside the reported data year (%(period)s).")
                            % {"period": days.text()}
                        }
                    )
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The end of the period must not be before its start.")})

    @property
    def data_year(self):
        """The plan's data year this report is for."""
        from ..periods import data_year

        return data_year(self.plan, self.year)

    def fill_period(self) -> None:
        """Blank period dates mean the whole data year (the KPI engine counts by ``period_end``)."""
        if self.plan_id and self.year:
            days = self.data_year
            self.period_start = self.period_start or days.start
            self.period_end = self.period_end or days.end

    @property
    def is_locked(self) -> bool:
        return self.status == PartnerReportStatus.APPROVED

    @property
    def is_editable(self) -> bool:
        return self.status in (PartnerReportStatus.DRAFT, PartnerReportStatus.RETURNED)


class PartnerFigure(models.Model):
    """A partner's figure for a partner-reported indicator, with its evidence."""

    report = models.ForeignKey(PartnerReport, on_delete=models.CASCADE, related_name="figures")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="partner_figures"
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    evidence_note = models.TextField(_("evidence"), blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to="partner-evidence/%Y/", blank=True)
    evidence_name = models.CharField(_("file name"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("partner figure")
        verbose_name_plural = _("partner figures")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="partner_figure_unique"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="partner_figure_non_negative"),
        ]

    def __str__(self):
        return f"{self.indicator.code}: {self.value}"


class PartnerActivity(models.Model):
    """Something a partner did in the reported period."""

    report = models.ForeignKey(PartnerReport, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices, default=ActivityKind.OTHER)
    title = models.CharField(_("title"), max_length=500, validators=bounds.NAME)
    date = models.DateField(_("date"), validators=bounds.DATE)
    results = models.TextField(_("results"), blank=True)
    cost = models.PositiveBigIntegerField(_("cost (VND)"), default=0, validators=bounds.MONEY)

    class Meta:
        verbose_name = _("partner activity")
        verbose_name_plural = _("partner activities")
        ordering = ["date", "pk"]

    def __str__(self):
        return self.title
