"""Budget by funding source: what was proposed, appraised, approved, reserved and disbursed."""

from dataclasses import dataclass, field

from ..models import BudgetEstimate, FundingSource, Plan


@dataclass
class BudgetRow:
    source: FundingSource | None
    year: int | None
    proposed: int = 0
    appraised: int = 0
    approved: int = 0
    reserved: int = 0
    disbursed: int = 0
    status: str = ""
    estimate: BudgetEstimate | None = None

    @property
    def remaining(self) -> int:
        return self.approved - self.reserved

    @property
    def disbursed_percent(self) -> int:
        """Share of the approved amount already disbursed (0-100), for progress bars."""
        return round(self.disbursed * 100 / self.approved) if self.approved else 0

    def add(self, other: "BudgetRow") -> None:
        for name in ("proposed", "appraised", "approved", "reserved", "disbursed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class BudgetSummary:
    rows: list[BudgetRow]  # one per (source, year), ordered by source then year
    by_source: list[BudgetRow] = field(default_factory=list)  # one per source, years summed
    by_year: list[BudgetRow] = field(default_factory=list)  # one per year, sources summed
    totals: BudgetRow = field(default_factory=lambda: BudgetRow(source=None, year=None))


def budget_by_source(*, plan: Plan, year_from: int | None = None, year_to: int | None = None) -> BudgetSummary:
    """Every estimate of ``plan`` in the span as rows, with totals per source, per year and overall (1 query)."""
    year_from = year_from or plan.start_year
    year_to = year_to or plan.end_year
    estimates = (
        BudgetEstimate.objects.filter(plan=plan, year__gte=year_from, year__lte=year_to)
        .select_related("source")
        .order_by("source__code", "year")
    )
    summary = BudgetSummary(rows=[])
    per_source: dict[int, BudgetRow] = {}
    per_year: dict[int, BudgetRow] = {}
    for e in estimates:
        row = BudgetRow(
            source=e.source,
            year=e.year,
            proposed=e.proposed_amount,
            appraised=e.appraised_amount or 0,
            approved=e.approved_amount,
            reserved=e.reserved_amount,
            disbursed=e.disbursed_amount,
            status=e.status,
            estimate=e,
        )
        summary.rows.append(row)
        per_source.setdefault(e.source_id, BudgetRow(source=e.source, year=None)).add(row)
        per_year.setdefault(e.year, BudgetRow(source=None, year=e.year)).add(row)
        summary.totals.add(row)
    summary.by_source = list(per_source.values())
    summary.by_year = [per_year[y] for y in sorted(per_year)]
    return summary
