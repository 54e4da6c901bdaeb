from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "enterprises"
    verbose_name = _("Enterprises")

    def ready(self):
        from accounts.models import Role

        from .imports import register_enterprise_importer

        register_enterprise_importer()
        from .exports import register_enterprise_export

        register_enterprise_export()
        from core.demo import register_seeder
        from core.navigation import HomeSection, NavItem, register_home_section, register_nav
        from core.reference import register_reference_model

        from .demo import seed_enterprises
        from .home import home_context
        from .permissions import ROLES

        register_seeder(20, "enterprises", seed_enterprises)
        register_nav(NavItem(_("Enterprises"), "enterprises:list", roles=ROLES["enterprise_list"], order=20))
        register_nav(NavItem(_("My enterprise"), "enterprises:mine", roles=ROLES["enterprise_mine"], order=20))
        register_home_section(
            HomeSection("enterprises/home_section.html", home_context, roles=(Role.ENTERPRISE,), order=10)
        )
        for label in ("enterprises.administrativeunit", "enterprises.unitmapping", "enterprises.sector"):
            register_reference_model(label)
