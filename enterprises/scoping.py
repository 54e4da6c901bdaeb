"""What internal users see of the one shared enterprise registry (one tax code, one record).

``enterprises`` knows nothing of agencies: higher apps register scope functions here in their
``AppConfig.ready()``. Each takes the user and returns a ``Q`` on Enterprise (what that app
lets the user see: the agency's area, its applications, its courses), or None for "no limit".
An internal user sees an enterprise when any registered function lets them; with none
registered, every enterprise.
"""

from collections.abc import Callable

from django.db.models import Q

_scopes: list[Callable] = []


def register_enterprise_scope(fn: Callable) -> None:
    """Register ``fn(user) -> Q | None`` (idempotent)."""
    if fn not in _scopes:
        _scopes.append(fn)


def internal_scope(user) -> Q | None:
    """The filter for an internal user, or None when nothing limits them."""
    if not _scopes:
        return None
    combined = Q(pk__in=[])
    for fn in _scopes:
        condition = fn(user)
        if condition is None:
            return None
        combined |= condition
    return combined
