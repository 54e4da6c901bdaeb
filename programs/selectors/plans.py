"""Reads about plans, their structure, activities and news."""

from django.db.models import Count, Prefetch, QuerySet

from core import clock

from ..models import Activity, Indicator, NewsPost, Objective, Plan, PlanStatus, TaskGroup


def current_plan() -> Plan | None:
    """The plan in force with the latest start (the default on dashboards), else the latest plan."""
    return (
        Plan.objects.filter(status=PlanStatus.ACTIVE).order_by("-start_year", "pk").first()
        or Plan.objects.order_by("-start_year", "pk").first()
    )


def plans_list() -> QuerySet[Plan]:
    """All plans with their indicator and activity counts (one query)."""
    return Plan.objects.annotate(
        n_objectives=Count("objectives", distinct=True), n_activities=Count("activities", distinct=True)
    ).order_by("-start_year", "title")


def plan_structure(plan: Plan) -> dict:
    """The plan's objectives with indicators and task groups with tasks (three queries)."""
    objectives = Objective.objects.filter(plan=plan).prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.order_by("order", "code"))
    )
    groups = TaskGroup.objects.filter(plan=plan).prefetch_related("tasks")
    return {"objectives": list(objectives), "task_groups": list(groups)}


def plan_activities(plan: Plan, *, kind: str = "", year: int | None = None) -> QuerySet[Activity]:
    """The plan's activities with task, group and funding source, newest first."""
    qs = (
        Activity.objects.filter(plan=plan)
        .select_related("task__group", "funding_source")
        .annotate(n_attachments=Count("attachments"))
    )
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(date__year=year)
    return qs.order_by("-date", "pk")


def published_news() -> QuerySet[NewsPost]:
    """News posts visible to the public, newest first."""
    return NewsPost.objects.filter(is_published=True, published_at__lte=clock.now()).order_by("-published_at")
