"""Reads about plans, their structure, activities and news."""

from django.db.models import Count, Prefetch, QuerySet

from core import clock

from ..agencies import scoped
from ..models import Activity, Indicator, NewsPost, Objective, Plan, PlanStatus, TaskGroup


def plans_visible_to(*, user) -> QuerySet[Plan]:
    """The plans an internal user works on (their agencies' and their predecessors'); none for others."""
    return scoped(Plan.objects.select_related("agency"), user)


def public_plans() -> QuerySet[Plan]:
    """Plans the public may read: every plan that is not a draft."""
    return Plan.objects.exclude(status=PlanStatus.DRAFT).select_related("agency")


def plans_for(user) -> QuerySet[Plan]:
    """What ``user`` may choose from on dashboards: an internal user's plans, else the public ones."""
    if getattr(user, "is_authenticated", False) and user.is_internal:
        return plans_visible_to(user=user)
    return public_plans()


def opening_plan(plans: QuerySet[Plan]) -> Plan | None:
    """Of ``plans``, the one a page opens on: in force with the latest start, else the latest."""
    return (
        plans.filter(status=PlanStatus.ACTIVE).order_by("-start_year", "pk").first()
        or plans.order_by("-start_year", "pk").first()
    )


def current_plan(*, user=None) -> Plan | None:
    """The plan a page opens on among those ``user`` may see (the public ones without a user)."""
    return opening_plan(public_plans() if user is None else plans_for(user))


def plans_list(*, user) -> QuerySet[Plan]:
    """The user's plans with their objective and activity counts (one query)."""
    return (
        plans_visible_to(user=user)
        .annotate(n_objectives=Count("objectives", distinct=True), n_activities=Count("activities", distinct=True))
        .order_by("-start_year", "title")
    )


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


def news_visible_to(*, user) -> QuerySet[NewsPost]:
    """The posts an internal user's agencies keep, newest first."""
    return scoped(NewsPost.objects.select_related("author"), user).order_by("-created_at")
