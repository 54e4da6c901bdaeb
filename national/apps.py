from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalConfig(AppConfig):
    name = "national"
    verbose_name = _("National roll-up")

    def ready(self):
        from accounts.models import Role
        from core.navigation import NavItem, register_nav

        register_nav(NavItem(_("National roll-up"), "national:rollup", roles=(Role.NATIONAL,), order=10))
