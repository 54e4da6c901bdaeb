"""An application's outcome figures (baseline, completion, follow-up)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import clock

from .application import SupportApplication
from .schemes import Standard


class OutcomeStage(models.TextChoices):
    BASELINE = "baseline", _("Before the support (last full year)")
    COMPLETION = "completion", _("At completion")
    FOLLOW_UP = "follow_up", _("One year after acceptance")


class FigureSource(models.TextChoices):
    ENTERPRISE = "enterprise", _("Reported by the enterprise")
    DOCUMENTS = "documents", _("Entered by the department from documents")


class OutcomeReport(models.Model):
    """The enterprise's figures at one stage of a supported project (rules: ``outcomes.rules``).

    Money in VND million; value added may be left empty when material costs are given (value
    added is then revenue − material costs). Validation messages are the model's own, so the
    enterprise's form, the staff form and the services say the same thing."""

    application = models.ForeignKey(SupportApplication, on_delete=models.CASCADE, related_name="outcome_reports")
    stage = models.CharField(_("stage"), max_length=12, choices=OutcomeStage.choices)
    year = models.PositiveSmallIntegerField(_("year of the figures"))
    revenue = models.BigIntegerField(_("revenue (VND million)"))
    value_added = models.BigIntegerField(_("value added (VND million)"), null=True, blank=True)
    material_costs = models.BigIntegerField(_("material costs (VND million)"), null=True, blank=True)
    employees = models.IntegerField(_("employees"))
    energy_kwh = models.BigIntegerField(_("energy use (kWh)"), null=True, blank=True)
    defect_rate = models.DecimalField(
        _("defect or reject rate (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    certificate_standard = models.ForeignKey(
        Standard,
        verbose_name=_("certificate: standard"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outcome_reports",
    )
    certificate_number = models.CharField(_("certificate: number"), max_length=100, blank=True)
    certificate_date = models.DateField(_("certificate: date"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=12, choices=FigureSource.choices)
    source_document = models.CharField(_("from which document"), max_length=255, blank=True)
    unusual_confirmed = models.BooleanField(_("unusual figures confirmed"), default=False)
    reported_on = models.DateField(_("reported on"), default=clock.today)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("outcome report")
        verbose_name_plural = _("outcome reports")
        ordering = ["application", "stage"]
        constraints = [
            models.UniqueConstraint(fields=["application", "stage"], name="outcome_report_one_per_stage"),
            models.CheckConstraint(
                condition=models.Q(employees__gte=0)
                & models.Q(revenue__gte=0)
                & (models.Q(material_costs__isnull=True) | models.Q(material_costs__gte=0))
                & (models.Q(energy_kwh__isnull=True) | models.Q(energy_kwh__gte=0))
                & (models.Q(value_added__isnull=True) | models.Q(value_added__lte=models.F("revenue"))),
                name="outcome_report_figures_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(defect_rate__isnull=True)
                | (models.Q(defect_rate__gte=0) & models.Q(defect_rate__lte=100)),
                name="outcome_report_defect_rate_percent",
            ),
        ]

    def __str__(self):
        return f"{self.application} – {self.get_stage_display()} {self.year}"

    def clean(self):
        from ..outcomes.rules import figure_errors

        errors = figure_errors(self)
        if errors:
            raise ValidationError(errors)

    @property
    def value_added_used(self) -> int | None:
        from ..outcomes.rules import value_added

        return value_added(revenue=self.revenue, value_added=self.value_added, material_costs=self.material_costs)

    @property
    def labour_productivity(self):
        from ..outcomes.rules import labour_productivity

        return labour_productivity(value_added=self.value_added_used, employees=self.employees)
