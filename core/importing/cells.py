"""Cell helpers: raw cell value → clean Python value, or ValidationError."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


# --- Cell helpers: raw cell value → clean Python value, or ValidationError ------------------------
def cell_text(value) -> str:
    """A cell as stripped text ('' for empty; whole floats lose their '.0')."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return " ".join(str(value).split())


def cell_int(value, label, *, minimum: int | None = 0, maximum: int | None = None) -> int | None:
    """A whole number (None when empty); text with . , or spaces as thousands separators accepted."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError(_("%(label)s must be a whole number.") % {"label": label})
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValidationError(_("%(label)s must be a whole number.") % {"label": label})
        number = int(value)
    else:
        text = str(value).strip().replace(" ", "").replace(".", "").replace(",", "")
        try:
            number = int(text)
        except ValueError:
            raise ValidationError(_("%(label)s must be a whole number.") % {"label": label}) from None
    if minimum is not None and number < minimum:
        raise ValidationError(_("%(label)s must be at least %(minimum)s.") % {"label": label, "minimum": minimum})
    if maximum is not None and number > maximum:
        raise ValidationError(
            _("%(label)s must be at most %(maximum)s.") % {"label": label, "maximum": f"{maximum:,}".replace(",", ".")}
        )
    return number


def cell_date(value, label) -> datetime.date | None:
    """A date cell, or text dd/mm/yyyy or yyyy-mm-dd (None when empty)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        return _within_bounds(value.date(), label)
    if isinstance(value, datetime.date):
        return _within_bounds(value, label)
    text = str(value).strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            day = datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
        return _within_bounds(day, label)
    raise ValidationError(_("%(label)s must be a date written dd/mm/yyyy.") % {"label": label})


def _within_bounds(day: datetime.date, label) -> datetime.date:
    from ..bounds import EARLIEST, LATEST

    if not EARLIEST <= day <= LATEST:
        raise ValidationError(_("%(label)s must be between 01/01/1900 and 31/12/2100.") % {"label": label})
    return day
