"""What internal users see of the one shared enterprise registry (one tax code, one record).

``enterprises`` knows nothing of agencies: higher apps register scope functions here in their
``AppConfig.ready()``. Each takes the user and returns a queryset of enterprise ids (one column:
what that app lets the user see — the agency's area, its applications, its courses), or None for
"no limit". An internal user sees an enterprise when any registered function lets them; with none
registered, every enterprise.

The ids are combined with ``UNION`` into one ``pk IN (…)``, never with ``OR``: PostgreSQL turns
``IN (a UNION b)`` into one semi-join that reads each side through its index, while
``IN (a) OR IN (b)`` must test every enterprise of the country against each subquery, and re-runs
a subquery per row once its result no longer fits in ``work_mem`` (a count over 110,000
enterprises took minutes).
"""

from collections.abc import Callable

from django.db.models import QuerySet

_scopes: list[Callable] = []


def register_enterprise_scope(fn: Callable) -> None:
    """Register ``fn(user) -> QuerySet of ids | None`` (idempotent)."""
    if fn not in _scopes:
        _scopes.append(fn)


def internal_scope(user, *, also: QuerySet | None = None) -> QuerySet | None:
    """The ids an internal user sees (with those of ``also``), or None when nothing limits them."""
    if not _scopes:
        return None
    parts = []
    for fn in _scopes:
        ids = fn(user)
        if ids is None:
            return None
        parts.append(ids)
    if also is not None:
        parts.append(also)
    first, *rest = parts
    return first.union(*rest) if rest else first
