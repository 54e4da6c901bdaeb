"""Demo outcome figures and processing clocks (seed_demo: order 55 for the demo plan, before its
five-year report; order 85 for the plans in force, after their applications).

For each submitted application: the baseline (the year before it applied), the
figures at completion once the completion report was sent, and the follow-up one year after
acceptance once that date has passed (``core.clock``). Deterministic (its own random stream) and
idempotent (an application that has figures is left alone). About one enterprise in five gives
material costs instead of value added, about one in six does worse after the support, and
certification items name the certificate obtained.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from core import clock
from core.demo import load
from programs.demo import demo_plan

from ..deadlines import clock_refresh
from ..models import (
    SUPPORTED_STATUSES,
    FigureSource,
    OutcomeReport,
    OutcomeStage,
    Standard,
    Status,
    SupportApplication,
    SupportItem,
)
from .selectors import follow_up_due

SEED = 20260515
WITH_COMPLETION = (Status.COMPLETION_SUBMITTED, Status.ACCEPTED, Status.DISBURSED)


def link_standards() -> None:
    """The standards that the certificates of the demo catalogue's items name (``catalogue.yaml``)."""
    item_standards = load("programs.applications", "catalogue.yaml")["item_standards"]
    standards = {s.code: s for s in Standard.objects.all()}
    for item in SupportItem.objects.filter(code__in=item_standards):
        wanted = [standards[c] for c in item_standards[item.code] if c in standards]
        if wanted and not item.standards.exists():
            item.standards.set(wanted)


def refresh_clocks(plan) -> None:
    """The processing clock of every submitted application of the plan, from its events."""
    applications = SupportApplication.objects.filter(scheme__plan=plan, submitted_at__isnull=False)
    for application in applications.filter(due_on__isnull=True, decided_on__isnull=True).select_related("scheme"):
        clock_refresh(application)


def _event_day(application, status) -> datetime.date | None:
    event = application.events.filter(to_status=status).order_by("created_at").first()
    return timezone.localdate(event.created_at) if event else None


def _figures(*, revenue, productivity, employees, with_value_added, energy, defects):
    value_added = int(productivity * employees)
    revenue = max(revenue, value_added + 1)
    figures = {"revenue": revenue, "employees": employees, "energy_kwh": energy, "defect_rate": defects}
    if with_value_added:
        figures["value_added"] = value_added
    else:
        figures["material_costs"] = revenue - value_added
    return figures


def _reports_for(rng, application, today) -> list[OutcomeReport]:
    enterprise = application.enterprise
    submitted = timezone.localdate(application.submitted_at)
    employees = enterprise.employees or rng.randrange(15, 250)
    revenue = (enterprise.revenue // 1_000_000) if enterprise.revenue else employees * rng.randrange(300, 900)
    share = Decimal(rng.randrange(18, 36)) / 100
    productivity = Decimal(revenue) * share / employees
    with_value_added = rng.random() > 0.2
    worse = rng.random() < 0.17
    energy = employees * rng.randrange(2_000, 9_000)
    defects = Decimal(rng.randrange(150, 800)) / 100
    base = {"application": application, "source": FigureSource.ENTERPRISE, "entered_by": application.applicant}
    reports = [
        OutcomeReport(
            stage=OutcomeStage.BASELINE,
            year=submitted.year - 1,
            reported_on=submitted,
            **base,
            **_figures(
                revenue=revenue,
                productivity=productivity,
                employees=employees,
                with_value_added=with_value_added,
                energy=energy,
                defects=defects,
            ),
        )
    ]
    if application.status not in WITH_COMPLETION or application.status not in SUPPORTED_STATUSES:
        return reports
    growth = Decimal(rng.randrange(-9, -1) if worse else rng.randrange(3, 26)) / 100
    completed = _event_day(application, Status.COMPLETION_SUBMITTED) or today
    standards = list(application.scheme.item.standards.all())
    certificate = {}
    if standards:
        certificate = {
            "certificate_standard": standards[0],
            "certificate_number": f"{application.pk:05d}/{completed:%Y}/GCN",  # a certificate number as issued
            "certificate_date": completed - datetime.timedelta(days=rng.randrange(3, 20)),
        }
    staff_after = employees + rng.randrange(-3, 8)
    reports.append(
        OutcomeReport(
            stage=OutcomeStage.COMPLETION,
            year=completed.year,
            reported_on=completed,
            **base,
            **certificate,
            **_figures(
                revenue=int(revenue * (1 + growth + Decimal("0.03"))),
                productivity=productivity * (1 + growth),
                employees=max(staff_after, 1),
                with_value_added=with_value_added,
                energy=int(energy * (1 - growth / 3)),
                defects=max(Decimal("0.2"), defects * (1 - growth)).quantize(Decimal("0.01")),
            ),
        )
    )
    due = follow_up_due(application)
    if application.status not in (Status.ACCEPTED, Status.DISBURSED) or due is None or due > today:
        return reports
    later = growth + Decimal(rng.randrange(-2, 9)) / 100
    reports.append(
        OutcomeReport(
            stage=OutcomeStage.FOLLOW_UP,
            year=due.year,
            reported_on=min(today, due + datetime.timedelta(days=rng.randrange(0, 25))),
            **base,
            **_figures(
                revenue=int(revenue * (1 + later + Decimal("0.05"))),
                productivity=productivity * (1 + later),
                employees=max(staff_after + rng.randrange(0, 6), 1),
                with_value_added=with_value_added,
                energy=int(energy * (1 - later / 3)),
                defects=max(Decimal("0.2"), defects * (1 - later)).quantize(Decimal("0.01")),
            ),
        )
    )
    return reports


def _seed_plan(plan, rng) -> None:
    refresh_clocks(plan)
    today = clock.today()
    applications = (
        SupportApplication.objects.filter(scheme__plan=plan, submitted_at__isnull=False)
        .exclude(outcome_reports__isnull=False)
        .select_related("enterprise", "scheme__item", "applicant")
        .order_by("pk")
    )
    reports = []
    for application in applications:
        reports += _reports_for(rng, application, today)
    OutcomeReport.objects.bulk_create(reports)


def seed_outcomes() -> None:
    """Standards on the certification items, clocks, the baseline of every submitted application of
    the demo plan and the later figures of the supported ones (order 55: before the five-year report)."""
    link_standards()
    _seed_plan(demo_plan(), random.Random(SEED))


def seed_outcomes_next() -> None:
    """The same for this year's applications of the plans in force (Đà Nẵng's and the second
    agency's; order 85, after ``applications-next`` wrote them): every submitted application has
    its baseline and its clock, as one submitted through the service would."""
    from programs.demo import next_plan, second_agency_plan

    link_standards()
    for plan in (next_plan(), second_agency_plan()):
        if plan is not None:
            _seed_plan(plan, random.Random(f"{SEED}-{plan.agency.code}-{plan.start_year}"))
