from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current TOTP code of the demo accounts (development only)."

    def handle(self, *args, **options):
        import time

        if not settings.DEBUG:
            raise CommandError("demo_totp is for development only (DEBUG on).")
        period = 30
        counter = int(time.time()) // period
        self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)))
