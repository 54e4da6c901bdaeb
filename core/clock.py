"""The portal's one clock: every "now" and "today" in services, selectors, tasks and seed data
comes from here, so that tests and the demo can pin the date.

- ``now()`` is an aware datetime, ``today()`` the local date (Asia/Ho_Chi_Minh) of ``now()``.
- ``PORTAL_TODAY`` (setting, from the environment, ``YYYY-MM-DD``) pins the date for a demo or a
  rehearsal; the time of day keeps running.
- ``frozen(moment)`` pins the clock inside a ``with`` block (tests).
"""

import contextlib
import datetime as dt
from collections.abc import Iterator

from django.conf import settings
from django.utils import timezone

_frozen: list[dt.datetime] = []


def now() -> dt.datetime:
    """The current moment (aware)."""
    if _frozen:
        return _frozen[-1]
    moment = timezone.now()
    pinned = getattr(settings, "PORTAL_TODAY", None)
    if pinned:
        day = dt.date.fromisoformat(str(pinned))
        local = timezone.localtime(moment)
        moment = local.replace(year=day.year, month=day.month, day=day.day)
    return moment


def today() -> dt.date:
    """Today's date in the portal's time zone."""
    return timezone.localdate(now())


@contextlib.contextmanager
def frozen(moment: dt.datetime | dt.date) -> Iterator[dt.datetime]:
    """Pin ``now()`` (and ``today()``) to ``moment`` inside the block; a date means its noon."""
    if not isinstance(moment, dt.datetime):
        moment = dt.datetime.combine(moment, dt.time(12), tzinfo=timezone.get_current_timezone())
    elif timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    _frozen.append(moment)
    try:
        yield moment
    finally:
        _frozen.pop()
