from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from core import clock
from core.backup import backup_create


class Command(BaseCommand):
    help = (
        "Write the database and every stored file it refers to into one .tar.gz archive with a "
        "manifest of SHA-256 checksums (restore it with manage.py restore)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="The archive to write (default: var/backups/nangsuat-<date>-<time>.tar.gz).",
        )

    def handle(self, *args, output=None, **options):
        if not output:
            output = Path(settings.BASE_DIR) / "var" / "backups" / f"nangsuat-{clock.now():%Y%m%d-%H%M%S}.tar.gz"
        summary = backup_create(output=Path(output))
        for name in summary.missing:
            self.stderr.write(f"missing from storage, not in the archive: {name}")
        self.stdout.write(
            self.style.SUCCESS(f"Backup written to {summary.archive}: {summary.objects} rows, {summary.files} files.")
        )
