"""Reads of outcome reports: per application, the history an enterprise's figures are checked
against, and the reports due (home-page tasks and reminders)."""

import datetime

from django.db.models import Exists, OuterRef

from core import clock

from ..models import OutcomeReport, OutcomeStage, Status, SupportApplication
from . import rules

CLOSED_WITH_RESULTS = (Status.ACCEPTED, Status.DISBURSED)


def follow_up_due(application) -> datetime.date | None:
    """One year after the results were accepted (28 February for an acceptance on 29 February)."""
    accepted = application.accepted_on
    if accepted is None:
        return None
    try:
        return accepted.replace(year=accepted.year + 1)
    except ValueError:
        return accepted.replace(year=accepted.year + 1, day=28)


def completion_due(application) -> datetime.date | None:
    """The planned end of the project, when the completion figures are expected."""
    return application.ends_on


def reports_by_stage(application) -> dict[str, OutcomeReport]:
    return {r.stage: r for r in application.outcome_reports.select_related("certificate_standard", "entered_by")}


def outcome_view(application) -> dict:
    """The application's reports in stage order with their productivity, and its change."""
    reports = reports_by_stage(application)
    rows = [(stage, label, reports.get(stage)) for stage, label in OutcomeStage.choices]
    baseline = reports.get(OutcomeStage.BASELINE)
    after = reports.get(OutcomeStage.FOLLOW_UP) or reports.get(OutcomeStage.COMPLETION)
    change = None
    if baseline and after:
        change = rules.change_percent(baseline.labour_productivity, after.labour_productivity)
    return {
        "rows": rows,
        "change": change,
        "certification": application.scheme.item.standards.exists(),
        "follow_up_due": follow_up_due(application),
        "completion_due": completion_due(application),
    }


def enterprise_history(*, enterprise, exclude_pk: int | None = None) -> dict[str, list[int]]:
    """The enterprise's earlier figures (its other outcome reports, any application, and its
    profile) against which a new figure is checked (``rules.unusual_figures``)."""
    history: dict[str, list[int]] = {field: [] for field in rules.HISTORY_FIELDS}
    reports = OutcomeReport.objects.filter(application__enterprise=enterprise)
    if exclude_pk:
        reports = reports.exclude(pk=exclude_pk)
    for revenue, value_added, material_costs, employees in reports.values_list(
        "revenue", "value_added", "material_costs", "employees"
    ):
        history["revenue"].append(revenue)
        history["value_added"].append(
            rules.value_added(revenue=revenue, value_added=value_added, material_costs=material_costs)
        )
        history["employees"].append(employees)
    if enterprise.employees:
        history["employees"].append(enterprise.employees)
    if enterprise.revenue:
        history["revenue"].append(enterprise.revenue // rules.MILLION)
    return history


def _missing(stage):
    return ~Exists(OutcomeReport.objects.filter(application=OuterRef("pk"), stage=stage))


def completion_figures_overdue(queryset, *, today: datetime.date):
    """Projects under way past their planned end without figures at completion."""
    return queryset.filter(status=Status.IN_PROGRESS, ends_on__lte=today).filter(_missing(OutcomeStage.COMPLETION))


def follow_up_figures_due(queryset, *, today: datetime.date):
    """Accepted projects one year on or more without follow-up figures."""
    year_ago = follow_up_due_threshold(today)
    return queryset.filter(status__in=CLOSED_WITH_RESULTS, accepted_on__lte=year_ago).filter(
        _missing(OutcomeStage.FOLLOW_UP)
    )


def follow_up_due_threshold(today: datetime.date) -> datetime.date:
    """Accepted on or before this day: the follow-up is due (one year before ``today``)."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return today.replace(year=today.year - 1, day=28)


def outcome_tasks(applications) -> list[dict]:
    """The enterprise's outcome reports to give now (home page tasks), due date first."""
    today = clock.today()
    applications = applications.select_related("scheme", "scheme__item")
    tasks = [
        {"application": a, "stage": OutcomeStage.COMPLETION, "label": OutcomeStage.COMPLETION.label, "due": a.ends_on}
        for a in applications.filter(status=Status.IN_PROGRESS).filter(_missing(OutcomeStage.COMPLETION))
    ]
    tasks += [
        {
            "application": a,
            "stage": OutcomeStage.FOLLOW_UP,
            "label": OutcomeStage.FOLLOW_UP.label,
            "due": follow_up_due(a),
        }
        for a in follow_up_figures_due(applications, today=today)
    ]
    return sorted(tasks, key=lambda t: (t["due"] or datetime.date.max, t["application"].pk))


def supported_with_outcomes():
    """Decided applications with their reports prefetched (for the aggregates)."""
    return SupportApplication.objects.prefetch_related("outcome_reports")
