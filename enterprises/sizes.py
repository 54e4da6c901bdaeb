"""Size classes of Decree 80/2021/NĐ-CP art. 5 (same thresholds as Decree 39/2018).

A class applies when employees with social insurance are within its limit AND (revenue OR total
capital is within its limit). Pure functions, no database.
"""

from .models import SectorGroup, SizeClass

BILLION = 1_000_000_000

# (class, max employees, max revenue, max capital), smallest class first.
THRESHOLDS: dict[str, tuple[tuple[str, int, int, int], ...]] = {
    SectorGroup.INDUSTRY: (
        (SizeClass.MICRO, 10, 3 * BILLION, 3 * BILLION),
        (SizeClass.SMALL, 100, 50 * BILLION, 20 * BILLION),
        (SizeClass.MEDIUM, 200, 200 * BILLION, 100 * BILLION),
    ),
    SectorGroup.SERVICES: (
        (SizeClass.MICRO, 10, 10 * BILLION, 3 * BILLION),
        (SizeClass.SMALL, 50, 100 * BILLION, 50 * BILLION),
        (SizeClass.MEDIUM, 100, 300 * BILLION, 100 * BILLION),
    ),
}


def size_class_for(group: str | None, employees: int | None, revenue: int | None, capital: int | None) -> str:
    """The size class for these inputs; '' when the group or employees are unknown, or both
    revenue and capital are; ``large`` above the medium limits."""
    if group not in THRESHOLDS or employees is None or (revenue is None and capital is None):
        return ""
    for size, max_staff, max_revenue, max_capital in THRESHOLDS[group]:
        within_money = (revenue is not None and revenue <= max_revenue) or (
            capital is not None and capital <= max_capital
        )
        if employees <= max_staff and within_money:
            return size
    return SizeClass.LARGE
