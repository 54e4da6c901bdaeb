from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from core.demo import seeders


class Command(BaseCommand):
    help = "Load the Quảng Nam 2021-2025 demo data and the demo accounts (idempotent; DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo creates accounts with a public password: it runs only with DEBUG on.")
        # The seeders go through the real services, which notify people; the demo mailbox stays empty.
        with override_settings(MAILERS={"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}):
            for _order, name, seeder in seeders():
                with transaction.atomic():
                    seeder()
                self.stdout.write(f"seeded {name}")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
