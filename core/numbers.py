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
