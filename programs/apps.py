from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Programmes")

    def ready(self):
        from . import checks, wiring  # noqa: F401  (checks registers the system check)

        wiring.register_all()
