"""Working days in Vietnam: Monday to Friday, less the public holidays, plus the Saturdays the
government moves work to.

The holidays come from the maintained ``holidays`` library (``holidays.Vietnam``), chosen over a
data file of our own because it computes Tết and the Hùng Kings' day from the lunar calendar for
any year, applies the compensatory days of the Labour Code 2019 (Art. 112; a holiday on a weekend
is made up on the next working day, a Tết day on a Saturday on the working day before), and
carries the government's yearly swaps of working days for the public sector (e.g. 29/04/2024 off,
Saturday 04/05/2024 worked), each with the official announcement it cites. A new release each
month brings the next year's announcements: keep the pinned version current.

Everything here is a pure function of dates; the calendars are cached per year.
"""

import datetime
from functools import lru_cache

import holidays

DAY = datetime.timedelta(days=1)


@lru_cache(maxsize=64)
def _calendar(year: int) -> holidays.HolidayBase:
    # Three years, so that a swap announced across a year boundary (a Saturday worked in January
    # for a day off in December) is known whichever year the day falls in.
    return holidays.Vietnam(years=(year - 1, year, year + 1), language="vi")


def is_working_day(day: datetime.date) -> bool:
    """Whether public offices work on ``day``."""
    return _calendar(day.year).is_working_day(day)


def holiday_name(day: datetime.date) -> str:
    """The holiday's Vietnamese name, or "" when ``day`` is not a public holiday."""
    return _calendar(day.year).get(day, "")


def next_working_day(day: datetime.date) -> datetime.date:
    """``day`` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += DAY
    return day


def add_working_days(day: datetime.date, count: int) -> datetime.date:
    """The ``count``-th working day after ``day`` (``day`` itself is not counted; 0 gives ``day``)."""
    if count < 0:
        raise ValueError("count must not be negative")
    while count:
        day += DAY
        if is_working_day(day):
            count -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """The working days after ``start`` up to and including ``end`` (0 when ``end`` ≤ ``start``)."""
    count, day = 0, start
    while day < end:
        day += DAY
        if is_working_day(day):
            count += 1
    return count
