"""VND amounts as people read them: 1.234.567 ₫ (Vietnamese grouping, whatever the language)."""


def format_vnd(amount: int | None) -> str:
    if amount is None:
        return "—"
    return f"{int(amount):,}".replace(",", ".") + " ₫"
