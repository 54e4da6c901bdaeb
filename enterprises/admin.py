"""Django admin for reference data (units, mappings, sectors) and a read-only view of enterprises
and representatives: their changes go through the services (tax code, size class, audit)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import AuditedAdmin

from .models import AdministrativeUnit, Enterprise, Representative, Sector, UnitMapping


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(AuditedAdmin):
    list_display = ("code", "name", "level", "kind", "parent", "valid_from", "valid_to")
    list_filter = ("level", "kind")
    search_fields = ("code", "name")
    raw_id_fields = ("parent",)
    list_select_related = ("parent",)


@admin.register(UnitMapping)
class UnitMappingAdmin(AuditedAdmin):
    list_display = ("old_unit", "new_unit", "effective_on", "note")
    list_filter = ("effective_on",)
    search_fields = ("old_unit__code", "old_unit__name", "new_unit__code", "new_unit__name")
    raw_id_fields = ("old_unit", "new_unit")
    list_select_related = ("old_unit", "new_unit")


@admin.register(Sector)
class SectorAdmin(AuditedAdmin):
    list_display = ("code", "name", "level", "classification", "size_group")
    list_filter = ("classification", "level", "size_group")
    search_fields = ("code", "name")


class ReadOnlyAdmin(AuditedAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Enterprise)
class EnterpriseAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ("tax_code", "name", "size_class", "status", "is_model")
    list_filter = ("size_class", "status", "is_model")
    search_fields = ("tax_code", "name")
    list_select_related = ("unit", "sector")


@admin.register(Representative)
class RepresentativeAdmin(ReadOnlyAdmin):
    list_display = ("user", "enterprise", "status", "requested_at", "decided_at")
    list_filter = ("status",)
    search_fields = ("user__email", "enterprise__tax_code", "enterprise__name")
    list_select_related = ("user", "enterprise")
