from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _home_context(request) -> dict:
    from .selectors import home_reports

    return home_reports(user=request.user)


def _final_report_finalised(plan) -> list[str]:
    """A plan closes only once its five-year summary (its whole period) is finalised."""
    from django.utils.translation import gettext

    from .selectors import final_report

    if final_report(plan=plan) is not None:
        return []
    return [gettext("The plan's five-year summary must be finalised by a leader before the plan is closed.")]


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from core.demo import register_seeder
        from core.navigation import HomeSection, NavItem, register_home_section, register_nav
        from programs.lifecycle import register_close_check

        from .demo import seed_final_report
        from .permissions import ROLES

        register_close_check(_final_report_finalised)
        register_seeder(60, "reports", seed_final_report)
        register_nav(NavItem(_("Reports"), "reports:list", roles=ROLES["report_list"], order=60))
        register_home_section(
            HomeSection("reports/home_section.html", _home_context, roles=ROLES["report_list"], order=60)
        )
