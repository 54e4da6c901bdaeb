"""Vietnamese presentation of numbers, whatever the active language: 1.234.567 and 12,5 (Decree
30/2020 usage); money as 1.234.567 ₫. The one place that formats figures: the template filters in
``core/templatetags/vn_numbers.py`` and every service message call these functions."""

from decimal import ROUND_HALF_UP, Decimal

MISSING = "—"  # what a table shows for a figure that is not there


def _vietnamese(text: str) -> str:
    """Swap Python's "1,234.5" separators for the Vietnamese "1.234,5"."""
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def vn_number(value, places: int | None = None) -> str:
    """1234567 → "1.234.567"; Decimal("12.50") → "12,5" (at most ``places`` decimals, default 2);
    "" for a missing value (documents leave the cell blank)."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    if places is None:
        places = 0 if number == number.to_integral_value() else 2
    text = f"{number:,.{places}f}"
    if places:
        text = text.rstrip("0").rstrip(".")
    return _vietnamese(text)


def grouped(number) -> str:
    """A whole number with Vietnamese grouping: 1234567 → "1.234.567" ("—" when missing)."""
    if number is None or number == "":
        return MISSING
    return vn_number(int(number), 0)


def vnd(amount) -> str:
    """An amount in whole đồng: 1234567 → "1.234.567 ₫" ("—" when missing)."""
    if amount is None or amount == "":
        return MISSING
    return grouped(amount) + " ₫"


def fixed_decimal(value, places: int = 2) -> str:
    """A figure with exactly ``places`` decimals, rounded half up: 41.666… → "41,67";
    1234.5 → "1.234,50" ("—" when missing)."""
    if value is None or value == "":
        return MISSING
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return _vietnamese(f"{number:,.{places}f}")


FILE_SIZE_UNITS = ("B", "KB", "MB", "GB", "TB")


def file_size(size) -> str:
    """A file size as Vietnamese pages write it: 69 → "69 B", 1229 → "1,2 KB", 5 MiB → "5 MB"
    (binary multiples, one decimal at most; unlike ``filesizeformat``, no "byte" in the vi catalogue)."""
    if size is None or size == "":
        return ""
    number = Decimal(int(size))
    unit = 0
    while number >= 1024 and unit < len(FILE_SIZE_UNITS) - 1:
        number /= 1024
        unit += 1
    return f"{vn_number(round(number, 1), 1)} {FILE_SIZE_UNITS[unit]}"
