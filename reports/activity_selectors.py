"""Section I of the reports: the plan's activities in the report's period, by task group (a
summary with the first activities, for the PDF) and streamed in full (for the XLSX annex)."""

from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Count, F, QuerySet, Sum, Window
from django.db.models.functions import RowNumber

from programs.models import Activity, Plan, TaskGroup


def activities_in_period(*, plan: Plan, data_from, data_to) -> QuerySet[Activity]:
    return Activity.objects.filter(plan=plan, date__gte=data_from, date__lte=data_to)


# The PDF lists at most this many activities per task group (the XLSX annex lists all of them).
ACTIVITIES_LISTED = 40


def task_group_results(*, plan: Plan, data_from, data_to) -> list[dict]:
    """Task groups in order: the first ACTIVITIES_LISTED activities of the period, and the number
    and cost of the others (three queries, whatever the number of activities)."""
    groups = list(TaskGroup.objects.filter(plan=plan).order_by("number"))
    activities = activities_in_period(plan=plan, data_from=data_from, data_to=data_to)
    totals = {
        row["task__group_id"]: (row["n"], row["cost"] or 0)
        for row in activities.values("task__group_id").annotate(n=Count("pk"), cost=Sum("cost")).order_by()
    }
    first = Window(RowNumber(), partition_by=[F("task__group_id")], order_by=[F("date").asc(), F("pk").asc()])
    rows = (
        activities.annotate(rank=first)
        .filter(rank__lte=ACTIVITIES_LISTED)
        .order_by("date", "pk")
        .values_list("task__group_id", "title", "date", "kind", "results", "cost", "responsible_organisation")
    )
    by_group: dict[int | None, list[dict]] = defaultdict(list)
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

    def group(number, title, key) -> dict:
        listed, (count, cost) = by_group.get(key, []), totals.get(key, (0, 0))
        not_listed = {"not_listed": count - len(listed), "not_listed_cost": cost - sum(a["cost"] for a in listed)}
        return {"number": number, "title": title, "activities": listed, **not_listed}

    out = [group(g.number, g.title, g.pk) for g in groups]
    if None in totals:
        out.append(group(None, "", None))
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
