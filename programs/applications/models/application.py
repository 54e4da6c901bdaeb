"""The support application, its statuses and transitions, reference codes and its event log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import bounds, clock
from core.models import AppendOnly
from core.workflow import Workflow, final_states, states_leading_to

from .schemes import PolicyVersion, SupportScheme


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


# Statuses in which the enterprise may still withdraw (before the leadership's decision), and the
# closed ones (the end of the road): both read off the table.
WITHDRAWABLE_STATUSES = states_leading_to(TRANSITIONS, S.WITHDRAWN)
CLOSED_STATUSES = final_states(TRANSITIONS)


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


class SupportApplication(Workflow, models.Model):
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

    TRANSITIONS = TRANSITIONS
    STATUSES = Status
    audit_prefix = "application"

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

    def on_transition(self, previous: str, status: str) -> None:
        self.status_changed_at = clock.now()
        self.full_clean()
        if previous == Status.DRAFT and status != Status.DRAFT:
            self.link_to_agency()

    def link_to_agency(self) -> None:
        """Filed: the agency's staff see the enterprise from now on (``programs.AgencyEnterprise``)."""
        from programs.models import link_enterprise_to_agency

        link_enterprise_to_agency(enterprise_id=self.enterprise_id, agency_id=self.scheme.plan.agency_id)

    def transition_fields(self) -> tuple[str, ...]:
        return ("status_changed_at", "updated_at")

    def record_transition(
        self, *, actor, previous: str, status: str, reason: str, action: str, visible_to_enterprise=True, **data
    ) -> "ApplicationEvent":
        """The audit event of the move (as for every workflow) and the entry of the application's
        timeline, the case file the enterprise reads (``visible_to_enterprise``); returns the entry."""
        super().record_transition(actor=actor, previous=previous, status=status, reason=reason, action=action, **data)
        return ApplicationEvent.objects.create(
            application=self,
            actor=actor,
            from_status=previous,
            to_status=status,
            comment=reason,
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
