from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin import AuditedAdmin
from core.labels import action_choices, action_label, reason_label
from core.models import AuditEvent

from .models import User
from .services import user_roles_changed_in_admin


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin, SimpleHistoryAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("full_name", "phone", "organisation")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    filter_horizontal = ("groups",)

    def save_related(self, request, form, formsets, change):
        before = set(form.instance.groups.values_list("name", flat=True)) if change else set()
        super().save_related(request, form, formsets, change)
        user_roles_changed_in_admin(user=form.instance, before=before, actor=request.user)


class ActionFilter(admin.SimpleListFilter):
    """The actions by their labels, not their codes."""

    title = _("action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return action_choices()

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditEvent)
class AuditEventAdmin(AuditedAdmin):
    list_display = ["created_at", "actor", "action_text", "object_repr", "reason_text"]
    list_filter = [ActionFilter]
    search_fields = ["object_repr", "reason", "actor__email"]

    @admin.display(description=_("action"), ordering="action")
    def action_text(self, event):
        return action_label(event.action)

    @admin.display(description=_("reason"))
    def reason_text(self, event):
        return reason_label(event.reason)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
