import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

CATALOGUE_DIRS = [
    "locale",
    "core/locale",
    "accounts/locale",
    "accounts/locale_allauth",
    "core/locale_packages",
    "enterprises/locale",
    "programs/locale",
    "programs/applications/locale",
    "training/locale",
    "reports/locale",
    "facts/locale",
    "national/locale",
]


class Command(BaseCommand):
    help = "Fail when a Vietnamese catalogue has untranslated or fuzzy entries."

    def handle(self, *args, **options):
        problems = []
        found = 0
        for folder in CATALOGUE_DIRS:
            po = Path(settings.BASE_DIR) / folder / "vi" / "LC_MESSAGES" / "django.po"
            if not po.exists():
                continue
            found += 1
            for flag, label in (("--untranslated", "untranslated"), ("--only-fuzzy", "fuzzy")):
                out = subprocess.run(  # noqa: S603
                    ["msgattrib", flag, "--no-obsolete", str(po)],  # noqa: S607
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                ids = [line[7:-1] for line in out.splitlines() if line.startswith('msgid "') and line != 'msgid ""']
                problems += [f"{po.relative_to(settings.BASE_DIR)}: {label}: {i}" for i in ids]
        if not found:
            raise CommandError("No Vietnamese catalogue found.")
        if problems:
            raise CommandError("Incomplete Vietnamese catalogue:\n" + "\n".join(problems))
        self.stdout.write(self.style.SUCCESS(f"{found} Vietnamese catalogues complete."))
