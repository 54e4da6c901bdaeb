"""Named measures: how an indicator's actual is counted from the portal's own records.

``programs`` knows nothing of training or applications; those apps register their measures
here in ``AppConfig.ready()`` and the KPI engine looks them up by ``Indicator.measure``.
Each function runs one aggregate query, whatever the data volume.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    # yearly(indicator=..., year_from=..., year_to=...) -> {year: number}; one query.
    yearly: Callable[..., dict[int, int]]
    # period(indicator=..., year_from=..., year_to=...) -> number over the whole span, when it is
    # not the sum of the years (distinct enterprises, organisations); one query. None: the sum.
    period: Callable[..., int] | None = None


_measures: dict[str, Measure] = {}


def register_measure(measure: Measure) -> None:
    _measures[measure.key] = measure


def get_measure(key: str) -> Measure | None:
    return _measures.get(key)


def measure_choices() -> list[tuple[str, str]]:
    return sorted(((m.key, str(m.label)) for m in _measures.values()), key=lambda c: c[1])
