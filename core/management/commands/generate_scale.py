"""``manage.py generate_scale --scale province|national|tiny [--agencies N] [--seed S] [--factor F]``:
generated agencies with their plans and records at scale, for benchmarks (``core.scale``)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.scale import SCALES, AlreadyGenerated, generate


class Command(BaseCommand):
    help = "Generate agencies with plans, enterprises, applications and training at province or national scale."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="province")
        parser.add_argument("--agencies", type=int, default=None, help="How many agencies (default: 1, national: 34).")
        parser.add_argument("--seed", type=int, default=1322, help="The same seed gives the same rows.")
        parser.add_argument("--factor", type=int, default=1, help="Multiply every size per agency (10: ten times).")

    def handle(self, *args, scale, agencies, seed, factor, **options):
        if agencies is not None and not 1 <= agencies <= 99:
            raise CommandError(_("The number of agencies must be between 1 and 99."))
        if factor < 1:
            raise CommandError(_("The size factor must be at least 1."))
        log = (lambda line: self.stdout.write(line)) if options["verbosity"] else (lambda line: None)
        try:
            result = generate(scale=scale, agencies=agencies, seed=seed, factor=factor, log=log)
        except AlreadyGenerated as exc:
            raise CommandError(str(exc)) from None
        for label, rows in sorted(result["rows"].items()):
            log(f"{label}: {rows}")
        log(
            f"{result['agencies']} agencies in {result['seconds']} s (then {result['facts_seconds']} s for their facts)"
        )
