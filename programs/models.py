import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import bounds
from core.workflow import check_transition


def _check_range(low, high) -> None:
    if low is not None and high is not None and high < low:
        raise ValidationError({"target_max": _("The maximum must not be less than the minimum.")})


def _valid_dates_in_order(name: str) -> models.CheckConstraint:
    """``valid_to`` is not before ``valid_from`` when both are set."""
    return models.CheckConstraint(
        condition=models.Q(valid_from__isnull=True)
        | models.Q(valid_to__isnull=True)
        | models.Q(valid_to__gte=models.F("valid_from")),
        name=name,
    )


class Agency(models.Model):
    """A department that runs plans (e.g. Sở KH&CN tỉnh Quảng Nam, then Sở KH&CN thành phố Đà Nẵng):
    its names as printed on documents, its area over time, its reference codes, its default
    reporting rule and its internal users. An agency that took over another (a merged province)
    names it as ``predecessor`` and works on its records too."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(
        _("name"),
        max_length=255,
        validators=bounds.NAME,
        help_text=_("For example: Sở Khoa học và Công nghệ thành phố Đà Nẵng."),
    )
    printed_name = models.CharField(
        _("name as printed on documents"),
        max_length=255,
        validators=bounds.NAME,
        help_text=_("For example: SỞ KHOA HỌC VÀ CÔNG NGHỆ."),
    )
    parent_name = models.CharField(
        _("parent body as printed on documents"), max_length=255, help_text=_("For example: UBND THÀNH PHỐ ĐÀ NẴNG.")
    )
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True, help_text=_("For example: SKHCN."))
    place_name = models.CharField(
        _("place named on documents"), max_length=100, help_text=_("For example: Đà Nẵng (“Đà Nẵng, ngày …”).")
    )
    code_prefix = models.CharField(
        _("reference-code prefix"),
        max_length=20,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Z]+(-[A-Z]+)*$",
                _("Use capital letters, optionally in groups joined by hyphens (for example NSCL-DNG)."),
            )
        ],
        help_text=_("Application codes are the prefix, the year and a number: NSCL-DNG-2026-0001."),
    )
    # Default reporting rule (Decree 09/2019: the data year runs from 15 Dec to 14 Dec); a new
    # plan copies it onto its own fields.
    data_year_start_month = models.PositiveSmallIntegerField(
        _("data year starts: month"), default=12, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    data_year_start_day = models.PositiveSmallIntegerField(
        _("data year starts: day"), default=15, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("predecessor agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="successors",
        help_text=_("The agency this one took over; its records are worked on by this agency's users."),
    )
    valid_from = models.DateField(_("in operation from"), null=True, blank=True, validators=bounds.DATE)
    valid_to = models.DateField(_("in operation until"), null=True, blank=True, validators=bounds.DATE)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("internal users"), blank=True, related_name="agencies"
    )

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]
        constraints = [_valid_dates_in_order("agency_valid_order")]

    def __str__(self):
        return self.name

    def clean(self):
        try:
            datetime.date(2001, self.data_year_start_month or 1, self.data_year_start_day or 1)
        except ValueError:
            raise ValidationError({"data_year_start_day": _("This day does not exist in that month.")}) from None
        if self.predecessor_id and self.predecessor_id == self.pk:
            raise ValidationError({"predecessor": _("An agency cannot succeed itself.")})

    def in_charge_on(self, day: datetime.date) -> "Agency":
        """The agency that carries this one's work on ``day``: itself while in operation, else the
        successor that took it over (followed as far as needed). Reports are headed by it."""
        agency, seen = self, set()
        while agency.valid_to is not None and day > agency.valid_to and agency.pk not in seen:
            seen.add(agency.pk)
            successor = agency.successors.order_by("valid_from", "pk").first()
            if successor is None:
                break
            agency = successor
        return agency


class AgencyArea(models.Model):
    """An administrative unit (with what lies under it) in an agency's area, from ``valid_from``
    to ``valid_to``. Records filed under older units count through the unit mappings."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="areas")
    unit = models.ForeignKey(
        "enterprises.AdministrativeUnit",
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True, validators=bounds.DATE)
    valid_to = models.DateField(_("valid to"), null=True, blank=True, validators=bounds.DATE)
    basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("agency area")
        verbose_name_plural = _("agency areas")
        ordering = ["agency", "valid_from"]
        constraints = [_valid_dates_in_order("agency_area_valid_order")]

    def __str__(self):
        return f"{self.agency}: {self.unit}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    ACTIVE = "active", _("In force")
    CLOSED = "closed", _("Closed")


# The plan's life cycle; each move is one service (programs.services.lifecycle), audited.
PLAN_TRANSITIONS = {
    PlanStatus.DRAFT: {PlanStatus.APPROVED},
    PlanStatus.APPROVED: {PlanStatus.ACTIVE},
    PlanStatus.ACTIVE: {PlanStatus.CLOSED},
    PlanStatus.CLOSED: set(),
}


class Plan(models.Model):
    """A provincial plan under the national programme, for a span of years."""

    title = models.CharField(_("title"), max_length=500, validators=bounds.NAME)
    short_title = models.CharField(_("short title"), max_length=200, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True, validators=bounds.DATE)
    issuing_body = models.CharField(_("issuing body"), max_length=255)
    province_name = models.CharField(_("province name"), max_length=100)
    # The agency that runs the plan: its area, its users, its reference codes; its printed names
    # head the plan's reports (the agency in charge on the report's date, see Agency.in_charge_on).
    agency = models.ForeignKey(
        Agency, verbose_name=_("managing agency"), on_delete=models.PROTECT, related_name="plans"
    )
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("previous plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="successors",
    )
    targets_note = models.CharField(
        _("note on the targets"),
        max_length=500,
        blank=True,
        help_text=_("Shown with the targets, for example when they are not yet an official decision."),
    )
    start_year = models.PositiveSmallIntegerField(_("start year"), validators=bounds.YEAR)
    end_year = models.PositiveSmallIntegerField(_("end year"), validators=bounds.YEAR)
    # The reporting rule (``programs.periods``): data year Y starts on this day and month of
    # year Y-1 and ends the day before it in year Y. Decree 09/2019: 15 December; 1 January
    # gives calendar years.
    data_year_start_month = models.PositiveSmallIntegerField(
        _("data year starts (month)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_(
            "Data year Y starts on this day and month of year Y-1 and ends the day before it in year Y "
            "(Decree 09/2019/ND-CP: 15 December). 1 January means calendar years."
        ),
    )
    data_year_start_day = models.PositiveSmallIntegerField(
        _("data year starts (day)"), default=15, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    status = models.CharField(_("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-start_year", "title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_year__gt=models.F("start_year")), name="plan_end_after_start")
        ]

    def __str__(self):
        return self.short_title or self.title

    def clean(self):
        if self.start_year and self.end_year and self.end_year <= self.start_year:
            raise ValidationError({"end_year": _("The end year must be after the start year.")})
        if self.predecessor_id and self.start_year and self.predecessor.end_year >= self.start_year:
            raise ValidationError(
                {
                    "start_year": _("A plan must start after the plan it follows (which ends in %(year)s).")
                    % {"year": self.predecessor.end_year}
                }
            )
        try:
            datetime.date(2001, self.data_year_start_month or 12, self.data_year_start_day or 15)
        except ValueError:
            raise ValidationError(
                {"data_year_start_day": _("This day does not exist in that month (29 February is not allowed).")}
            ) from None

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    @property
    def is_active(self) -> bool:
        return self.status == PlanStatus.ACTIVE

    @property
    def is_closed(self) -> bool:
        return self.status == PlanStatus.CLOSED

    def transition_to(self, new_status) -> None:
        """Move to ``new_status`` if PLAN_TRANSITIONS allows it (the service saves and audits)."""
        check_transition(PLAN_TRANSITIONS, self.status, new_status)
        self.status = new_status

    @property
    def uses_calendar_years(self) -> bool:
        return (self.data_year_start_month, self.data_year_start_day) == (1, 1)

    @property
    def span(self):
        """The days the plan counts: its first data year's first day to its last data year's last."""
        from .periods import plan_span

        return plan_span(self)


class Objective(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    code = models.CharField(_("code"), max_length=10)
    title = models.TextField(_("objective"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["plan", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="objective_code_unique")]

    def __str__(self):
        return f"{self.code}) {self.title[:80]}"


class IndicatorKind(models.TextChoices):
    CUMULATIVE = "cumulative", _("Cumulative over the period")
    ANNUAL_GROWTH = "annual_growth", _("Average annual growth of a yearly count")
    # Historical value name: the count of distinct records over the whole period (an enterprise
    # designated twice is one enterprise); how its target is read is ``Indicator.target_type``.
    AT_LEAST = "at_least", _("Distinct count over the period")


class Direction(models.TextChoices):
    INCREASE = "increase", _("Higher is better")
    DECREASE = "decrease", _("Lower is better")


class TargetType(models.TextChoices):
    """How a target is read (``programs.targets``): the same reading in every table."""

    RANGE = "range", _("From the minimum to the maximum (e.g. 15-20)")
    ABOUT = "about", _("About the minimum, within a tolerance (e.g. about 900 ± 5 %)")
    AT_LEAST = "at_least", _("At least the minimum")


class IndicatorSource(models.TextChoices):
    COMPUTED = "computed", _("Computed from the portal's records")
    PARTNER = "partner", _("Reported by partners with evidence")


class Indicator(models.Model):
    """A measurable target of an objective. Its actual is never typed in: it comes from a named
    measure (``programs.measures``) over the portal's records, or from approved partner figures."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=500)
    unit = models.CharField(_("unit of measure"), max_length=50)
    kind = models.CharField(_("kind"), max_length=20, choices=IndicatorKind.choices)
    # For annual_growth the targets are percentages (10 and 15 for "+10-15 % a year").
    target_min = models.DecimalField(_("target (minimum)"), max_digits=14, decimal_places=2)
    target_max = models.DecimalField(_("target (maximum)"), max_digits=14, decimal_places=2, null=True, blank=True)
    target_type = models.CharField(
        _("how the target is read"), max_length=10, choices=TargetType.choices, default=TargetType.RANGE
    )
    tolerance_percent = models.DecimalField(
        _("tolerance (%)"),
        max_digits=5,
        decimal_places=2,
        default=5,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("For an “about” target: how far from it, in per cent, still counts as within the target."),
    )
    baseline_value = models.DecimalField(_("baseline value"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True, validators=bounds.YEAR)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.INCREASE)
    source = models.CharField(
        _("source"), max_length=10, choices=IndicatorSource.choices, default=IndicatorSource.COMPUTED
    )
    measure = models.CharField(_("measure"), max_length=100, blank=True, help_text=_("Key of a registered measure."))
    measure_arg = models.CharField(_("measure argument"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # The partner organisations that report figures for a partner-reported indicator.
    reported_by = models.ManyToManyField(
        "PartnerOrganisation",
        verbose_name=_("reported by"),
        blank=True,
        related_name="reported_indicators",
        help_text=_("The partner organisations that report figures for this indicator."),
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["objective__order", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["objective", "code"], name="indicator_code_unique"),
            models.CheckConstraint(
                condition=models.Q(target_max__isnull=True) | models.Q(target_max__gte=models.F("target_min")),
                name="indicator_min_le_max",
            ),
        ]

    def __str__(self):
        return f"{self.code} – {self.name[:80]}"

    def clean(self):
        _check_range(self.target_min, self.target_max)
        if self.baseline_value is not None and self.baseline_year is None:
            raise ValidationError({"baseline_year": _("Give the year of the baseline value.")})
        if self.kind == IndicatorKind.ANNUAL_GROWTH and not self.baseline_value:
            raise ValidationError({"baseline_value": _("A growth indicator needs a baseline value and year.")})
        if self.target_type == TargetType.RANGE and self.target_max is None:
            raise ValidationError({"target_max": _("A range target needs its maximum; otherwise choose “at least”.")})

    @property
    def target(self):
        """The whole plan's target, read as ``programs.targets`` says."""
        from .targets import indicator_target

        return indicator_target(self)


class AnnualPlan(models.Model):
    """The yearly plan under a multi-year plan, with its own yearly targets."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="annual_plans")
    year = models.PositiveSmallIntegerField(_("year"), validators=bounds.YEAR)
    title = models.CharField(_("title"), max_length=500, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True, validators=bounds.DATE)

    class Meta:
        verbose_name = _("annual plan")
        verbose_name_plural = _("annual plans")
        ordering = ["plan", "year"]
        constraints = [models.UniqueConstraint(fields=["plan", "year"], name="annual_plan_unique")]

    def __str__(self):
        return f"{self.plan} – {self.year}"

    def clean(self):
        plan = self.plan if self.plan_id else None
        if plan is not None and self.year is not None and not plan.start_year <= self.year <= plan.end_year:
            raise ValidationError(
                {
                    "year": _("The year must be inside the plan's years (%(start)s-%(end)s).")
                    % {"start": plan.start_year, "end": plan.end_year}
                }
            )


class AnnualTarget(models.Model):
    annual_plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="annual_targets")
    target_min = models.DecimalField(_("target (minimum)"), max_digits=14, decimal_places=2)
    target_max = models.DecimalField(_("target (maximum)"), max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("yearly target")
        verbose_name_plural = _("yearly targets")
        constraints = [models.UniqueConstraint(fields=["annual_plan", "indicator"], name="annual_target_unique")]

    def __str__(self):
        return f"{self.indicator.code} {self.annual_plan.year}"

    def clean(self):
        _check_range(self.target_min, self.target_max)
        if self.annual_plan_id and self.indicator_id and self.indicator.objective.plan_id != self.annual_plan.plan_id:
            raise ValidationError({"indicator": _("The indicator belongs to another plan.")})


class TaskGroup(models.Model):
    """A group of tasks of the plan's section II (policies, communication, training, ...)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="task_groups")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=500)

    class Meta:
        verbose_name = _("task group")
        verbose_name_plural = _("task groups")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="task_group_unique")]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Task(models.Model):
    group = models.ForeignKey(TaskGroup, on_delete=models.CASCADE, related_name="tasks")
    code = models.CharField(_("code"), max_length=10)
    title = models.TextField(_("task"))

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["group__number", "code"]
        constraints = [models.UniqueConstraint(fields=["group", "code"], name="task_code_unique")]

    def __str__(self):
        return f"{self.group.number}.{self.code}) {self.title[:80]}"


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


class BudgetEstimate(models.Model):
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
    history = HistoricalRecords()

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

    def transition_to(self, new_status) -> None:
        """Move to ``new_status`` if ESTIMATE_TRANSITIONS allows it (the service saves and audits)."""
        check_transition(ESTIMATE_TRANSITIONS, self.status, new_status)
        self.status = new_status


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


# --- Budget workflow -----------------------------------------------------------------------------
ESTIMATE_TRANSITIONS = {
    EstimateStatus.PROPOSED: {EstimateStatus.APPRAISED, EstimateStatus.REJECTED},
    EstimateStatus.APPRAISED: {EstimateStatus.APPROVED, EstimateStatus.REJECTED},
    EstimateStatus.REJECTED: {EstimateStatus.PROPOSED},
    EstimateStatus.APPROVED: set(),
}


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


class PartnerReport(models.Model):
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
        from .periods import data_year

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

    def transition_to(self, new_status) -> None:
        """Move to ``new_status`` if the workflow allows it (the service saves and audits)."""
        check_transition(PARTNER_REPORT_TRANSITIONS, self.status, new_status)
        self.status = new_status


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


# --- News (the plan's communication task) ----------------------------------------------------------
class NewsPost(models.Model):
    """A public news post about the programme, kept by the staff of one agency."""

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="news")
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), null=True, blank=True, on_delete=models.SET_NULL, related_name="news"
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=False)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    body = models.TextField(_("body"))
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")
        ordering = ["-published_at", "-created_at"]

    def __str__(self):
        return self.title
