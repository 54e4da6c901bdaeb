"""Budget by funding source: what was proposed, appraised, approved, reserved and disbursed.

With a ``cutoff`` (dashboards, reports) the amounts are as of that day: an estimate's approved
amount counts from its approval day, reserved and disbursed are sums of the dated ledger
(``programs.ledger``). Without one (the finance pages) they are the live running totals.
"""

import datetime
from dataclasses import dataclass, field

from ..ledger import ledger_totals
from ..models import BudgetEstimate, EstimateStatus, FundingSource, Plan


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


def _approved_by(estimate: BudgetEstimate, cutoff: datetime.date | None) -> int:
    if cutoff is None:
        return estimate.approved_amount
    if estimate.status != EstimateStatus.APPROVED:
        return 0
    # An estimate approved before approval days were recorded counts from the start.
    return estimate.approved_amount if estimate.approved_on is None or estimate.approved_on <= cutoff else 0


def budget_by_source(
    *,
    plan: Plan,
    year_from: int | None = None,
    year_to: int | None = None,
    cutoff: datetime.date | None = None,
    as_of: datetime.datetime | None = None,
) -> BudgetSummary:
    """Every estimate of ``plan`` for the budget years ``year_from``-``year_to`` as rows, with totals per
    source, per year and overall; as of ``cutoff`` when given (2 queries), else live (1 query)."""
    year_from = year_from or plan.start_year
    year_to = year_to or plan.end_year
    estimates = list(
        BudgetEstimate.objects.filter(plan=plan, year__gte=year_from, year__lte=year_to)
        .select_related("source")
        .order_by("source__code", "year")
    )
    ledger = {} if cutoff is None else ledger_totals(estimate_ids=[e.pk for e in estimates], cutoff=cutoff, as_of=as_of)
    summary = BudgetSummary(rows=[])
    per_source: dict[int, BudgetRow] = {}
    per_year: dict[int, BudgetRow] = {}
    for e in estimates:
        if cutoff is None:
            reserved, disbursed = e.reserved_amount, e.disbursed_amount
        else:
            sums = ledger.get(e.pk, {})
            reserved, disbursed = sums.get("reserved", 0), sums.get("disbursed", 0)
        row = BudgetRow(
            source=e.source,
            year=e.year,
            proposed=e.proposed_amount,
            appraised=e.appraised_amount or 0,
            approved=_approved_by(e, cutoff),
            reserved=reserved,
            disbursed=disbursed,
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
