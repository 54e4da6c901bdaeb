"""A plan and its structure: objectives, indicators, annual plans and targets, task groups and tasks."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import bounds
from core.workflow import Workflow

from .agencies import Agency


def _check_range(low, high) -> None:
    if low is not None and high is not None and high < low:
        raise ValidationError({"target_max": _("The maximum must not be less than the minimum.")})


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


class Plan(Workflow, models.Model):
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

    TRANSITIONS = PLAN_TRANSITIONS
    STATUSES = PlanStatus
    audit_prefix = "programs.plan"

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

    @property
    def uses_calendar_years(self) -> bool:
        return (self.data_year_start_month, self.data_year_start_day) == (1, 1)

    @property
    def span(self):
        """The days the plan counts: its first data year's first day to its last data year's last."""
        from ..periods import plan_span

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
        from ..targets import indicator_target

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
