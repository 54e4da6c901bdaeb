from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "enterprises"
    verbose_name = _("Enterprises")

    def ready(self):
        from django.db import connections
        from django.db.backends.signals import connection_created

        from accounts.demo import register_seeder
        from accounts.models import Role
        from accounts.navigation import HomeSection, NavItem, register_home_section, register_nav
        from accounts.reference import register_reference_model

        from .demo import seed_enterprises
        from .home import home_context
        from .text import register_sqlite_unaccent

        connection_created.connect(register_sqlite_unaccent, dispatch_uid="enterprises.sqlite_unaccent")
        for connection in connections.all(initialized_only=True):
            if connection.vendor == "sqlite" and connection.connection is not None:
                register_sqlite_unaccent(connection=connection)

        register_seeder(20, "enterprises", seed_enterprises)
        register_nav(
            NavItem(_("Enterprises"), "enterprises:list", roles=(Role.STAFF, Role.ADMIN, Role.LEADER), order=20)
        )
        register_nav(NavItem(_("My enterprise"), "enterprises:mine", roles=(Role.ENTERPRISE,), order=20))
        register_home_section(
            HomeSection("enterprises/home_section.html", home_context, roles=(Role.ENTERPRISE,), order=10)
        )
        for label in ("enterprises.administrativeunit", "enterprises.unitmapping", "enterprises.sector"):
            register_reference_model(label)
