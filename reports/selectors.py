"""Every read the reports app needs: runs visible to a user, and the figures of each section.

Reports read from every app and nobody reads from reports. Sections whose app is not installed
(or not migrated yet) return ``None`` and the builders print "no data" for them. Every section
counts over the report's own date ranges with the same base querysets as the KPI measures, so a
figure has one value throughout a report.
"""

import datetime
from collections.abc import Iterator

from django.apps import apps
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from accounts.models import Role, User
from programs.agencies import agencies_in_charge_of, scoped
from programs.models import Plan, PlanStatus

from .activity_selectors import (  # noqa: F401 - section I, read by the builders through this module
    ACTIVITIES_LISTED,
    activities_in_period,
    activity_rows,
    task_group_results,
)
from .models import ReportKind, ReportRun, ReportStatus
from .permissions import ROLES

READER_ROLES = ROLES["report_list"]


# --- Runs ------------------------------------------------------------------------------------------
def reports_visible_to(*, user) -> QuerySet[ReportRun]:
    """Internal reports: staff, finance and leaders see their agencies'; everyone else sees none (404)."""
    if not user.is_authenticated or not user.has_role(*READER_ROLES):
        return ReportRun.objects.none()
    return scoped(ReportRun.objects.select_related("plan", "requested_by", "approved_by"), user, "plan__agency")


def report_list(*, user, plan_id: int | None = None, kind: str = "") -> QuerySet[ReportRun]:
    """The runs a user may see, newest first, filtered by plan and kind."""
    runs = reports_visible_to(user=user)
    if plan_id:
        runs = runs.filter(plan_id=plan_id)
    if kind:
        runs = runs.filter(kind=kind)
    return runs


def report_versions(*, run: ReportRun) -> QuerySet[ReportRun]:
    """All versions of the same report (same plan, kind and data period), newest first."""
    return ReportRun.objects.filter(
        plan_id=run.plan_id, kind=run.kind, data_from=run.data_from, data_to=run.data_to
    ).order_by("-version")


def latest_version(*, plan: Plan, kind: str, data_from: datetime.date, data_to: datetime.date) -> ReportRun | None:
    return (
        ReportRun.objects.filter(plan=plan, kind=kind, data_from=data_from, data_to=data_to)
        .order_by("-version")
        .first()
    )


def stale_runs(*, now: datetime.datetime, stale_after: datetime.timedelta) -> QuerySet[ReportRun]:
    """Runs whose worker went silent (running, heartbeat too old) or that were never picked up."""
    return ReportRun.objects.filter(
        Q(status=ReportStatus.RUNNING, heartbeat_at__lt=now - stale_after)
        | Q(status=ReportStatus.QUEUED, requested_at__lt=now - stale_after)
    )


def build_promised_since(*, run: ReportRun, since: datetime.datetime) -> bool:
    """Whether a build of ``run`` waits in the outbox or was published after ``since``."""
    from core.models import OutboxMessage

    return (
        OutboxMessage.objects.filter(task_name="reports.build_report", payload__run_id=run.pk)
        .filter(Q(delivered_at__isnull=True, gave_up=False) | Q(delivered_at__gte=since))
        .exists()
    )


def active_plans(*, user=None) -> QuerySet[Plan]:
    """Plans in force (those of ``user``'s agencies when given)."""
    plans = Plan.objects.filter(status=PlanStatus.ACTIVE).order_by("start_year", "pk")
    return plans if user is None else scoped(plans, user)


def staff_emails(*, plan: Plan) -> list[str]:
    """Addresses of the active staff of the plan's agency (or of one that took it over), who are
    told when a draft report is created."""
    return list(
        User.objects.filter(is_active=True, groups__name=Role.STAFF, agencies__in=agencies_in_charge_of(plan.agency_id))
        .distinct()
        .order_by("email")
        .values_list("email", flat=True)
    )


def final_report(*, plan: Plan) -> ReportRun | None:
    """The finalised five-year summary of the plan's whole period, if any (its latest version)."""
    from .builders import builder_for

    data_from, data_to = builder_for(ReportKind.FIVE_YEAR).default_period(plan=plan)
    return (
        ReportRun.objects.filter(
            plan=plan, kind=ReportKind.FIVE_YEAR, data_from=data_from, data_to=data_to, status=ReportStatus.FINALISED
        )
        .order_by("-version")
        .first()
    )


# --- Section I: results by task group: ``reports.activity_selectors`` (imported above) ------------------


# --- Section II: KPIs (the programmes KPI engine, the same numbers as the dashboard) ------------------
def kpi_results(*, plan: Plan, periods, as_of=None):
    """``programs.selectors.kpi.plan_kpis`` over the report's years, or None if it is missing."""
    try:
        from programs.selectors.kpi import plan_kpis
    except ImportError:
        return None
    return plan_kpis(plan=plan, periods=periods, as_of=as_of)


# --- Budget by funding source ------------------------------------------------------------------------
BUDGET_KEYS = ("proposed", "appraised", "approved", "reserved", "disbursed", "remaining")


def budget_rows(*, plan: Plan, periods, cutoff, as_of=None) -> list[dict] | None:
    """Per funding source and budget year of the report: proposed, appraised, approved, reserved,
    disbursed, remaining — as of the cut-off (``programs.selectors.budget_by_source``, the
    dashboard's numbers for the same range); None if it is missing."""
    try:
        from programs.selectors import budget_by_source
    except ImportError:
        return None
    years = periods.year_numbers
    summary = budget_by_source(plan=plan, year_from=years[0], year_to=years[-1], cutoff=cutoff, as_of=as_of)
    return [
        {
            "source": row.source.name,
            "source_code": row.source.code,
            "year": row.year,
            **{key: int(getattr(row, key) or 0) for key in BUDGET_KEYS},
        }
        for row in summary.rows
    ]


# --- Support to enterprises -----------------------------------------------------------------------------
def _model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def supported_applications(*, plan: Plan, within, cutoff=None, as_of=None) -> QuerySet | None:
    """The plan's applications decided within the range, the same ones the KPI engine's "supported
    enterprises" counts, with their money up to the cut-off; None without the app."""
    if _model("applications.SupportApplication") is None:
        return None
    from programs.applications.ledger import with_money
    from programs.applications.measures import supported_applications as decided

    return with_money(decided(plan=plan, within=within, as_of=as_of), cutoff=cutoff or within.end, as_of=as_of)


SUPPORT_DIMENSIONS = {
    "scheme": ("scheme__title",),
    "unit": ("enterprise__unit__name",),
    "sector": ("enterprise__sector__code", "enterprise__sector__name"),
}


def _support_figures() -> dict:
    return {
        "applications": Count("pk"),
        "enterprises": Count("enterprise", distinct=True),
        "approved": Coalesce(Sum("approved_to_date"), 0),
        "disbursed": Coalesce(Sum("paid_to_date"), 0),
    }


def support_summary(*, plan: Plan, periods, cutoff, as_of=None) -> dict | None:
    """Applications and enterprises supported, with approved and disbursed money as of the cut-off:
    by year of the decision, by scheme, unit and sector, and in total (5 queries)."""
    from programs.periods import by_range

    applications = supported_applications(plan=plan, within=periods.whole, cutoff=cutoff, as_of=as_of)
    if applications is None:
        return None
    figures = _support_figures()
    summary = {
        "by_year": [
            {"year": year, **cells}
            for year, cells in zip(
                periods.year_numbers, by_range(applications, "decision_date", periods.ranges, **figures), strict=True
            )
        ]
    }
    for dimension, fields in SUPPORT_DIMENSIONS.items():
        rows = applications.values(*fields).annotate(**figures).order_by(*fields)
        summary[dimension] = [
            {"name": " - ".join(str(row[f]) for f in fields if row[f]), **{k: row[k] for k in figures}} for row in rows
        ]
    summary["total"] = applications.aggregate(**figures)
    return summary


def application_rows(*, plan: Plan, within, cutoff, as_of=None) -> Iterator[tuple]:
    """Streamed rows for the supported applications sheet (money as of the cut-off)."""
    applications = supported_applications(plan=plan, within=within, cutoff=cutoff, as_of=as_of)
    if applications is None:
        return iter(())
    return (
        applications.order_by("decision_date", "pk")
        .values_list(
            "reference_code",
            "enterprise__tax_code",
            "enterprise__name",
            "scheme__title",
            "decision_date",
            "approved_to_date",
            "paid_to_date",
            "status",
            "decision_number",
        )
        .iterator(chunk_size=2000)
    )


def supported_enterprise_rows(*, plan: Plan, within, cutoff, as_of=None) -> Iterator[tuple]:
    """Streamed rows for the supported enterprises sheet: each enterprise once, with its totals."""
    applications = supported_applications(plan=plan, within=within, cutoff=cutoff, as_of=as_of)
    if applications is None:
        return iter(())
    return (
        applications.values(
            "enterprise_id",
            "enterprise__tax_code",
            "enterprise__name",
            "enterprise__unit__name",
            "enterprise__sector__code",
            "enterprise__size_class",
            "enterprise__is_model",
        )
        .annotate(applications=Count("pk"), approved=Sum("approved_to_date"), disbursed=Sum("paid_to_date"))
        .order_by("enterprise__name", "enterprise_id")
        .values_list(
            "enterprise__tax_code",
            "enterprise__name",
            "enterprise__unit__name",
            "enterprise__sector__code",
            "enterprise__size_class",
            "enterprise__is_model",
            "applications",
            "approved",
            "disbursed",
        )
        .iterator(chunk_size=2000)
    )


# --- Section III.b: outcomes of supported enterprises ------------------------------------------------
def _outcome_figures():
    try:
        from programs.applications.outcomes import figures
    except ImportError:
        return None
    return figures


def outcome_summary(*, plan: Plan, within, as_of=None) -> dict | None:
    """Outcomes of the enterprises whose support was decided within the range, from every outcome
    report given by ``as_of`` (the run's figures-as-of moment) — the follow-up of a project decided
    in the period comes after it ends (``programs.applications.outcomes.figures``: the dashboard's
    numbers)."""
    figures = _outcome_figures()
    if figures is None:
        return None
    applications = figures.cohort(plan=plan, within=within, as_of=as_of)
    return figures.outcome_summary(applications, as_of=as_of).as_json()


def outcome_rows(*, plan: Plan, within, as_of=None) -> Iterator[tuple]:
    """Rows for the outcome list sheet: one per enterprise with figures before and after."""
    figures = _outcome_figures()
    if figures is None:
        return iter(())
    applications = figures.cohort(plan=plan, within=within, as_of=as_of)
    return (
        (
            row.tax_code,
            row.enterprise,
            row.reference_code,
            row.scheme,
            row.sector,
            row.unit,
            row.baseline_year,
            figures.rules.rounded(row.baseline_productivity),
            row.after_year,
            figures.rules.rounded(row.after_productivity),
            row.change,
        )
        for row in figures.outcome_rows(applications, as_of=as_of)
    )


# --- Training ------------------------------------------------------------------------------------------
def courses_in_period(*, plan: Plan, within) -> QuerySet | None:
    """The plan's courses that ended within the range and were not cancelled; None without the app."""
    course = _model("training.Course")
    if course is None:
        return None
    return course.objects.filter(plan=plan, end_date__gte=within.start, end_date__lte=within.end).exclude(
        status="cancelled"
    )


def training_summary(*, plan: Plan, periods, as_of=None) -> dict | None:
    """Courses and person-times by course kind and year: the enrolments the KPI engine's
    ``training.person_times`` counts (``training.measures.counted_enrolments``); three queries."""
    from programs.periods import by_range

    courses = courses_in_period(plan=plan, within=periods.whole)
    if courses is None:
        return None
    from training.measures import counted_enrolments
    from training.models import CourseKind

    course_counts = dict(courses.values("kind_id").annotate(n=Count("pk")).values_list("kind_id", "n").order_by())
    person_times = by_range(
        counted_enrolments(plan=plan, as_of=as_of),
        "course__end_date",
        periods.ranges,
        group="course__kind_id",
        n=Count("pk"),
    )
    kind_ids = set(course_counts) | set(person_times)
    kinds = []
    for kind in CourseKind.objects.filter(pk__in=kind_ids).order_by("order", "code"):
        yearly = [cell["n"] for cell in person_times.get(kind.pk, [{"n": 0}] * len(periods.ranges))]
        kinds.append(
            {
                "name": kind.name,
                "measure_arg": kind.measure_arg,
                "courses": course_counts.get(kind.pk, 0),
                "yearly": yearly,
                "person_times": sum(yearly),
            }
        )
    yearly_total = [sum(k["yearly"][i] for k in kinds) for i in range(len(periods.ranges))]
    return {
        "kinds": kinds,
        "total": {
            "courses": sum(k["courses"] for k in kinds),
            "yearly": yearly_total,
            "person_times": sum(yearly_total),
        },
    }


def course_rows(*, plan: Plan, within, as_of=None) -> Iterator[tuple]:
    """Streamed rows for the courses sheet, with each course's person-times (as the KPIs count them)."""
    courses = courses_in_period(plan=plan, within=within)
    if courses is None:
        return iter(())
    from training.measures import counted_enrolments

    counted = counted_enrolments(plan=plan, within=within, as_of=as_of).filter(course=OuterRef("pk"))
    person_times = counted.order_by().values("course").annotate(n=Count("pk")).values("n")
    return (
        courses.annotate(person_times=Coalesce(Subquery(person_times, output_field=IntegerField()), 0))
        .order_by("start_date", "pk")
        .values_list("start_date", "end_date", "title", "kind__name", "organiser", "place", "person_times", "cost")
        .iterator(chunk_size=2000)
    )


# --- Partners' contributions ------------------------------------------------------------------------------
def partner_contributions(*, plan: Plan, within, as_of=None) -> list[dict]:
    """The plan's approved partner reports whose period ends within the range (the same reports the
    ``partner.figures`` measure counts), with their activities and figures (three queries)."""
    from programs.models import PartnerReport
    from programs.own_measures import approved_partner_reports_q

    reports = (
        PartnerReport.objects.filter(approved_partner_reports_q(as_of), plan=plan)
        .filter(period_end__gte=within.start, period_end__lte=within.end)
        .select_related("organisation")
        .prefetch_related("activities", "figures__indicator")
        .order_by("period_end", "organisation__name", "pk")
    )
    return [
        {
            "organisation": report.organisation.name,
            "kind": report.organisation.kind,
            "year": report.year,
            "period_start": report.period_start.isoformat() if report.period_start else None,
            "period_end": report.period_end.isoformat() if report.period_end else None,
            "summary": report.summary,
            "activities": [
                {
                    "date": a.date.isoformat(),
                    "title": a.title,
                    "kind": a.kind,
                    "results": a.results,
                    "cost": a.cost,
                }
                for a in sorted(report.activities.all(), key=lambda a: (a.date, a.pk))
            ],
            "figures": [
                {
                    "code": f.indicator.code,
                    "indicator": f.indicator.name,
                    "unit": f.indicator.unit,
                    "value": str(f.value),
                }
                for f in sorted(report.figures.all(), key=lambda f: (f.indicator.code, f.pk))
            ],
        }
        for report in reports
    ]


def has_model(label: str) -> bool:
    return _model(label) is not None


def home_reports(*, user, limit: int = 5) -> dict:
    """For the home page: the latest reports, and the drafts ready for a leader's approval."""
    runs = reports_visible_to(user=user)
    return {
        "latest": list(runs.order_by("-requested_at", "-pk")[:limit]),
        "awaiting_approval": list(runs.filter(status=ReportStatus.SUCCEEDED).order_by("-requested_at", "-pk")[:limit])
        if user.has_role(Role.LEADER)
        else [],
    }
