from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalConfig(AppConfig):
    name = "national"
    verbose_name = _("National roll-up")

    def ready(self):
        from core.navigation import NavItem, register_nav

        from .permissions import ROLES

        register_nav(NavItem(_("National roll-up"), "national:rollup", roles=ROLES["rollup"], order=10))
