"""Generated data at province or national scale (``manage.py generate_scale``), for benchmarks.

Per agency: a 2021-2025 plan with the demo plan's objectives, indicators and tasks; one scheme
per support item; approved estimates per year and funding source; enterprises with valid tax
codes in the agency's own communes; applications across every status with their events, ledger
rows and disbursements; courses with two sessions, participants, enrolments and attendance.
Everything an agency's records point to belongs to that agency. The same seed gives the same
rows. Written through ``core.scale.bulk`` (COPY on PostgreSQL), in one transaction; a second run
is refused while generated agencies exist.
"""

import datetime
import random
import time
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from programs.models import Agency

from .bulk import BulkWriter
from .setup import CODE_PREFIX, agency_code, make_frame


@dataclass(frozen=True)
class Sizes:
    enterprises: int
    applications: int
    courses: int
    participants: int
    enrolments: int

    def times(self, factor: int) -> "Sizes":
        return Sizes(*(value * factor for value in vars(self).values()))


SCALES = {
    "tiny": (2, Sizes(enterprises=30, applications=60, courses=4, participants=40, enrolments=100)),
    "province": (1, Sizes(enterprises=10_000, applications=15_000, courses=1_000, participants=35_000, enrolments=100_000)),
    "national": (34, Sizes(enterprises=10_000, applications=15_000, courses=1_000, participants=35_000, enrolments=100_000)),
}  # fmt: skip
# Rows carry this moment where the schema wants "now" (auto_now fields): the same seed, the same rows.
MOMENT = datetime.datetime(2026, 11, 30, 17, 0, tzinfo=datetime.UTC)


class AlreadyGenerated(Exception):
    pass


def generated_agencies():
    return Agency.objects.filter(code__startswith=CODE_PREFIX)


def generate(
    *, scale: str, agencies: int | None = None, seed: int = 1322, factor: int = 1, first: int = 1, log=print
) -> dict:
    """Generate ``agencies`` agencies of ``scale`` (its default count when None), numbered from
    ``first``; returns the rows written per model and the seconds taken. Refuses when any of
    those agencies exists."""
    default_count, sizes = SCALES[scale]
    count = agencies or default_count
    sizes = sizes.times(factor)
    numbers = range(first, first + count)
    codes = [agency_code(number) for number in numbers]
    existing = list(generated_agencies().filter(code__in=codes).order_by("code").values_list("code", flat=True)[:3])
    if existing:
        raise AlreadyGenerated(
            _("Generated data are already in this database (agencies %(codes)s…): nothing was added.")
            % {"codes": ", ".join(existing)}
        )
    from enterprises.reference_data import DATA_DIR, sectors_import

    started = time.perf_counter()
    writer = BulkWriter(moment=MOMENT)
    with transaction.atomic():
        sectors_import(source=DATA_DIR / "vsic2018.csv")
        for number in numbers:
            _agency(writer, number, sizes, random.Random(f"{seed}-{number}"))
            log(f"agency {number} ({number - first + 1}/{count}): {time.perf_counter() - started:.1f} s")
    seconds = time.perf_counter() - started
    facts_started = time.perf_counter()
    _after_bulk_write(codes)
    facts_seconds = time.perf_counter() - facts_started
    log(f"statistics and facts: {facts_seconds:.1f} s")
    return {
        "seconds": round(seconds, 1),
        "facts_seconds": round(facts_seconds, 1),
        "agencies": count,
        "rows": dict(writer.written),
    }


def _after_bulk_write(codes: list[str]) -> None:
    """What the rows written without signals need: the participants' agencies, fresh planner
    statistics (PostgreSQL), the generated plans' yearly facts (as the nightly rebuild would build them) and new cached blocks."""
    from django.db import connection

    from core.sectioncache import public_sections_changed
    from facts.build import rebuild_plan
    from programs.models import Plan, link_enterprises_to_agencies
    from training.models import link_participants_to_agencies

    link_participants_to_agencies()
    link_enterprises_to_agencies()

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # VACUUM (outside a transaction only) also spares the measurements an autovacuum run.
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
    for plan in Plan.objects.filter(agency__code__in=codes).order_by("pk"):
        rebuild_plan(plan)
    public_sections_changed()


def _agency(writer: BulkWriter, number: int, sizes: Sizes, rng: random.Random) -> None:
    from .applications import write_applications
    from .enterprises import write_enterprises, write_representatives
    from .training import write_courses, write_participants

    frame = make_frame(number)
    enterprise_ids = write_enterprises(writer, frame, sizes.enterprises, rng)
    owner = write_representatives(writer, frame, enterprise_ids)
    write_applications(writer, frame, sizes.applications, enterprise_ids, owner, rng)
    participant_ids = write_participants(writer, frame, sizes.participants, enterprise_ids, rng)
    write_courses(writer, frame, sizes.courses, sizes.enrolments, participant_ids, rng)
