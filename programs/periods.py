"""The one period model: every figure is counted over explicit date ranges, never over a bare year.

A plan's reporting year is its *data year*. The rule is stored on the plan
(``Plan.data_year_start_month`` / ``data_year_start_day``): data year Y starts on that day and
month of year Y−1 and ends the day before it in year Y. The default, 15 December, is the annual
data period of Decree 09/2019/NĐ-CP (15/12/Y−1 – 14/12/Y); 1 January gives calendar years.

- ``data_year(plan, 2024)``       → 15/12/2023 – 14/12/2024 under the default rule;
- ``calendar_year(2024)``         → 01/01/2024 – 31/12/2024;
- ``plan_span(plan)``             → the first day of its first data year to the last day of its last
  (15/12/2020 – 14/12/2025 for a 2021-2025 plan): a record dated outside it belongs to no year of
  the plan;
- ``plan_periods(plan, ...)``     → the years a dashboard shows, on the data-year or calendar basis;
- ``report_periods(plan, a, b)``  → the years of a report whose data run from ``a`` to ``b``: each of
  the plan's data years that meets [a, b], cut to [a, b]; the whole is [a, b] itself.

Ranges include both ends. ``bucket_counts`` counts a queryset into a list of disjoint ranges in one
aggregate query; every measure uses it, so "which range does a record fall in" has one answer.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Case, Count, DateTimeField, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DAY = datetime.timedelta(days=1)


@dataclass(frozen=True, order=True)
class DateRange:
    """The days from ``start`` to ``end``, both included."""

    start: datetime.date
    end: datetime.date

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError(f"A range cannot end ({self.end}) before it starts ({self.start}).")

    def __contains__(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def meets(self, other: "DateRange") -> bool:
        return self.start <= other.end and other.start <= self.end

    def cut_to(self, other: "DateRange") -> "DateRange":
        """The part of this range inside ``other`` (they must meet)."""
        return DateRange(max(self.start, other.start), min(self.end, other.end))

    def text(self) -> str:
        """ "15/12/2023 – 14/12/2024"."""
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"

    def as_json(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


class Basis:
    """How a dashboard cuts a plan into years: the plan's data years (default) or calendar years."""

    DATA = "data"
    CALENDAR = "calendar"
    CHOICES = ((DATA, _("Data years (reporting rule)")), (CALENDAR, _("Calendar years")))


def year_start_rule(plan) -> tuple[int, int]:
    """(month, day) on which the plan's data year starts (in the previous year unless 1 January)."""
    return (plan.data_year_start_month or 12, plan.data_year_start_day or 15)


def data_year(plan, year: int) -> DateRange:
    """Data year ``year`` of ``plan``: from (month, day) of year−1 to the day before it in ``year``."""
    month, day = year_start_rule(plan)
    if (month, day) == (1, 1):
        return calendar_year(year)
    return DateRange(datetime.date(year - 1, month, day), datetime.date(year, month, day) - DAY)


def calendar_year(year: int) -> DateRange:
    return DateRange(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def year_range(plan, year: int, basis: str = Basis.DATA) -> DateRange:
    return calendar_year(year) if basis == Basis.CALENDAR else data_year(plan, year)


def plan_span(plan, basis: str = Basis.DATA) -> DateRange:
    """From the first day of the plan's first year to the last day of its last year."""
    return DateRange(year_range(plan, plan.start_year, basis).start, year_range(plan, plan.end_year, basis).end)


def data_year_of(plan, day: datetime.date) -> int:
    """The data year of ``plan`` that contains ``day`` (whatever the plan's own years)."""
    return day.year + 1 if day > data_year(plan, day.year).end else day.year


def latest_ended_data_year(plan, today: datetime.date) -> int:
    """The last data year that ended before ``today`` (the year an annual report is due for)."""
    return data_year_of(plan, today) - 1


@dataclass(frozen=True)
class Year:
    """One column of a table: a year label and the days it counts."""

    year: int
    range: DateRange


@dataclass(frozen=True)
class Periods:
    """The years of a dashboard or a report and the whole range they make up, on one basis.

    ``years`` are disjoint and in order; ``whole`` runs from the first one's start to the last
    one's end. Every table of one report is counted over these same ranges."""

    basis: str
    years: tuple[Year, ...]

    def __post_init__(self):
        if not self.years:
            raise ValueError("A period needs at least one year.")
        for earlier, later in zip(self.years, self.years[1:], strict=False):
            if later.range.start <= earlier.range.end:
                raise ValueError("The years of a period must not overlap.")

    @property
    def whole(self) -> DateRange:
        return DateRange(self.years[0].range.start, self.years[-1].range.end)

    @property
    def year_numbers(self) -> list[int]:
        return [y.year for y in self.years]

    @property
    def ranges(self) -> list[DateRange]:
        return [y.range for y in self.years]

    @property
    def single_year(self) -> int | None:
        return self.years[0].year if len(self.years) == 1 else None

    def as_json(self) -> dict:
        return {
            "basis": self.basis,
            "years": [{"year": y.year, **y.range.as_json()} for y in self.years],
            "whole": self.whole.as_json(),
        }


def plan_periods(plan, *, year_from: int | None = None, year_to: int | None = None, basis: str = Basis.DATA) -> Periods:
    """The plan's years from ``year_from`` to ``year_to`` (default: all of them) on ``basis``."""
    first = max(year_from or plan.start_year, plan.start_year)
    last = min(year_to or plan.end_year, plan.end_year)
    last = max(first, last)
    return Periods(basis=basis, years=tuple(Year(y, year_range(plan, y, basis)) for y in range(first, last + 1)))


def report_periods(plan, data_from: datetime.date, data_to: datetime.date) -> Periods:
    """The data years of ``plan`` that meet [data_from, data_to], each cut to that range.

    A data period inside one data year gives that one year; a period outside the plan's span is
    refused by the report services before it gets here."""
    wanted = DateRange(data_from, data_to)
    years = []
    for year in range(data_year_of(plan, data_from), data_year_of(plan, data_to) + 1):
        days = data_year(plan, year)
        if days.meets(wanted):
            years.append(Year(year, days.cut_to(wanted)))
    return Periods(basis=Basis.DATA, years=tuple(years))


def previous_year(plan, periods: Periods) -> Year:
    """The year before the first year of ``periods`` on the same basis (growth needs it)."""
    year = periods.years[0].year - 1
    return Year(year, year_range(plan, year, periods.basis))


def _is_moment(queryset, field: str) -> bool:
    """Whether ``field`` (a column of the queryset's model, not a path) holds date and time."""
    try:
        return isinstance(queryset.model._meta.get_field(field), DateTimeField)
    except FieldDoesNotExist:
        return False


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _bucketed(queryset, field: str, ranges: Sequence[DateRange]):
    """Each row's range index. A date-and-time column is compared with the local midnights that
    bound each range (the same days as its local date, without converting every row's time)."""
    within: dict[str, object]
    if _is_moment(queryset, field):
        bounds = [(_local_midnight(r.start), _local_midnight(r.end + datetime.timedelta(days=1))) for r in ranges]
        cases = [When(**{f"{field}__gte": a, f"{field}__lt": b}, then=Value(i)) for i, (a, b) in enumerate(bounds)]
        within = {f"{field}__gte": min(a for a, _ in bounds), f"{field}__lt": max(b for _, b in bounds)}
    else:
        cases = [When(**{f"{field}__range": (r.start, r.end)}, then=Value(i)) for i, r in enumerate(ranges)]
        within = {f"{field}__gte": min(r.start for r in ranges), f"{field}__lte": max(r.end for r in ranges)}
    bucket = Case(*cases, default=Value(-1), output_field=IntegerField())
    return queryset.filter(**within).annotate(range_index=bucket)


def by_range(queryset, field: str, ranges: Sequence[DateRange], *, group: str | None = None, **aggregates):
    """``aggregates`` of ``queryset`` per range of the date in ``field`` (and per ``group`` value when
    given); one query. Ranges must not overlap; rows in none of them are left out.

    Returns a list with one dict per range, or {group value: that list} with ``group``."""
    empty = lambda: [dict.fromkeys(aggregates, 0) for _ in ranges]  # noqa: E731
    if not ranges:
        return {} if group else []
    keys = ["range_index", group] if group else ["range_index"]
    rows = _bucketed(queryset, field, ranges).values(*keys).annotate(**aggregates).order_by()
    table: dict = {}
    for row in rows:
        if row["range_index"] < 0:
            continue
        cells = table.setdefault(row[group] if group else None, empty())
        for name in aggregates:
            cells[row["range_index"]][name] = row[name] or 0
    return table if group else table.get(None, empty())


def bucket_counts(queryset, field: str, ranges: Sequence[DateRange], *, count=None) -> list:
    """``count`` (default: rows) of ``queryset`` per range of the date in ``field``; one query."""
    return [cell["n"] for cell in by_range(queryset, field, ranges, n=count if count is not None else Count("pk"))]


def in_range(field: str, within: DateRange) -> dict:
    """Filter keywords: ``field`` between the range's ends (both included)."""
    return {f"{field}__gte": within.start, f"{field}__lte": within.end}
