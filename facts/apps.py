from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FactsConfig(AppConfig):
    name = "facts"
    verbose_name = _("Yearly facts")

    def ready(self):
        from programs.measures import register_fact_reader

        from . import changes
        from .reader import plan_fact_reader

        register_fact_reader(plan_fact_reader)
        changes.connect()
