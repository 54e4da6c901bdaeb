"""VND amounts as people read them: 1.234.567 ₫ (Vietnamese grouping, whatever the language)."""


def format_grouped(number: int | None) -> str:
    """A whole number with Vietnamese grouping: 1.234.567 ("—" for None)."""
    if number is None:
        return "—"
    return f"{int(number):,}".replace(",", ".")


def format_vnd(amount: int | None) -> str:
    if amount is None:
        return "—"
    return format_grouped(amount) + " ₫"


def format_decimal(value, places: int = 2) -> str:
    """A figure with Vietnamese separators and ``places`` decimals: 1.234,57 ("—" for None)."""
    if value is None or value == "":
        return "—"
    from decimal import ROUND_HALF_UP, Decimal

    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{number:,.{places}f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")
