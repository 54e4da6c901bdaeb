"""Staff keep the catalogue, schemes and policy versions here; applications are read-only (their
status changes only through the services)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import AuditedAdmin
from programs.admin_scoping import AgencyScopedAdmin

from .models import (
    ApplicationEvent,
    Disbursement,
    LedgerEntry,
    PolicyVersion,
    RequiredDocument,
    Standard,
    SupportApplication,
    SupportItem,
    SupportScheme,
)


@admin.register(Standard)
class StandardAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "order"]
    list_editable = ["order"]
    search_fields = ["code", "name"]


@admin.register(SupportItem)
class SupportItemAdmin(AuditedAdmin):
    list_display = ["code", "name", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["code", "name"]
    filter_horizontal = ["standards"]


class PolicyVersionInline(admin.TabularInline):
    model = PolicyVersion
    extra = 0
    fields = ["effective_from", "effective_to", "rate_percent", "cap_amount", "yearly_limit", "eligible_size_classes"]
    show_change_link = True


@admin.register(SupportScheme)
class SupportSchemeAdmin(AgencyScopedAdmin, SimpleHistoryAdmin):
    agency_lookup = "plan__agency"
    list_display = ["title", "item", "plan", "funding_source", "opens_on", "closes_on", "processing_days"]
    list_filter = ["item", "plan", "funding_source"]
    search_fields = ["title", "legal_basis"]
    inlines = [PolicyVersionInline]


class RequiredDocumentInline(admin.TabularInline):
    model = RequiredDocument
    extra = 1


@admin.register(PolicyVersion)
class PolicyVersionAdmin(AgencyScopedAdmin, SimpleHistoryAdmin):
    agency_lookup = "scheme__plan__agency"
    list_display = ["scheme", "effective_from", "effective_to", "rate_percent", "cap_amount", "yearly_limit"]
    list_filter = ["scheme"]
    inlines = [RequiredDocumentInline]


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "actor", "from_status", "to_status", "action", "comment", "visible_to_enterprise"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SupportApplication)
class SupportApplicationAdmin(AgencyScopedAdmin, admin.ModelAdmin):
    agency_lookup = "scheme__plan__agency"
    list_display = ["reference_code", "enterprise", "scheme", "status", "year", "approved_amount"]
    list_filter = ["status", "year", "scheme__item"]
    search_fields = ["reference_code", "enterprise__name", "enterprise__tax_code"]
    inlines = [EventInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Disbursement)
class DisbursementAdmin(AgencyScopedAdmin):
    agency_lookup = "application__scheme__plan__agency"
    list_display = ["application", "amount", "paid_on", "voucher", "recorded_by"]
    readonly_fields = ["application", "amount", "paid_on", "voucher", "note", "recorded_by", "recorded_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LedgerEntry)
class LedgerEntryAdmin(AgencyScopedAdmin):
    """The dated money ledger, read-only: entries are written by the services and never changed."""

    agency_lookup = "estimate__plan__agency"

    list_display = ["date", "kind", "amount", "application", "estimate", "recorded_at"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in LedgerEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
