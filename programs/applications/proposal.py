"""The proposed support: min(rate × eligible cost, cap, what is left of the yearly limit).

A pure function, so the rule is tested by a table and shown to people with its arithmetic.
"""

from dataclasses import asdict, dataclass
from decimal import ROUND_FLOOR, Decimal


@dataclass(frozen=True)
class Proposal:
    eligible_cost: int
    rate_percent: Decimal
    by_rate: int
    cap: int | None
    yearly_limit: int | None
    used_this_year: int
    remaining_limit: int | None
    amount: int
    binding: str  # "rate", "cap" or "limit": which term gave the amount

    def as_json(self) -> dict:
        data = asdict(self)
        data["rate_percent"] = str(self.rate_percent)
        return data


def compute_proposal(
    *, eligible_cost: int, rate_percent: Decimal, cap: int | None, yearly_limit: int | None, used_this_year: int = 0
) -> Proposal:
    """Support rounded down to the đồng; a missing cap or limit does not bind."""
    rate = Decimal(rate_percent)
    by_rate = int((Decimal(eligible_cost) * rate / 100).to_integral_value(rounding=ROUND_FLOOR))
    remaining = None if yearly_limit is None else max(0, yearly_limit - used_this_year)
    candidates = [("rate", by_rate)]
    if cap is not None:
        candidates.append(("cap", cap))
    if remaining is not None:
        candidates.append(("limit", remaining))
    binding, amount = min(candidates, key=lambda c: c[1])
    return Proposal(
        eligible_cost=eligible_cost,
        rate_percent=rate,
        by_rate=by_rate,
        cap=cap,
        yearly_limit=yearly_limit,
        used_this_year=used_this_year,
        remaining_limit=remaining,
        amount=max(0, amount),
        binding=binding,
    )
