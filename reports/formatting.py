"""Vietnamese presentation of dates and document numbers in report documents (Decree 30/2020);
numbers: ``core.numbers``."""

import datetime

from django.utils.translation import gettext as _


def decree30_day_month(date: datetime.date) -> tuple[str, str]:
    """Days 1-9 and months 1-2 take a leading zero; other months do not (Decree 30, Appendix I)."""
    day = f"{date.day:02d}"
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return day, month


def place_and_date(place: str, date: datetime.date) -> str:
    """ "Quảng Nam, ngày 05 tháng 01 năm 2024"."""
    day, month = decree30_day_month(date)
    if place:
        return _("%(place)s, day %(day)s month %(month)s year %(year)s") % {
            "place": place,
            "day": day,
            "month": month,
            "year": date.year,
        }
    return _("Day %(day)s month %(month)s year %(year)s") % {"day": day, "month": month, "year": date.year}


def document_number(number: str, abbreviation: str) -> str:
    """ "Số: 12/BC-SKHCN"; a blank number leaves room to write it in when the report is issued."""
    if not number:
        number = "\u00a0" * 6 + "/BC-" + abbreviation if abbreviation else "\u00a0" * 6 + "/BC"
    return _("No.: %(number)s") % {"number": number}
