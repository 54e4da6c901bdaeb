"""Lists that do not grow with the table: paginate first, then count for the page's rows only.

A list page that annotates counts (enrolments per participant, seats per course, verified
representatives per enterprise) over its whole filtered queryset makes PostgreSQL aggregate every
row before it can take the 25 it shows, and the paginator's COUNT(*) aggregates them once more.
``page_then_annotate`` splits the work into three queries whatever the table's size:

1. ``COUNT(*)`` of the filtered rows, without joins for the annotations;
2. the primary keys of the requested page (filter, order, LIMIT/OFFSET);
3. the page's rows with their annotations, ``WHERE pk IN (the page's keys)``, put back in order.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


def page_then_annotate(
    queryset: QuerySet,
    number,
    per_page: int,
    annotate: Callable[[QuerySet], QuerySet],
) -> Page:
    """The page ``number`` of ``queryset`` (ordered, not annotated) whose rows are read by
    ``annotate(model.objects.filter(pk__in=page keys))`` in the queryset's order."""
    keys = queryset.values_list("pk", flat=True)
    page = Paginator(keys, per_page).get_page(number)
    ids = list(page.object_list)
    rows = {row.pk: row for row in annotate(queryset.model._default_manager.filter(pk__in=ids))} if ids else {}
    page.object_list = [rows[pk] for pk in ids if pk in rows]
    return page
