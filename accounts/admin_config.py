from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """Django admin with the MFA-aware site of ``accounts.admin_site``, where every registered
    model is audited (``core.admin.AuditedAdmin``), also those of Django and allauth."""

    default_site = "accounts.admin_site.AdminSite"

    def ready(self):
        super().ready()  # autodiscovers every app's admin module
        from django.contrib import admin

        from core.admin import AuditedAdmin

        for model, model_admin in list(admin.site._registry.items()):
            if not isinstance(model_admin, AuditedAdmin):
                audited = type(type(model_admin).__name__, (AuditedAdmin, type(model_admin)), {})
                admin.site.unregister(model)
                admin.site.register(model, audited)
