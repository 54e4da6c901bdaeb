from django.core.management.base import BaseCommand

from facts.build import rebuild_all


class Command(BaseCommand):
    help = "Rebuild every plan's yearly facts from the raw rows (what the nightly task does)."

    def handle(self, *args, **options):
        count = rebuild_all()
        self.stdout.write(f"Rebuilt the facts of {count} plan(s).")
