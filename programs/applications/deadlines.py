"""The processing clock: when a decision is due, whether it came on time, and the queues and
figures built on it. Other apps (the leader dashboard's "late" views) call the functions here.

Rules (the README quotes them):

- Each scheme promises a decision within ``SupportScheme.processing_days`` working days (default
  15). Working days are Monday–Friday less the Vietnamese public holidays and plus the Saturdays
  the government moves work to (``core.workdays``: Tết and the Hùng Kings' day by the lunar
  calendar, compensatory days included).
- The clock is derived from the application's event history. It **starts** when the application
  is received: the day it was submitted when that is a working day, else the next working day.
  Days are counted from the day after. It **stops** when the application is returned to the
  enterprise for a supplement (the days used so far are kept) and **restarts** when the
  enterprise sends the supplement (received again that day, or the next working day). It
  **ends** with the decision: the signed support decision (its date) or the refusal (the day it
  was recorded); a withdrawal ends it without a decision.
- The **due date** is the day the clock reaches its N-th working day; while the application is
  returned it has none (the enterprise holds it) unless it had already passed.
- **Working days used** = working days after each (re)receipt up to and including the day the
  clock stopped or ended. A decision is **on time** when it used at most N working days.
- **Late**: the clock is running and today is after the due date. **Due soon**: running and the
  due date is today or within the next ``DUE_SOON_WORKING_DAYS`` working days.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from core import clock as portal_clock
from core.workdays import add_working_days, next_working_day, working_days_between
from programs.periods import DateRange, by_range, in_range

from .models import CLOCK_RUNNING_STATUSES, DEFAULT_PROCESSING_DAYS, Status, SupportApplication
from .outcomes.rules import median, share_percent

DUE_SOON_WORKING_DAYS = 3
DECIDED = (Status.APPROVED, Status.REJECTED)
RUNNING_STATUSES = CLOCK_RUNNING_STATUSES


@dataclass(frozen=True)
class Clock:
    processing_days: int
    received_on: datetime.date | None
    due_on: datetime.date | None
    working_days_used: int  # up to the last stop or the decision
    running_since: datetime.date | None  # the receipt day of the running interval, None when not running
    decided_on: datetime.date | None

    @property
    def running(self) -> bool:
        return self.running_since is not None

    @property
    def stopped(self) -> bool:
        return self.received_on is not None and not self.running and self.decided_on is None

    @property
    def on_time(self) -> bool | None:
        return None if self.decided_on is None else self.working_days_used <= self.processing_days

    def used_by(self, today: datetime.date) -> int:
        """Working days used by ``today`` (counting the running interval)."""
        if self.running_since is None:
            return self.working_days_used
        return self.working_days_used + working_days_between(self.running_since, today)

    def days_left(self, today: datetime.date) -> int:
        """Working days left before the promise is broken (negative when late)."""
        return self.processing_days - self.used_by(today)

    def is_late(self, today: datetime.date) -> bool:
        return self.running and self.due_on is not None and today > self.due_on


def _local_day(moment) -> datetime.date:
    if isinstance(moment, datetime.datetime):
        return timezone.localdate(moment)
    return moment


def compute_clock(
    events: Iterable[tuple[datetime.datetime, str]],
    *,
    processing_days: int = DEFAULT_PROCESSING_DAYS,
    decision_date: datetime.date | None = None,
) -> Clock:
    """The clock from ``events`` — (time, status moved to) in order — under the rules above."""
    used, start, received, due, decided = 0, None, None, None, None

    def close(end: datetime.date, *, final: bool) -> None:
        nonlocal used, start, due
        if due is None:
            candidate = add_working_days(start, max(processing_days - used, 0))
            if final or candidate <= end:
                due = candidate
        used += working_days_between(start, end)
        start = None

    for moment, status in events:
        day = _local_day(moment)
        if status == Status.SUBMITTED:
            if start is None:
                start = next_working_day(day)
                received = received or start
        elif status == Status.RETURNED and start is not None:
            close(day, final=False)
        elif status in DECIDED:
            end = decision_date if status == Status.APPROVED and decision_date else day
            if start is not None:
                close(end, final=True)
            decided = end
            break
        elif status == Status.WITHDRAWN:
            if start is not None:
                close(day, final=False)
            break
    if start is not None and due is None:
        due = add_working_days(start, max(processing_days - used, 0))
    return Clock(
        processing_days=processing_days,
        received_on=received,
        due_on=due,
        working_days_used=used,
        running_since=start,
        decided_on=decided,
    )


def clock_for(application: SupportApplication, *, events=None) -> Clock:
    """The application's clock from its events (one query unless ``events`` are given)."""
    if events is None:
        events = application.events.exclude(to_status="").order_by("created_at", "pk")
        events = events.values_list("created_at", "to_status")
    return compute_clock(
        events, processing_days=application.scheme.processing_days, decision_date=application.decision_date
    )


def clock_refresh(application: SupportApplication) -> Clock:
    """Store the clock on the application (due date, decision day, days used, on time); services call
    this after every move, so the queue can sort and filter in SQL."""
    state = clock_for(application)
    application.due_on = state.due_on
    application.decided_on = state.decided_on
    application.working_days_used = state.working_days_used if state.received_on else None
    application.decided_on_time = state.on_time
    SupportApplication.objects.filter(pk=application.pk).update(
        due_on=state.due_on,
        decided_on=state.decided_on,
        working_days_used=application.working_days_used,
        decided_on_time=state.on_time,
    )
    return state


# --- Queues -----------------------------------------------------------------------------------------
def _running(queryset):
    return queryset.filter(status__in=RUNNING_STATUSES, decided_on__isnull=True, due_on__isnull=False)


def late(queryset, *, today: datetime.date | None = None):
    """Undecided applications the department holds whose due date has passed."""
    return _running(queryset).filter(due_on__lt=today or portal_clock.today())


def due_soon(queryset, *, today: datetime.date | None = None):
    """Undecided applications the department holds due today or within DUE_SOON_WORKING_DAYS working days."""
    today = today or portal_clock.today()
    return _running(queryset).filter(due_on__gte=today, due_on__lte=add_working_days(today, DUE_SOON_WORKING_DAYS))


# --- Figures --------------------------------------------------------------------------------------
@dataclass
class OnTimeRow:
    label: str
    decided: int
    on_time: int
    key: object = None

    @property
    def late(self) -> int:
        return self.decided - self.on_time

    @property
    def on_time_share(self) -> Decimal | None:
        return share_percent(self.on_time, self.decided)

    @property
    def late_share(self) -> Decimal | None:
        return share_percent(self.late, self.decided)


def _decided(queryset, within: DateRange):
    return queryset.filter(**in_range("decided_on", within), decided_on_time__isnull=False)


def on_time_by_month(queryset, *, within: DateRange) -> list[OnTimeRow]:
    """Decisions by month of the decision: decided, on time, late and their shares (one query)."""
    rows = (
        _decided(queryset, within)
        .annotate(month=TruncMonth("decided_on"))
        .values("month")
        .annotate(decided=Count("pk"), on_time=Count("pk", filter=Q(decided_on_time=True)))
        .order_by("month")
    )
    return [
        OnTimeRow(label=f"{r['month']:%m/%Y}", decided=r["decided"], on_time=r["on_time"], key=r["month"]) for r in rows
    ]


def on_time_by_reviewer(queryset, *, within: DateRange) -> list[OnTimeRow]:
    """Decisions by assigned reviewer (one query); the reviewer's name, or "" when none was assigned."""
    rows = (
        _decided(queryset, within)
        .values("reviewer_id", "reviewer__full_name", "reviewer__email")
        .annotate(decided=Count("pk"), on_time=Count("pk", filter=Q(decided_on_time=True)))
        .order_by("reviewer__full_name", "reviewer__email")
    )
    return [
        OnTimeRow(
            label=r["reviewer__full_name"] or r["reviewer__email"] or "",
            decided=r["decided"],
            on_time=r["on_time"],
            key=r["reviewer_id"],
        )
        for r in rows
    ]


@dataclass
class ServiceYear:
    """The public-service figures of one year (what the national service index asks for)."""

    year: int
    received: int
    decided: int
    on_time: int
    median_working_days: Decimal | None

    @property
    def on_time_share(self) -> Decimal | None:
        return share_percent(self.on_time, self.decided)


def _service_cells(queryset, ranges) -> tuple[list[int], list[list[int]], list[int]]:
    """Per range: applications received (submitted), the working days each decision used, and the
    decisions on time (two queries)."""
    received = by_range(queryset, "submitted_at", ranges, n=Count("pk"))  # by the local day
    # Decisions counted per range and number of working days used: a few dozen rows, whatever the
    # number of applications; the medians are taken from that histogram.
    histogram = by_range(
        _decided(queryset, DateRange(ranges[0].start, ranges[-1].end)),
        "decided_on",
        ranges,
        group="working_days_used",
        n=Count("pk"),
        on_time=Count("pk", filter=Q(decided_on_time=True)),
    )
    days: list[list[int]] = [[] for _ in ranges]
    on_time = [0] * len(ranges)
    for used, cells in histogram.items():
        for index, cell in enumerate(cells):
            days[index] += [used or 0] * cell["n"]
            on_time[index] += cell["on_time"]
    return [cell["n"] for cell in received], days, on_time


def _service_year(year: int, received: int, days: list[int], on_time: int) -> ServiceYear:
    return ServiceYear(
        year=year, received=received, decided=len(days), on_time=on_time, median_working_days=median(days)
    )


def service_figures(queryset, *, years) -> list[ServiceYear]:
    """Per year (``years``: ``programs.periods.Year`` items, each a number and its range):
    applications received (submitted), decided, decided on time and the median processing time in
    working days (two queries)."""
    return service_report(queryset, years=years)[0]


def service_totals(queryset, *, within: DateRange) -> ServiceYear:
    """The figures of a whole range together (the median over all its decisions; two queries)."""
    from programs.periods import Year

    (total,) = service_figures(queryset, years=[Year(0, within)])
    return total


def service_report(queryset, *, years, within: DateRange | None = None) -> tuple[list[ServiceYear], ServiceYear | None]:
    """``service_figures`` of ``years`` and, when ``within`` is given, ``service_totals`` over it:
    from the same two queries when the years follow each other and make up ``within`` exactly
    (the dashboard's case), else two more."""
    years = list(years)
    if not years:
        return [], (service_totals(queryset, within=within) if within else None)
    ranges = [year.range for year in years]
    received, days, on_time = _service_cells(queryset, ranges)
    figures = [_service_year(y.year, received[i], days[i], on_time[i]) for i, y in enumerate(years)]
    if within is None:
        return figures, None
    contiguous = all(b.start == a.end + datetime.timedelta(days=1) for a, b in pairwise(ranges))
    if not (contiguous and within == DateRange(ranges[0].start, ranges[-1].end)):
        return figures, service_totals(queryset, within=within)
    return figures, _service_year(0, sum(received), [d for year in days for d in year], sum(on_time))
