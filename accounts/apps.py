from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from .demo import register_seeder, seed_accounts
        from .models import Role
        from .navigation import NavItem, register_nav

        register_seeder(10, "accounts", seed_accounts)
        register_nav(NavItem(_("My home"), "accounts:home", roles=tuple(Role.values), order=1))
        register_nav(NavItem(_("Audit log"), "accounts:audit_log", roles=(Role.ADMIN, Role.LEADER), order=90))
        register_nav(NavItem(_("Administration"), "admin:index", roles=(Role.STAFF, Role.ADMIN), order=95))

        from .reference import grant_reference_permissions

        post_migrate.connect(grant_reference_permissions, dispatch_uid="accounts.grant_reference_permissions")
