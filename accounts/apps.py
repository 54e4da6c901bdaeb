from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _grant_staff_reference_permissions(sender=None, using="default", **kwargs) -> None:
    from core.reference import grant_reference_permissions

    from .models import Role

    grant_reference_permissions(group_name=Role.STAFF, using=using)


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from core.demo import register_seeder
        from core.navigation import NavItem, register_nav

        from .demo import seed_accounts
        from .permissions import ROLES

        register_seeder(10, "accounts", seed_accounts)
        register_nav(NavItem(_("My home"), "accounts:home", roles=ROLES["home"], order=1))
        register_nav(NavItem(_("Audit log"), "accounts:audit_log", roles=ROLES["audit_log"], order=90))
        register_nav(NavItem(_("Administration"), "admin:index", roles=ROLES["admin_site"], order=95))
        post_migrate.connect(_grant_staff_reference_permissions, dispatch_uid="accounts.grant_reference_permissions")

        from allauth.mfa.signals import authenticator_added
        from django.contrib.auth.signals import user_logged_in

        from .sessions import note_sign_in, record_totp_activation

        user_logged_in.connect(note_sign_in, dispatch_uid="accounts.note_sign_in")
        authenticator_added.connect(record_totp_activation, dispatch_uid="accounts.record_totp_activation")
