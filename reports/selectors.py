"""Every read the reports app needs: runs visible to a user, and the figures of each section.

Reports read from every app and nobody reads from reports. Sections whose app is not installed
(or not migrated yet) return ``None`` and the builders print "no data" for them.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterator

from django.apps import apps
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from accounts.models import Role, User
from programs.models import Activity, Plan, PlanStatus, TaskGroup

from .models import ReportRun, ReportStatus

READER_ROLES = (Role.STAFF, Role.FINANCE, Role.LEADER)


# --- Runs ------------------------------------------------------------------------------------------
def reports_visible_to(*, user) -> QuerySet[ReportRun]:
    """Internal reports: staff, finance and leaders see all; everyone else sees none (404)."""
    if not user.is_authenticated or not user.has_role(*READER_ROLES):
        return ReportRun.objects.none()
    return ReportRun.objects.select_related("plan", "requested_by", "approved_by")


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


def active_plans() -> QuerySet[Plan]:
    return Plan.objects.filter(status=PlanStatus.ACTIVE).order_by("start_year", "pk")


def staff_emails() -> list[str]:
    """Addresses of the active staff, who are told when a draft report is created."""
    return list(
        User.objects.filter(is_active=True, groups__name=Role.STAFF).order_by("email").values_list("email", flat=True)
    )


# --- Section I: results by task group ----------------------------------------------------------------
def activities_in_period(*, plan: Plan, data_from, data_to) -> QuerySet[Activity]:
    return Activity.objects.filter(plan=plan, date__gte=data_from, date__lte=data_to)


def task_group_results(*, plan: Plan, data_from, data_to) -> list[dict]:
    """Task groups in order with the activities of the period (two queries)."""
    groups = list(TaskGroup.objects.filter(plan=plan).order_by("number"))
    by_group: dict[int | None, list[dict]] = defaultdict(list)
    rows = (
        activities_in_period(plan=plan, data_from=data_from, data_to=data_to)
        .order_by("date", "pk")
        .values_list("task__group_id", "title", "date", "kind", "results", "cost", "responsible_organisation")
    )
    for group_id, title, date, kind, results, cost, organisation in rows:
        by_group[group_id].append(
            {
                "title": title,
                "date": date.isoformat(),
                "kind": kind,
                "results": results,
                "cost": cost,
                "organisation": organisation,
            }
        )
    out = [{"number": g.number, "title": g.title, "activities": by_group.get(g.pk, [])} for g in groups]
    if by_group.get(None):
        out.append({"number": None, "title": "", "activities": by_group[None]})
    return out


def activity_rows(*, plan: Plan, data_from, data_to) -> Iterator[tuple]:
    """Streamed rows for the activities list sheet."""
    return (
        activities_in_period(plan=plan, data_from=data_from, data_to=data_to)
        .order_by("date", "pk")
        .values_list(
            "date",
            "task__group__number",
            "task__code",
            "title",
            "kind",
            "responsible_organisation",
            "cost",
            "funding_source__name",
            "results",
        )
        .iterator(chunk_size=2000)
    )


# --- Section II: KPIs (the programmes KPI engine, the same numbers as the dashboard) ------------------
def kpi_results(*, plan: Plan, year_from: int, year_to: int):
    """``programs.selectors.kpi.plan_kpis`` for the years of the period, or None if it is missing."""
    try:
        from programs.selectors.kpi import plan_kpis
    except ImportError:
        return None
    return plan_kpis(plan=plan, year_from=year_from, year_to=year_to)


# --- Section V: budget by funding source --------------------------------------------------------------
BUDGET_KEYS = ("proposed", "appraised", "approved", "reserved", "disbursed", "remaining")


def budget_rows(*, plan: Plan, year_from: int, year_to: int) -> list[dict] | None:
    """Per funding source and year: proposed, appraised, approved, reserved, disbursed, remaining,
    from ``programs.selectors.budget_by_source`` (the dashboard's numbers); None if it is missing."""
    try:
        from programs.selectors import budget_by_source
    except ImportError:
        return None
    summary = budget_by_source(plan=plan, year_from=year_from, year_to=year_to)
    return [
        {
            "source": row.source.name,
            "source_code": row.source.code,
            "year": row.year,
            **{key: int(getattr(row, key) or 0) for key in BUDGET_KEYS},
        }
        for row in summary.rows
    ]


# --- Section III: support to enterprises ----------------------------------------------------------------
def _model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def supported_applications(*, plan: Plan, data_from, data_to) -> QuerySet | None:
    """The plan's applications decided (approved or later) within the period; None without the app."""
    application = _model("applications.SupportApplication")
    if application is None:
        return None
    # The same statuses the KPI engine's "supported enterprises" measure counts.
    from programs.applications.models import SUPPORTED_STATUSES

    return application.objects.filter(
        scheme__plan=plan, status__in=SUPPORTED_STATUSES, decision_date__gte=data_from, decision_date__lte=data_to
    )


SUPPORT_DIMENSIONS = {
    "scheme": ("scheme__title",),
    "unit": ("enterprise__unit__name",),
    "sector": ("enterprise__sector__code", "enterprise__sector__name"),
}


def support_summary(*, plan: Plan, data_from, data_to) -> dict | None:
    """Applications and enterprises supported by scheme, unit and sector, with amounts (4 queries)."""
    applications = supported_applications(plan=plan, data_from=data_from, data_to=data_to)
    if applications is None:
        return None
    figures = {
        "applications": Count("pk"),
        "enterprises": Count("enterprise", distinct=True),
        "approved": Coalesce(Sum("approved_amount"), 0),
        "disbursed": Coalesce(Sum("disbursed_amount"), 0),
    }
    summary = {}
    for dimension, fields in SUPPORT_DIMENSIONS.items():
        rows = applications.values(*fields).annotate(**figures).order_by(*fields)
        summary[dimension] = [
            {"name": " - ".join(str(row[f]) for f in fields if row[f]), **{k: row[k] for k in figures}} for row in rows
        ]
    summary["total"] = applications.aggregate(**figures)
    return summary


def application_rows(*, plan: Plan, data_from, data_to) -> Iterator[tuple]:
    """Streamed rows for the supported applications sheet."""
    applications = supported_applications(plan=plan, data_from=data_from, data_to=data_to)
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
            "approved_amount",
            "disbursed_amount",
            "status",
            "decision_number",
        )
        .iterator(chunk_size=2000)
    )


def supported_enterprise_rows(*, plan: Plan, data_from, data_to) -> Iterator[tuple]:
    """Streamed rows for the supported enterprises sheet: each enterprise once, with its totals."""
    applications = supported_applications(plan=plan, data_from=data_from, data_to=data_to)
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
        .annotate(applications=Count("pk"), approved=Sum("approved_amount"), disbursed=Sum("disbursed_amount"))
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


# --- Section IV: training --------------------------------------------------------------------------------
def courses_in_period(*, plan: Plan, data_from, data_to) -> QuerySet | None:
    """The plan's courses that ended within the period and were not cancelled; None without the app."""
    course = _model("training.Course")
    if course is None:
        return None
    return course.objects.filter(plan=plan, end_date__gte=data_from, end_date__lte=data_to).exclude(status="cancelled")


def _counted_enrolment_statuses() -> tuple[str, ...]:
    try:
        from training.models import COUNTED_STATUSES
    except ImportError:
        return ("attended", "certified")
    return tuple(str(s) for s in COUNTED_STATUSES)


def training_summary(*, plan: Plan, data_from, data_to) -> dict | None:
    """Courses and person-times (attended or certified enrolments) by course kind."""
    courses = courses_in_period(plan=plan, data_from=data_from, data_to=data_to)
    if courses is None:
        return None
    counted = Q(enrolments__status__in=_counted_enrolment_statuses())
    rows = (
        courses.values("kind__name", "kind__order", "kind__code")
        .annotate(courses=Count("pk", distinct=True), person_times=Count("enrolments", filter=counted))
        .order_by("kind__order", "kind__code")
    )
    kinds = [{"name": r["kind__name"], "courses": r["courses"], "person_times": r["person_times"]} for r in rows]
    return {
        "kinds": kinds,
        "total": {"courses": sum(k["courses"] for k in kinds), "person_times": sum(k["person_times"] for k in kinds)},
    }


def course_rows(*, plan: Plan, data_from, data_to) -> Iterator[tuple]:
    """Streamed rows for the courses sheet, with each course's person-times."""
    courses = courses_in_period(plan=plan, data_from=data_from, data_to=data_to)
    if courses is None:
        return iter(())
    counted = Q(enrolments__status__in=_counted_enrolment_statuses())
    return (
        courses.annotate(person_times=Count("enrolments", filter=counted))
        .order_by("start_date", "pk")
        .values_list("start_date", "end_date", "title", "kind__name", "organiser", "place", "person_times", "cost")
        .iterator(chunk_size=2000)
    )


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
