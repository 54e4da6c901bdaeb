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
(``programs.drilldown.figure_records``).
"""

from collections.abc import Callable
from dataclasses import dataclass

_measures: dict[str, "Measure"] = {}


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    counts: Callable[..., list[int]]
    distinct: Callable[..., int] | None = None
    # What the measure counts, for people recomputing a figure by hand (README, reports).
    rule: str = ""
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
