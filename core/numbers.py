"""Vietnamese presentation of numbers in documents: 1.234.567 and 12,5 (Decree 30/2020 usage)."""

from decimal import Decimal


def vn_number(value, places: int | None = None) -> str:
    """1234567 → "1.234.567"; Decimal("12.50") → "12,5" (at most ``places`` decimals, default 2)."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    if places is None:
        places = 0 if number == number.to_integral_value() else 2
    text = f"{number:,.{places}f}"
    if places:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
