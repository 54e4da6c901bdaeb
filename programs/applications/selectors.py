"""Reads for applications, scoped by who asks: what a user may not see does not exist (404)."""

import datetime
from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, Q, Sum, Value, When
from django.shortcuts import get_object_or_404

from accounts.models import Role, User
from core import clock
from enterprises.models import Representative, RepresentativeStatus
from programs.agencies import scoped
from programs.models import BudgetEstimate, EstimateStatus, PlanStatus

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
    """Applications ``user`` may see: internal roles those of their agencies' plans but drafts; an
    enterprise user the filed applications of the enterprises they verifiably represent, and their
    own drafts only (a pending representative drafts, and nobody else sees those drafts)."""
    qs = SupportApplication.objects.select_related("enterprise", "scheme", "scheme__item", "scheme__plan", "reviewer")
    if not user.is_authenticated:
        return qs.none()
    if can_see_internal(user):
        return scoped(qs.exclude(status=Status.DRAFT), user, "scheme__plan__agency")
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
    """Schemes that take applications on ``day``: their window is open and their plan is in force
    for that year."""
    return (
        SupportScheme.objects.filter(
            opens_on__lte=day,
            plan__status=PlanStatus.ACTIVE,
            plan__start_year__lte=day.year,
            plan__end_year__gte=day.year,
        )
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=day))
        .select_related("item", "funding_source", "plan", "plan__agency")
    )


def schemes_upcoming(*, day: datetime.date):
    """Schemes that do not take applications on ``day`` but will: their plan is approved or in
    force and their window has not closed; soonest opening first (the start page says when)."""
    return (
        SupportScheme.objects.filter(plan__status__in=(PlanStatus.APPROVED, PlanStatus.ACTIVE))
        .exclude(pk__in=open_schemes(day=day).values("pk"))
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=day))
        .select_related("item", "plan", "plan__agency")
        .order_by("opens_on", "pk")
    )


def schemes_for(enterprise, schemes):
    """Of ``schemes``, those of the agencies that serve ``enterprise``'s place (all when its unit is unknown)."""
    from programs.agencies import agencies_serving

    serving = agencies_serving(getattr(enterprise, "unit_id", None), day=clock.today())
    return schemes if serving is None else schemes.filter(plan__agency__in=serving)


def scheme_refusal(scheme: SupportScheme, *, day: datetime.date | None = None, enterprise=None) -> str | None:
    """Why ``scheme`` takes no application on ``day`` from ``enterprise`` (and when it opens, when
    known); None when it does."""
    from django.utils.translation import gettext as _

    from programs.agencies import agencies_serving

    day = day or clock.today()
    plan = scheme.plan
    serving = agencies_serving(enterprise.unit_id, day=day) if enterprise is not None else None
    if serving is not None and plan.agency_id not in serving:
        return _("This scheme is for enterprises in the area of %(agency)s.") % {"agency": plan.agency.name}
    if plan.status == PlanStatus.CLOSED:
        return _("The plan “%(plan)s” is closed: its schemes no longer take applications.") % {"plan": plan}
    if plan.status != PlanStatus.ACTIVE:
        if scheme.opens_on > day:
            return _("The plan “%(plan)s” is not yet in force; the scheme is due to open on %(date)s.") % {
                "plan": plan,
                "date": f"{scheme.opens_on:%d/%m/%Y}",
            }
        return _("The plan “%(plan)s” is not yet in force.") % {"plan": plan}
    if day.year not in plan.years:
        return _("The plan “%(plan)s” covers %(start)s-%(end)s: it takes no application for %(year)s.") % {
            "plan": plan,
            "start": plan.start_year,
            "end": plan.end_year,
            "year": day.year,
        }
    if scheme.opens_on > day:
        return _("Applications open on %(date)s.") % {"date": f"{scheme.opens_on:%d/%m/%Y}"}
    if scheme.closes_on is not None and scheme.closes_on < day:
        return _("Applications closed on %(date)s.") % {"date": f"{scheme.closes_on:%d/%m/%Y}"}
    return None


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


def staff_users(*, agency_ids):
    """Active department specialists of ``agency_ids`` (reviewers), by name."""
    return (
        User.objects.filter(groups__name=Role.STAFF, is_active=True, agencies__in=agency_ids)
        .distinct()
        .order_by("full_name", "email")
    )


def reviewers_for(application):
    """The specialists who may review ``application``: staff of its agency or of one that took it over."""
    from programs.agencies import agencies_in_charge_of

    return staff_users(agency_ids=agencies_in_charge_of(application.scheme.plan.agency_id))


def role_emails(role: str, *, agency_ids) -> list[str]:
    """E-mail addresses of the active holders of ``role`` in ``agency_ids``."""
    return list(
        User.objects.filter(groups__name=role, is_active=True, agencies__in=agency_ids)
        .distinct()
        .values_list("email", flat=True)
    )


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


def queue_rows(rows):
    """A queue page's rows with what the table shows (``core.paging.page_then_annotate``)."""
    return rows.select_related(
        "enterprise__unit", "enterprise__sector", "scheme", "scheme__item", "scheme__plan", "reviewer"
    )


def _queue(user, status):
    return scoped(SupportApplication.objects.filter(status=status), user, "scheme__plan__agency")


def budget_queue(*, user):
    """Recommended applications of the user's agencies awaiting the budget decision."""
    return (
        _queue(user, Status.RECOMMENDED)
        .select_related("enterprise", "scheme", "scheme__item", "scheme__funding_source", "scheme__plan")
        .order_by("status_changed_at", "pk")
    )


def estimates_for_queue(applications) -> dict[tuple[int, int, int], BudgetEstimate]:
    """Every estimate (any status) keyed by (plan, year, source) for a list of applications (one query)."""
    keys = {(a.scheme.plan_id, a.year, a.scheme.funding_source_id) for a in applications}
    if not keys:
        return {}
    condition = Q()
    for plan_id, year, source_id in keys:
        condition |= Q(plan_id=plan_id, year=year, source_id=source_id)
    return {
        (e.plan_id, e.year, e.source_id): e for e in BudgetEstimate.objects.filter(condition).select_related("source")
    }


def decision_queue(*, user):
    """Applications of the user's agencies whose budget is approved, waiting for the leadership's decision."""
    return (
        _queue(user, Status.BUDGET_APPROVED)
        .select_related("enterprise", "scheme", "scheme__item", "estimate__source")
        .order_by("status_changed_at", "pk")
    )


def disbursement_queue(*, user):
    """Accepted applications of the user's agencies to pay first, then those paid."""
    return (
        scoped(
            SupportApplication.objects.filter(status__in=(Status.ACCEPTED, Status.DISBURSED)),
            user,
            "scheme__plan__agency",
        )
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


@dataclass(frozen=True)
class BudgetPosition:
    """What finance weighs before approving an application's budget: the amount, its source and
    the estimate it would draw on (approved, reserved, paid, left; what would be left after)."""

    amount: int
    source: str
    year: int
    estimate: BudgetEstimate | None

    @property
    def left(self) -> int | None:
        return None if self.estimate is None else self.estimate.remaining_amount

    @property
    def left_after(self) -> int | None:
        return None if self.estimate is None else self.estimate.remaining_amount - self.amount

    @property
    def enough(self) -> bool:
        return self.left_after is not None and self.left_after >= 0 and self.estimate.status == EstimateStatus.APPROVED


def budget_position(application: SupportApplication) -> BudgetPosition:
    """The estimate (any status) of the application's plan, year and funding source (one query)."""
    scheme = application.scheme
    estimate = (
        BudgetEstimate.objects.filter(plan_id=scheme.plan_id, year=application.year, source_id=scheme.funding_source_id)
        .select_related("source")
        .first()
    )
    return BudgetPosition(
        amount=application.proposed_amount,
        source=scheme.funding_source.name,
        year=application.year,
        estimate=estimate,
    )
