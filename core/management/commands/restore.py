from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Replace every row of the database and put the stored files back from an archive made by "
        "manage.py backup, after checking every checksum. Stop the web, worker and beat first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz archive made by manage.py backup.")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="Do not ask for confirmation."
        )

    def handle(self, *args, archive, interactive=True, **options):
        if interactive:
            answer = input(
                f"This replaces every row of the database {connection.settings_dict['NAME']!s} and overwrites "
                f"the stored files the archive holds. Type 'yes' to continue: "
            )
            if answer != "yes":
                raise CommandError("Restore cancelled.")
        try:
            summary = backup_restore(archive=archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for name in summary.missing:
            self.stderr.write(f"was already missing when the backup was made: {name}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored from {summary.archive}: {summary.objects} rows, {summary.files} files (checksums verified)."
            )
        )
