"""Reference codes NSCL-DNG-2026-0042: the agency's prefix, the year and a number. One counter row
per (prefix, year), taken under a row lock, so concurrent submissions get consecutive codes without
gaps (a rolled-back submission rolls the counter back too). Prefixes are unique per agency, so
codes are unique across agencies."""

from ..models import ReferenceCounter


def reference_code_issue(*, prefix: str, year: int) -> str:
    """Issue the next code of ``prefix`` for ``year``; call inside the submitting transaction."""
    ReferenceCounter.objects.bulk_create([ReferenceCounter(prefix=prefix, year=year)], ignore_conflicts=True)
    counter = ReferenceCounter.objects.select_for_update().get(prefix=prefix, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{prefix}-{year}-{counter.last_number:04d}"
