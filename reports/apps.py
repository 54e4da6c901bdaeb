from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from accounts.navigation import NavItem, register_nav

        from .permissions import READ_ROLES

        register_nav(NavItem(_("Reports"), "reports:list", roles=READ_ROLES, order=60))
