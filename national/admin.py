from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from core.admin import AuditedAdmin

from .models import ApiToken, NationalTarget
from .tokens import token_issue, token_revoke


@admin.register(NationalTarget)
class NationalTargetAdmin(AuditedAdmin):
    list_display = ("name", "measure", "measure_arg", "kind", "year", "target_low", "target_high", "unit")
    ordering = ("order", "code")


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    """Issue (the key is shown once, in the message after saving) and revoke; never edit a key.
    Issue and revocation are audited by the services (``national.tokens``)."""

    list_display = ("name", "prefix", "created_at", "last_used_at", "revoked_at")
    fields = ("name",)
    actions = ["revoke"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        token, key = token_issue(name=obj.name, actor=request.user)
        obj.pk = token.pk
        obj.__dict__.update(token.__dict__)
        messages.warning(request, _("The key of this token (shown only now): %(key)s") % {"key": key})

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        for token in queryset:
            token_revoke(token=token, actor=request.user, reason="admin")
        messages.success(request, _("Tokens revoked."))
