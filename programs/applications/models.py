"""Support schemes (dated policy data) and the support applications enterprises file online."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core import bounds, clock
from core.models import AppendOnly
from core.workflow import InvalidTransition
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


class Status(models.TextChoices):
    """Names follow the national public-service portal (dichvucong.gov.vn) where it has them."""

    DRAFT = "draft", pgettext_lazy("application status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("application status", "Newly submitted")
    UNDER_REVIEW = "under_review", pgettext_lazy("application status", "Being processed")
    RETURNED = "returned", pgettext_lazy("application status", "Supplement requested")
    RECOMMENDED = "recommended", pgettext_lazy("application status", "Recommended for support")
    BUDGET_APPROVED = "budget_approved", pgettext_lazy("application status", "Budget approved")
    BUDGET_REJECTED = "budget_rejected", pgettext_lazy("application status", "Budget refused")
    APPROVED = "approved", pgettext_lazy("application status", "Support approved")
    IN_PROGRESS = "in_progress", pgettext_lazy("application status", "Being implemented")
    COMPLETION_SUBMITTED = "completion_submitted", pgettext_lazy("application status", "Completion report submitted")
    ACCEPTED = "accepted", pgettext_lazy("application status", "Results accepted")
    DISBURSED = "disbursed", pgettext_lazy("application status", "Paid (closed)")
    REJECTED = "rejected", pgettext_lazy("application status", "Refused")
    WITHDRAWN = "withdrawn", pgettext_lazy("application status", "Withdrawn")


S = Status
TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    S.SUBMITTED: frozenset({S.UNDER_REVIEW, S.RETURNED, S.REJECTED, S.WITHDRAWN}),
    S.UNDER_REVIEW: frozenset({S.RECOMMENDED, S.RETURNED, S.REJECTED, S.WITHDRAWN}),
    S.RETURNED: frozenset({S.SUBMITTED, S.REJECTED, S.WITHDRAWN}),
    S.RECOMMENDED: frozenset({S.BUDGET_APPROVED, S.BUDGET_REJECTED, S.WITHDRAWN}),
    S.BUDGET_REJECTED: frozenset({S.UNDER_REVIEW, S.REJECTED, S.WITHDRAWN}),
    S.BUDGET_APPROVED: frozenset({S.APPROVED, S.REJECTED, S.WITHDRAWN}),
    S.APPROVED: frozenset({S.IN_PROGRESS}),
    S.IN_PROGRESS: frozenset({S.COMPLETION_SUBMITTED}),
    S.COMPLETION_SUBMITTED: frozenset({S.ACCEPTED, S.IN_PROGRESS}),
    S.ACCEPTED: frozenset({S.DISBURSED}),
    S.DISBURSED: frozenset(),
    S.REJECTED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
# Statuses whose support has been decided by the leadership (counted as "supported").
SUPPORTED_STATUSES = (S.APPROVED, S.IN_PROGRESS, S.COMPLETION_SUBMITTED, S.ACCEPTED, S.DISBURSED)
# Statuses whose amount is reserved on a budget estimate (counted against the yearly limit).
COMMITTED_STATUSES = (S.BUDGET_APPROVED, *SUPPORTED_STATUSES)
# Statuses in which the enterprise may still withdraw (before the leadership's decision).
WITHDRAWABLE_STATUSES = (
    S.DRAFT,
    S.SUBMITTED,
    S.UNDER_REVIEW,
    S.RETURNED,
    S.RECOMMENDED,
    S.BUDGET_REJECTED,
    S.BUDGET_APPROVED,
)
CLOSED_STATUSES = (S.DISBURSED, S.REJECTED, S.WITHDRAWN)
# Statuses in which the department holds an undecided application: the processing clock runs.
CLOCK_RUNNING_STATUSES = (S.SUBMITTED, S.UNDER_REVIEW, S.RECOMMENDED, S.BUDGET_REJECTED, S.BUDGET_APPROVED)
del S


class ReferenceCounter(models.Model):
    """The last reference number issued per (prefix, year); locked while a code is issued."""

    prefix = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="reference_counter_unique")]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last_number}"


class SupportApplication(models.Model):
    """An enterprise's application for support under a scheme, and its whole life to payment."""

    reference_code = models.CharField(_("reference code"), max_length=30, unique=True, null=True, blank=True)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="applications"
    )
    scheme = models.ForeignKey(
        SupportScheme, verbose_name=_("scheme"), on_delete=models.PROTECT, related_name="applications"
    )
    policy_version = models.ForeignKey(
        PolicyVersion,
        verbose_name=_("policy version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="support_applications",
    )
    year = models.PositiveSmallIntegerField(_("budget year"), validators=bounds.YEAR)
    # The project
    project_title = models.CharField(_("project title"), max_length=500, blank=True, validators=bounds.NAME)
    project_description = models.TextField(_("what will be done"), blank=True)
    starts_on = models.DateField(_("planned start"), null=True, blank=True, validators=bounds.DATE)
    ends_on = models.DateField(_("planned end"), null=True, blank=True, validators=bounds.DATE)
    consultant = models.CharField(_("consulting or certification organisation"), max_length=255, blank=True)
    eligible_cost = models.PositiveBigIntegerField(
        _("eligible cost (VND)"), null=True, blank=True, validators=bounds.MONEY
    )
    requested_amount = models.PositiveBigIntegerField(
        _("requested support (VND)"), null=True, blank=True, validators=bounds.MONEY
    )
    declaration_accepted = models.BooleanField(_("declaration accepted"), default=False)
    # Money
    proposed_amount = models.PositiveBigIntegerField(_("proposed support (VND)"), default=0, validators=bounds.MONEY)
    proposal_basis = models.JSONField(_("proposal arithmetic"), default=dict, blank=True)
    approved_amount = models.PositiveBigIntegerField(_("approved support (VND)"), default=0, validators=bounds.MONEY)
    reserved_amount = models.PositiveBigIntegerField(
        _("reserved on the estimate (VND)"), default=0, validators=bounds.MONEY
    )
    disbursed_amount = models.PositiveBigIntegerField(_("disbursed (VND)"), default=0, validators=bounds.MONEY)
    estimate = models.ForeignKey(
        "programs.BudgetEstimate",
        verbose_name=_("budget estimate"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    # Workflow
    status = models.CharField(_("status"), max_length=25, choices=Status.choices, default=Status.DRAFT, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed at"), default=clock.now)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned reviewer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewed_applications",
    )
    supplement_deadline = models.DateField(_("supplement deadline"), null=True, blank=True, validators=bounds.DATE)
    supplement_reasons = models.TextField(_("what to supplement"), blank=True)
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True, validators=bounds.DATE)
    completion_report = models.TextField(_("completion report"), blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True, validators=bounds.DATE)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # The processing clock (programs.applications.deadlines), kept by the services from the events.
    due_on = models.DateField(_("decision due by"), null=True, blank=True, db_index=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    working_days_used = models.PositiveSmallIntegerField(_("working days used"), null=True, blank=True)
    decided_on_time = models.BooleanField(_("decided on time"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("support application")
        verbose_name_plural = _("support applications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "status_changed_at"]), models.Index(fields=["enterprise", "year"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(disbursed_amount__lte=models.F("approved_amount")),
                name="application_disbursed_le_approved",
            ),
            models.CheckConstraint(
                condition=models.Q(reserved_amount__lte=models.F("approved_amount")),
                name="application_reserved_le_approved",
            ),
        ]

    def __str__(self):
        return self.reference_code or _("Draft application %(pk)s") % {"pk": self.pk}

    @property
    def display_code(self) -> str:
        return str(self)

    def can_transition_to(self, status: str) -> bool:
        return status in TRANSITIONS[self.status]

    def transition_to(
        self, status: str, *, actor, comment: str = "", visible_to_enterprise: bool = True
    ) -> "ApplicationEvent":
        """Move to ``status`` if the workflow allows it; save; append the event. Services only."""
        if not self.can_transition_to(status):
            raise InvalidTransition(
                _("An application that is “%(current)s” cannot become “%(new)s”.")
                % {"current": self.get_status_display(), "new": Status(status).label},
                code="invalid_transition",
            )
        previous = self.status
        self.status = status
        self.status_changed_at = clock.now()
        self.full_clean()
        self.save()
        return ApplicationEvent.objects.create(
            application=self,
            actor=actor,
            from_status=previous,
            to_status=status,
            comment=comment,
            visible_to_enterprise=visible_to_enterprise,
        )

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def clock_running(self) -> bool:
        """Undecided and held by the department (``deadlines``: the due date counts)."""
        return self.status in CLOCK_RUNNING_STATUSES and self.decided_on is None and self.due_on is not None

    @property
    def days_waiting(self) -> int:
        return (clock.now() - self.status_changed_at).days


class ApplicationEvent(AppendOnly, models.Model):
    """Append-only history of an application: who, when, what, comment, and who may see it."""

    application = models.ForeignKey(SupportApplication, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    from_status = models.CharField(_("from"), max_length=25, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=25, choices=Status.choices, blank=True)
    action = models.CharField(_("action"), max_length=50, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    visible_to_enterprise = models.BooleanField(_("visible to the enterprise"), default=True)
    created_at = models.DateTimeField(_("time"), default=clock.now)

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["created_at", "pk"]

    append_only_message = "Application events are append-only."

    def __str__(self):
        return f"{self.application_id} {self.from_status}→{self.to_status}"


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


class Disbursement(AppendOnly, models.Model):
    """A payment of approved support, recorded by finance against the reserved estimate."""

    application = models.ForeignKey(SupportApplication, on_delete=models.PROTECT, related_name="disbursements")
    amount = models.PositiveBigIntegerField(_("amount (VND)"), validators=bounds.MONEY)
    paid_on = models.DateField(_("payment date"), validators=bounds.DATE)
    voucher = models.CharField(_("voucher number"), max_length=100)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        ordering = ["paid_on", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="disbursement_positive")]

    append_only_message = "Disbursements are append-only: record a correcting entry instead."

    def __str__(self):
        return f"{self.voucher}: {self.amount}"


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
    history = HistoricalRecords()

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
        from .outcomes.rules import figure_errors

        errors = figure_errors(self)
        if errors:
            raise ValidationError(errors)

    @property
    def value_added_used(self) -> int | None:
        from .outcomes.rules import value_added

        return value_added(revenue=self.revenue, value_added=self.value_added, material_costs=self.material_costs)

    @property
    def labour_productivity(self):
        from .outcomes.rules import labour_productivity

        return labour_productivity(value_added=self.value_added_used, employees=self.employees)


class ReminderKind(models.TextChoices):
    DECISION_DUE = "decision_due", _("Decision due soon (to the reviewer)")
    OUTCOME_COMPLETION = "outcome_completion", _("Figures at completion due (to the enterprise)")
    OUTCOME_FOLLOW_UP = "outcome_follow_up", _("Figures one year after acceptance due (to the enterprise)")


class Reminder(models.Model):
    """One reminder e-mail sent for an application and a due date: never sent twice."""

    application = models.ForeignKey(SupportApplication, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    due_on = models.DateField(_("due on"))
    sent_at = models.DateTimeField(_("sent at"), default=clock.now)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "kind", "due_on"], name="reminder_once_per_due_date")
        ]

    def __str__(self):
        return f"{self.application_id} {self.kind} {self.due_on}"


class LedgerKind(models.TextChoices):
    RESERVATION = "reservation", _("Reservation")
    RELEASE = "release", _("Release")
    PAYMENT = "payment", _("Payment")


class LedgerEntry(AppendOnly, models.Model):
    """One dated money movement of an application on a budget estimate; append-only.

    A reservation is written when finance approves the budget (dated that day), a release when
    what was reserved and not paid goes back (withdrawal, refusal, final payment), a payment for
    each disbursement (dated its payment day). Report figures for money are sums of these rows up
    to the report's cut-off; the running totals on the estimate and the application only guard
    the limits under a row lock.
    """

    estimate = models.ForeignKey(
        "programs.BudgetEstimate", verbose_name=_("budget estimate"), on_delete=models.PROTECT, related_name="ledger"
    )
    application = models.ForeignKey(
        SupportApplication, verbose_name=_("application"), on_delete=models.PROTECT, related_name="ledger"
    )
    disbursement = models.OneToOneField(
        Disbursement,
        verbose_name=_("disbursement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entry",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=LedgerKind.choices)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    date = models.DateField(_("date"))
    recorded_at = models.DateTimeField(_("recorded at"), default=clock.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["date", "pk"]
        indexes = [
            models.Index(fields=["estimate", "kind", "date"]),
            models.Index(fields=["application", "kind", "date"]),
        ]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="ledger_amount_positive")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount} ({self.date:%d/%m/%Y})"
