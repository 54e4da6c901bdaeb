"""Named measures: how an indicator's actual is counted from the portal's own records.

``programs`` knows nothing of training or applications; those apps register their measures
here in ``AppConfig.ready()`` and the KPI engine looks them up by ``Indicator.measure``.

A measure counts the records *of one plan* over explicit date ranges (``programs.periods``),
never over a calendar year:

- ``counts(plan=, indicator=, ranges=[DateRange, ...], as_of=)`` → one figure per range, in order,
  in one aggregate query (``programs.periods.bucket_counts``);
- ``distinct(plan=, indicator=, within=DateRange, as_of=)`` → the number of distinct things over
  the whole range (an enterprise supported in two years is one enterprise), one query; ``None``
  when the measure is a plain count whose whole is the sum of its ranges.

``as_of`` (a datetime or None for "now") leaves out what was recorded later — a late attendance
list, a payment entered after the report was built — so that a report rebuilt later gives the
same figures. A record with no plan is counted in no plan.

A measure that gives ``records`` lets the dashboard link each figure to the list of what it counts
(``programs.drilldown.indicator_records``).

A measure may also name its ``source(plan=, indicator=)`` → ``FactSource``: the rows it counts,
their date, the path to their enterprise and what one row adds. The ``facts`` app keeps yearly
facts from it (per agency, plan, indicator, data year, unit and sector) and registers a
``fact_reader`` here; the KPI engine asks it first and counts the raw rows only where the facts
cannot answer (a range that is not a whole data year, a cut-off before the last change, facts
waiting for their refresh).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

_measures: dict[str, "Measure"] = {}


@dataclass(frozen=True)
class FactSource:
    """What a measure counts, for the yearly facts: ``queryset`` (the plan's counted rows, no
    cut-off), ``date`` (the field whose day picks the year), ``enterprise`` (the path to the
    enterprise, "" for the row itself, None when the rows have none), ``value`` (an aggregate:
    what one group of rows adds) and ``member`` (the field counted once over several years for a
    distinct-count measure, None for a plain count)."""

    queryset: object
    date: str
    enterprise: str | None
    value: object
    member: str | None = None


@dataclass(frozen=True)
class Measure:
    key: str
    label: str | Promise
    counts: Callable[..., list[int]]
    distinct: Callable[..., int] | None = None
    # What the measure counts, for people recomputing a figure by hand (README, reports).
    rule: str | Promise = ""
    source: Callable[..., FactSource | None] | None = None
    # The records behind a figure, for the dashboard's drill-down: ``records(plan=, indicator=,
    # within=DateRange)`` → a lazy QuerySet with one row per counted thing (its count is the
    # figure of that range), shown by ``records_template`` (rows of ``records``).
    records: Callable | None = None
    records_template: str = ""


def register_measure(measure: Measure) -> None:
    _measures[measure.key] = measure


def get_measure(key: str) -> Measure | None:
    return _measures.get(key)


def registered_keys() -> set[str]:
    return set(_measures)


def measure_choices() -> list[tuple[str, str]]:
    return sorted(((m.key, str(m.label)) for m in _measures.values()), key=lambda c: c[1])


_fact_reader: Callable | None = None


def register_fact_reader(reader: Callable) -> None:
    """``reader(plan=, periods=, as_of=)`` → an object with ``counts(indicator, ranges)`` and
    ``distinct(indicator, within)`` (None where it cannot answer), or None for the whole plan."""
    global _fact_reader
    _fact_reader = reader


def fact_reader(*, plan, periods, as_of=None):
    return None if _fact_reader is None else _fact_reader(plan=plan, periods=periods, as_of=as_of)


_facts_version: Callable | None = None


def register_facts_version(version: Callable) -> None:
    """``version(plan)`` → a text that changes with every counted change of the plan's records, or
    None while its facts are stale (then nothing built from them may be kept)."""
    global _facts_version
    _facts_version = version


def facts_version(plan) -> str | None:
    return None if _facts_version is None else _facts_version(plan)


_change_listener: Callable | None = None


def register_change_listener(listener: Callable) -> None:
    global _change_listener
    _change_listener = listener


def counted_records_changed(*, plan_ids) -> None:
    """Tell the facts that records counted for these plans changed without a model signal (a
    queryset ``update``); call it inside the transaction that changed them."""
    if _change_listener is not None:
        _change_listener(plan_ids)


# --- Stored figures ---------------------------------------------------------------------------------
# A dashboard block whose figures read many raw rows (processing times, drill-downs) registers
# ``build(plan=, periods=)`` → JSON-ready figures. The facts keep them for each data year of the plan
# and for all its years, computed with the facts from the same rows and invalidated with them;
# ``kept_figures`` reads them there and builds them from the raw rows where the facts cannot answer
# (other ranges, the calendar basis, facts waiting for their refresh).
_stored_figures: dict[str, Callable] = {}


def register_stored_figures(key: str, build: Callable) -> None:
    _stored_figures[key] = build


def stored_figure_builders() -> dict[str, Callable]:
    return dict(_stored_figures)


def kept_figures(key: str, *, plan, periods):
    """The figures of block ``key`` over ``periods``: from the facts when they can answer, else
    ``build(plan=, periods=)`` (the same JSON-ready shape either way)."""
    reader = fact_reader(plan=plan, periods=periods)
    found = None if reader is None else reader.figures(key, periods)
    return found if found is not None else _stored_figures[key](plan=plan, periods=periods)
