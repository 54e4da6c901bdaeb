"""Reference codes NSCL-2025-0042: one counter row per (prefix, year), taken under a row lock, so
concurrent submissions get consecutive codes without gaps (a rolled-back submission rolls the
counter back too)."""

from django.conf import settings

from ..models import ReferenceCounter


def reference_code_issue(*, year: int) -> str:
    """Issue the next code for ``year``; call inside the submitting transaction."""
    prefix = settings.APPLICATION_CODE_PREFIX
    ReferenceCounter.objects.bulk_create([ReferenceCounter(prefix=prefix, year=year)], ignore_conflicts=True)
    counter = ReferenceCounter.objects.select_for_update().get(prefix=prefix, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{prefix}-{year}-{counter.last_number:04d}"
