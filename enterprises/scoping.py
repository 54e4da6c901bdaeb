"""What internal users see of the one shared enterprise registry (one tax code, one record).

``enterprises`` knows nothing of agencies: higher apps register scope functions here in their
``AppConfig.ready()``. Each takes the user and returns a condition on the enterprise row (a ``Q``:
what that app lets the user see — the agency's area, the enterprises with records there), or None
for "no limit". An internal user sees an enterprise when any registered condition holds; with none
registered, every enterprise.

How a condition is written decides whether a list stays fast at ten times a province (110,000
enterprises): a place is a test on the row's own column (``unit_id IN (…)`` over a few dozen
units), never a subquery that lists the area's enterprises; at most one condition is an
``id IN (subquery)`` over a small link table, which PostgreSQL reads once into a hash. Then the
count is one pass over the table and the first page walks the name index (``enterprise_name_order``)
until it has its rows. (``IN (a) OR IN (b)`` over big subqueries must instead test every enterprise
against each subquery and re-runs one per row once its result outgrows ``work_mem``; a ``UNION`` of
them reads both sides whole before it can count or sort.)
"""

from collections.abc import Callable
from functools import reduce
from operator import or_

from django.db.models import Q

_scopes: list[Callable] = []


def register_enterprise_scope(fn: Callable) -> None:
    """Register ``fn(user) -> Q | None`` (idempotent)."""
    if fn not in _scopes:
        _scopes.append(fn)


def internal_scope(user, *, also: Q | None = None) -> Q | None:
    """The condition an internal user's enterprises meet (or ``also``), or None when nothing limits them."""
    if not _scopes:
        return None
    parts = [] if also is None else [also]  # plain column tests first: PostgreSQL evaluates an OR in order
    for fn in _scopes:
        condition = fn(user)
        if condition is None:
            return None
        parts.append(condition)
    return reduce(or_, parts)
