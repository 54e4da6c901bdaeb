import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from enterprises.services import reference_data_load, unit_mappings_import, units_import


class Command(BaseCommand):
    help = (
        "Load administrative units. Without arguments: the shipped fixtures (VSIC 2018, Quảng Nam "
        "2021-2025, Đà Nẵng from 1 Jul 2025, the mappings). With a CSV (code,name,level,parent_code,kind"
        "[,valid_from,valid_to,basis_from,basis_to]): a later official list. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv", nargs="?", help="an official unit list (CSV, UTF-8)")
        parser.add_argument("--valid-from", help="yyyy-mm-dd: start of rows that have no valid_from")
        parser.add_argument("--basis", default="", help="legal basis of those rows")
        parser.add_argument("--mapping", help="CSV old_code,new_code[,note] effective on --valid-from")

    def handle(self, *args, **options):
        try:
            if not options["csv"]:
                for name, counts in reference_data_load().items():
                    self.stdout.write(f"{name}: {counts}")
                return
            start = datetime.date.fromisoformat(options["valid_from"]) if options["valid_from"] else None
            self.stdout.write(str(units_import(source=options["csv"], valid_from=start, basis_from=options["basis"])))
            if options["mapping"]:
                if start is None:
                    raise CommandError("--mapping needs --valid-from")
                self.stdout.write(f"mappings: {unit_mappings_import(source=options['mapping'], effective_on=start)}")
        except (ValidationError, OSError, KeyError, ValueError) as error:
            raise CommandError(str(error)) from error
