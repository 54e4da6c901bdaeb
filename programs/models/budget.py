"""Funding sources and a plan's budget estimates (with their workflow)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import bounds
from core.workflow import Workflow

from .plans import Plan


class FundingSourceKind(models.TextChoices):
    STATE = "state", _("State budget")
    OTHER = "other", _("Other lawful sources")


class FundingSource(models.Model):
    """Where money comes from (S&T non-business funds, a resolution's funds, ...)."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=10, choices=FundingSourceKind.choices, default=FundingSourceKind.STATE
    )
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["code"]

    def __str__(self):
        return self.name


class EstimateStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPRAISED = "appraised", _("Appraised")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Returned")


# --- Budget workflow -----------------------------------------------------------------------------
ESTIMATE_TRANSITIONS = {
    EstimateStatus.PROPOSED: {EstimateStatus.APPRAISED, EstimateStatus.REJECTED},
    EstimateStatus.APPRAISED: {EstimateStatus.APPROVED, EstimateStatus.REJECTED},
    EstimateStatus.REJECTED: {EstimateStatus.PROPOSED},
    EstimateStatus.APPROVED: set(),
}


class BudgetEstimate(Workflow, models.Model):
    """The budget of one plan, year and funding source: proposed → appraised → approved.

    ``reserved_amount`` and ``disbursed_amount`` are running totals kept by the applications
    services under a row lock (select_for_update), so the reserved total never exceeds
    ``approved_amount``. Reports never read them: their money figures are sums of the dated
    ledger (``applications.LedgerEntry``) up to the report's cut-off.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="budget_estimates")
    year = models.PositiveSmallIntegerField(_("year"), validators=bounds.YEAR)
    source = models.ForeignKey(FundingSource, on_delete=models.PROTECT, related_name="estimates")
    proposed_amount = models.PositiveBigIntegerField(_("proposed (VND)"), validators=bounds.MONEY)
    appraised_amount = models.PositiveBigIntegerField(
        _("appraised (VND)"), null=True, blank=True, validators=bounds.MONEY
    )
    approved_amount = models.PositiveBigIntegerField(_("approved (VND)"), default=0, validators=bounds.MONEY)
    reserved_amount = models.PositiveBigIntegerField(_("reserved (VND)"), default=0, validators=bounds.MONEY)
    disbursed_amount = models.PositiveBigIntegerField(_("disbursed (VND)"), default=0, validators=bounds.MONEY)
    # The day the approved amount was allocated: reports count it only from that day on.
    approved_on = models.DateField(_("approved on"), null=True, blank=True, validators=bounds.DATE)
    status = models.CharField(
        _("status"), max_length=10, choices=EstimateStatus.choices, default=EstimateStatus.PROPOSED
    )
    note = models.TextField(_("note"), blank=True)

    TRANSITIONS = ESTIMATE_TRANSITIONS
    STATUSES = EstimateStatus
    audit_prefix = "programs.estimate"

    class Meta:
        verbose_name = _("budget estimate")
        verbose_name_plural = _("budget estimates")
        ordering = ["plan", "year", "source"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year", "source"], name="budget_estimate_unique"),
            models.CheckConstraint(
                condition=models.Q(reserved_amount__lte=models.F("approved_amount")),
                name="estimate_reserved_le_approved",
            ),
            models.CheckConstraint(
                condition=models.Q(disbursed_amount__lte=models.F("reserved_amount")),
                name="estimate_disbursed_le_reserved",
            ),
        ]

    def __str__(self):
        return f"{self.plan} {self.year} – {self.source}"

    @property
    def remaining_amount(self) -> int:
        return self.approved_amount - self.reserved_amount
