"""Reads for applications, scoped by who asks: what a user may not see does not exist (404)."""

import datetime

from django.db.models import Case, F, IntegerField, Q, Sum, Value, When
from django.shortcuts import get_object_or_404

from accounts.models import Role, User
from enterprises.models import Representative, RepresentativeStatus
from programs.models import BudgetEstimate, EstimateStatus

from .models import COMMITTED_STATUSES, PolicyVersion, Status, SupportApplication, SupportScheme
from .permissions import can_see_internal

PENDING_STATUSES = (Status.SUBMITTED, Status.UNDER_REVIEW, Status.RETURNED, Status.RECOMMENDED, Status.BUDGET_REJECTED)


def representation_for(user) -> Representative | None:
    """The user's representation of an enterprise (a verified one first), or None."""
    if not user.is_authenticated:
        return None
    return (
        Representative.objects.filter(user=user)
        .exclude(status=RepresentativeStatus.REJECTED)
        .select_related("enterprise")
        .order_by(Case(When(status=RepresentativeStatus.VERIFIED, then=0), default=1), "pk")
        .first()
    )


def applications_visible_to(*, user):
    """Applications ``user`` may see: internal roles all but drafts; an enterprise user the filed
    applications of the enterprises they verifiably represent, and their own drafts only (a
    pending representative drafts, and nobody else sees those drafts)."""
    qs = SupportApplication.objects.select_related("enterprise", "scheme", "scheme__item", "reviewer")
    if not user.is_authenticated:
        return qs.none()
    if can_see_internal(user):
        return qs.exclude(status=Status.DRAFT)
    if user.has_role(Role.ENTERPRISE):
        verified = Representative.objects.filter(user=user, status=RepresentativeStatus.VERIFIED).values(
            "enterprise_id"
        )
        return qs.filter(
            Q(enterprise_id__in=verified) & ~Q(status=Status.DRAFT) | Q(applicant=user, status=Status.DRAFT)
        )
    return qs.none()


def application_for(*, user, pk) -> SupportApplication:
    """One application ``user`` may see, or 404."""
    return get_object_or_404(
        applications_visible_to(user=user).select_related(
            "policy_version",
            "scheme__funding_source",
            "scheme__plan",
            "enterprise__unit",
            "enterprise__sector",
            "applicant",
            "estimate",
        ),
        pk=pk,
    )


def open_schemes(*, day: datetime.date):
    """Schemes open for applications on ``day``."""
    return (
        SupportScheme.objects.filter(opens_on__lte=day)
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=day))
        .select_related("item", "funding_source", "plan")
    )


def policy_in_force(*, scheme_id: int, day: datetime.date) -> PolicyVersion | None:
    """The scheme's policy version in force on ``day``."""
    return (
        PolicyVersion.objects.filter(scheme_id=scheme_id, effective_from__lte=day)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day))
        .order_by("-effective_from")
        .first()
    )


def support_used_in_year(*, enterprise_id: int, item_id: int, year: int, exclude_pk: int | None = None) -> int:
    """What the enterprise already has (approved) or asks for (pending) for one item in one year."""
    qs = SupportApplication.objects.filter(enterprise_id=enterprise_id, scheme__item_id=item_id, year=year)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    total = qs.aggregate(
        used=Sum(
            Case(
                When(status__in=COMMITTED_STATUSES, then=F("approved_amount")),
                When(status__in=PENDING_STATUSES, then=F("proposed_amount")),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    )["used"]
    return int(total or 0)


def estimate_for(*, application) -> BudgetEstimate | None:
    """The approved estimate that would pay ``application`` (no lock: for display)."""
    return BudgetEstimate.objects.filter(
        plan_id=application.scheme.plan_id,
        year=application.year,
        source_id=application.scheme.funding_source_id,
        status=EstimateStatus.APPROVED,
    ).first()


def timeline_for(*, user, application):
    """The events ``user`` may see: the enterprise sees only those meant for it."""
    events = application.events.select_related("actor")
    if not can_see_internal(user):
        events = events.filter(visible_to_enterprise=True)
    return events


def staff_users():
    """Active department specialists (reviewers), by name."""
    return User.objects.filter(groups__name=Role.STAFF, is_active=True).order_by("full_name", "email")


def role_emails(role: str) -> list[str]:
    """E-mail addresses of the active holders of ``role``."""
    return list(User.objects.filter(groups__name=role, is_active=True).values_list("email", flat=True))


def enterprise_emails(application) -> list[str]:
    """The applicant and the verified representatives of the application's enterprise."""
    emails = set(
        Representative.objects.filter(
            enterprise_id=application.enterprise_id, status=RepresentativeStatus.VERIFIED, user__is_active=True
        ).values_list("user__email", flat=True)
    )
    emails.add(application.applicant.email)
    return sorted(emails)


def work_queue(*, user):
    """The staff queue: every submitted application, oldest status change first."""
    return (
        applications_visible_to(user=user)
        .select_related("enterprise__unit", "enterprise__sector")
        .order_by("status_changed_at", "pk")
    )


def budget_queue():
    """Recommended applications awaiting the budget decision, with the estimate they draw on."""
    return (
        SupportApplication.objects.filter(status=Status.RECOMMENDED)
        .select_related("enterprise", "scheme", "scheme__item", "scheme__funding_source")
        .order_by("status_changed_at", "pk")
    )


def estimates_for_queue(applications) -> dict[tuple[int, int, int], BudgetEstimate]:
    """Approved estimates keyed by (plan, year, source) for a list of applications (one query)."""
    keys = {(a.scheme.plan_id, a.year, a.scheme.funding_source_id) for a in applications}
    if not keys:
        return {}
    condition = Q()
    for plan_id, year, source_id in keys:
        condition |= Q(plan_id=plan_id, year=year, source_id=source_id)
    return {
        (e.plan_id, e.year, e.source_id): e
        for e in BudgetEstimate.objects.filter(condition, status=EstimateStatus.APPROVED).select_related("source")
    }


def decision_queue():
    """Applications whose budget is approved, waiting for the leadership's decision."""
    return (
        SupportApplication.objects.filter(status=Status.BUDGET_APPROVED)
        .select_related("enterprise", "scheme", "scheme__item", "estimate__source")
        .order_by("status_changed_at", "pk")
    )


def disbursement_queue():
    """Accepted applications to pay first, then those paid."""
    return (
        SupportApplication.objects.filter(status__in=(Status.ACCEPTED, Status.DISBURSED))
        .select_related("enterprise", "scheme", "scheme__item")
        .order_by(Case(When(status=Status.ACCEPTED, then=0), default=1), "status_changed_at", "pk")
    )


def lookup_status(*, reference_code: str, tax_code: str) -> SupportApplication | None:
    """The public status lookup: both must match; only status and last update are shown."""
    return (
        SupportApplication.objects.filter(
            reference_code__iexact=reference_code.strip(), enterprise__tax_code=tax_code.strip()
        )
        .exclude(status=Status.DRAFT)
        .only("status", "status_changed_at", "reference_code")
        .first()
    )
