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

import hashlib
from collections.abc import Callable
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db.models import Exists, QuerySet


class _CountedPaginator(Paginator):
    """A paginator whose total comes from ``count()`` instead of ``COUNT(*)`` of its rows."""

    def __init__(self, object_list, per_page, *, count: Callable[[], int]):
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self) -> int:
        return self._count()


def page_then_annotate(
    queryset: QuerySet,
    number,
    per_page: int,
    annotate: Callable[[QuerySet], QuerySet],
    *,
    count: Callable[[], int] | None = None,
) -> Page:
    """The page ``number`` of ``queryset`` (ordered, not annotated) whose rows are read by
    ``annotate(model.objects.filter(pk__in=page keys))`` in the queryset's order. ``count``, when
    given, tells the number of rows more cheaply than ``COUNT(*)`` of the queryset (it must agree)."""
    keys = queryset.values_list("pk", flat=True)
    paginator = Paginator(keys, per_page) if count is None else _CountedPaginator(keys, per_page, count=count)
    page = paginator.get_page(number)
    ids = list(page.object_list)
    rows = {row.pk: row for row in annotate(queryset.model._default_manager.filter(pk__in=ids))} if ids else {}
    page.object_list = [rows[pk] for pk in ids if pk in rows]
    return page


class ProbedExists(Exists):
    """``EXISTS`` that PostgreSQL answers by one index probe per row it reaches, never by hashing
    the whole subquery first: for a condition OR-ed after cheaper ones on a list read in index
    order (``OFFSET 0`` keeps the planner from turning it into a hashed ``IN``, which must read,
    e.g., 100,000 links before the first row of a page can be returned)."""

    template = "EXISTS(%(subquery)s OFFSET 0)"


def cached_count(queryset: QuerySet) -> int:
    """``queryset.count()``, kept in the cache under the query's SQL until a record of a watched
    app changes (``core.sectioncache``): for a list's unfiltered total, which at ten times a
    province costs more than the rest of the page."""
    from .sectioncache import cached_value

    sql, params = queryset.query.sql_with_params()
    digest = hashlib.sha256(f"{sql}|{params!r}".encode()).hexdigest()[:32]
    return cached_value(f"count:{queryset.model._meta.label_lower}:{digest}", queryset.count)
