"""Reads of the dated money ledger: sums up to a cut-off, per estimate and per application."""

from django.db.models import IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from .models import LedgerEntry, LedgerKind


def entries_until(*, cutoff, as_of=None):
    """Ledger rows dated on or before ``cutoff`` (and recorded by ``as_of`` when given)."""
    entries = LedgerEntry.objects.filter(date__lte=cutoff)
    if as_of is not None:
        entries = entries.filter(recorded_at__lte=as_of)
    return entries


def estimate_totals(*, estimate_ids, cutoff, as_of=None) -> dict[int, dict[str, int]]:
    """{estimate id: {"reserved": reservations − releases, "disbursed": payments}} up to the cut-off (1 query)."""
    rows = (
        entries_until(cutoff=cutoff, as_of=as_of)
        .filter(estimate_id__in=estimate_ids)
        .values("estimate_id", "kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    totals: dict[int, dict[str, int]] = {}
    for row in rows:
        sums = totals.setdefault(row["estimate_id"], {"reserved": 0, "disbursed": 0})
        if row["kind"] == LedgerKind.RESERVATION:
            sums["reserved"] += row["total"]
        elif row["kind"] == LedgerKind.RELEASE:
            sums["reserved"] -= row["total"]
        else:
            sums["disbursed"] += row["total"]
    return totals


def _sum_of(kind: str, *, cutoff, as_of):
    rows = (
        entries_until(cutoff=cutoff, as_of=as_of)
        .filter(application=OuterRef("pk"), kind=kind)
        .order_by()
        .values("application")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def with_money(applications, *, cutoff, as_of=None):
    """Annotate ``approved_to_date`` (reserved at budget approval) and ``paid_to_date`` (payments),
    both up to the cut-off, on a queryset of applications."""
    return applications.annotate(
        approved_to_date=_sum_of(LedgerKind.RESERVATION, cutoff=cutoff, as_of=as_of),
        paid_to_date=_sum_of(LedgerKind.PAYMENT, cutoff=cutoff, as_of=as_of),
    )
