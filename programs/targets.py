"""How a target is read: one reading for the dashboard, the PDF and the XLSX.

- ``range``    "15 - 20": below under 15, within from 15 to 20, above over 20;
- ``about``    "about 900 (±5 %)": the band is 900 × (1 − 5 %) to 900 × (1 + 5 %) = 855 to 945;
  below under 855, within from 855 to 945, above over 945 (the tolerance is editable per indicator);
- ``at_least`` "at least 1": below under 1, within from 1 on (there is no "above").

A growth indicator's target is a range of rates ("10 - 15 %/năm") read the same way against the
average annual growth. Both ends of a band are included; the comparison uses the exact value
(before any rounding for display).
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from core.numbers import vn_number

from .models import Indicator, TargetType

HUNDRED = Decimal(100)


class Status:
    BELOW = "below"
    WITHIN = "within"
    ABOVE = "above"
    # The indicator has no measure (or names one that is not registered): nothing was counted.
    NO_DATA = "no_data"
    # A growth rate with nothing to grow from (the previous count is 0): counted, but no rate.
    NOT_COMPUTABLE = "not_computable"


@dataclass(frozen=True)
class Target:
    type: str
    low: Decimal
    high: Decimal | None = None
    tolerance: Decimal | None = None  # per cent, for "about" targets

    @property
    def band(self) -> tuple[Decimal, Decimal | None]:
        """The values read as "within": [low, high], open above when there is no high."""
        if self.type == TargetType.ABOUT:
            share = (self.tolerance or Decimal(0)) / HUNDRED
            return (self.low * (1 - share), self.low * (1 + share))
        if self.type == TargetType.AT_LEAST or self.high is None:
            return (self.low, None)
        return (self.low, self.high)

    def status(self, value: Decimal | None) -> str:
        """below / within / above for a counted value (None: not computable)."""
        if value is None:
            return Status.NOT_COMPUTABLE
        low, high = self.band
        if value < low:
            return Status.BELOW
        if high is not None and value > high:
            return Status.ABOVE
        return Status.WITHIN

    def percent_of(self, value: Decimal | None) -> Decimal | None:
        """value / low × 100 ("% of target", against the lower bound; None when low is 0)."""
        if value is None or not self.low:
            return None
        return value / self.low * HUNDRED

    def text(self, number: Callable = vn_number) -> str:
        """ "15 - 20", "about 900 (±5 %)", "at least 1" (in the active language)."""
        if self.type == TargetType.ABOUT:
            return _("about %(value)s (±%(tolerance)s %%)") % {
                "value": number(self.low),
                "tolerance": number(self.tolerance or 0),
            }
        if self.type == TargetType.AT_LEAST or self.high is None:
            return _("at least %(value)s") % {"value": number(self.low)}
        if self.high == self.low:
            return number(self.low)
        return f"{number(self.low)} - {number(self.high)}"

    def as_json(self) -> dict:
        low, high = self.band
        return {
            "type": self.type,
            "min": _plain(self.low),
            "max": _plain(self.high),
            "tolerance": _plain(self.tolerance) if self.type == TargetType.ABOUT else None,
            "band_min": _plain(low),
            "band_max": _plain(high),
            "text": self.text(),
        }


def _plain(value) -> str | None:
    """ "900", "855", "10.5" (never "9E+2")."""
    return None if value is None else format(Decimal(value).normalize(), "f")


def indicator_target(indicator: Indicator, low=None, high=None) -> Target:
    """The indicator's own target, or ``low``/``high`` (a span's yearly targets) read its way."""
    return Target(
        type=indicator.target_type,
        low=Decimal(indicator.target_min if low is None else low),
        high=(indicator.target_max if low is None else high),
        tolerance=Decimal(indicator.tolerance_percent) if indicator.tolerance_percent is not None else None,
    )
