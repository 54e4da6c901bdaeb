from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FactsConfig(AppConfig):
    name = "facts"
    verbose_name = _("Yearly facts")

    def ready(self):
        from core.demo import register_seeder
        from programs.measures import register_fact_reader, register_facts_version

        from . import changes
        from .reader import plan_fact_reader, plan_facts_version

        register_fact_reader(plan_fact_reader)
        register_facts_version(plan_facts_version)
        changes.connect()
        from .build import rebuild_all

        # Last: every plan's facts from the demo's rows (as the nightly rebuild would).
        register_seeder(99, "facts", rebuild_all)
