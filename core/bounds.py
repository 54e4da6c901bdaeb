"""Sane bounds for what people type, applied as model-field validators (so forms, services'
``full_clean`` and imports share them):

- dates from 01/01/1900 to 31/12/2100, years 1900-2100;
- money at most ``MAX_MONEY`` = 10^15 VND (one million billion đồng: above the yearly revenue
  of any enterprise this programme supports, and far below the 9.2×10^18 where sums overflow);
- names and titles must contain a visible character (not only spaces or zero-width characters).
"""

import datetime
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2100, 12, 31)
MAX_MONEY = 10**15


@deconstructible
class DateBounds:
    """A date between 01/01/1900 and 31/12/2100."""

    message = _("Enter a date between 01/01/1900 and 31/12/2100.")
    code = "date_out_of_range"

    def __call__(self, value):
        day = value.date() if isinstance(value, datetime.datetime) else value
        if isinstance(day, datetime.date) and not EARLIEST <= day <= LATEST:
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, DateBounds)

    def __hash__(self):
        return hash(DateBounds)


@deconstructible
class VisibleText:
    """Text with at least one visible character (zero-width and other format characters, spaces
    and control characters do not count)."""

    message = _("Enter a text with at least one visible character.")
    code = "invisible"

    def __call__(self, value):
        if not any(unicodedata.category(c)[0] not in ("Z", "C") for c in str(value)):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, VisibleText)

    def __hash__(self):
        return hash(VisibleText)


DATE = [DateBounds()]
YEAR_MESSAGE = _("Enter a year between 1900 and 2100.")
YEAR = [MinValueValidator(EARLIEST.year, message=YEAR_MESSAGE), MaxValueValidator(LATEST.year, message=YEAR_MESSAGE)]
MONEY = [MaxValueValidator(MAX_MONEY, message=_("Enter an amount of at most 1,000,000,000,000,000 VND."))]
NAME = [VisibleText()]
