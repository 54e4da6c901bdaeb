from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """Django admin with the MFA-aware site of ``accounts.admin_site``."""

    default_site = "accounts.admin_site.AdminSite"
