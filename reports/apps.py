from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _home_context(request) -> dict:
    from .selectors import home_reports

    return home_reports(user=request.user)


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from core.navigation import HomeSection, NavItem, register_home_section, register_nav

        from .permissions import READ_ROLES

        register_nav(NavItem(_("Reports"), "reports:list", roles=READ_ROLES, order=60))
        register_home_section(HomeSection("reports/home_section.html", _home_context, roles=READ_ROLES, order=60))
