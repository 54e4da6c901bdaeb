"""Money as of a cut-off. The dated ledger lives with the applications (a reservation, a release or
a payment belongs to an application); programs asks for its sums through this small registry, so
the budget tables of the dashboard and the reports never read the running totals.

The registered function answers ``totals(estimate_ids=[...], cutoff=date, as_of=datetime|None)``
with ``{estimate_id: {"reserved": int, "disbursed": int}}``: reservations minus releases, and
payments, dated on or before ``cutoff`` and recorded by ``as_of``.
"""

from collections.abc import Callable

_totals: Callable[..., dict[int, dict[str, int]]] | None = None


def register_ledger(totals: Callable[..., dict[int, dict[str, int]]]) -> None:
    global _totals
    _totals = totals


def ledger_totals(*, estimate_ids, cutoff, as_of=None) -> dict[int, dict[str, int]]:
    """The ledger's sums per estimate (empty when no ledger is installed: nothing was reserved)."""
    if _totals is None:
        return {}
    return _totals(estimate_ids=list(estimate_ids), cutoff=cutoff, as_of=as_of)
