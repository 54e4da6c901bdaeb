"""Django admin for programme reference data (funding sources, partner organisations) and a
read-mostly view of the plan structure; workflow statuses change only through the services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import AuditedAdmin

from .admin_scoping import AgencyScopedAdmin
from .models import (
    Activity,
    Agency,
    AgencyArea,
    BudgetEstimate,
    FundingSource,
    Indicator,
    NewsPost,
    Objective,
    PartnerOrganisation,
    PartnerReport,
    PartnerReportStatus,
    Plan,
    Task,
    TaskGroup,
)


class AgencyAreaInline(admin.TabularInline):
    model = AgencyArea
    extra = 0
    autocomplete_fields = ("unit",)


@admin.register(Agency)
class AgencyAdmin(AuditedAdmin):
    """Agencies: printed names, area over time, code prefix, reporting rule and internal users."""

    list_display = ("name", "code_prefix", "place_name", "predecessor", "valid_from", "valid_to")
    search_fields = ("name", "code", "code_prefix")
    filter_horizontal = ("members",)
    inlines = [AgencyAreaInline]


@admin.register(FundingSource)
class FundingSourceAdmin(AuditedAdmin):
    list_display = ("code", "name", "kind")
    search_fields = ("code", "name")


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(AgencyScopedAdmin):
    list_display = ("name", "agency", "kind", "is_active")
    list_filter = ("agency", "kind", "is_active")
    search_fields = ("name",)
    filter_horizontal = ("users",)


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0
    can_delete = False  # an objective carries indicators and their figures


class TaskGroupInline(admin.TabularInline):
    model = TaskGroup
    extra = 0
    can_delete = False  # a task group carries tasks and activities


@admin.register(Plan)
class PlanAdmin(AgencyScopedAdmin, admin.ModelAdmin):
    list_display = ("__str__", "agency", "start_year", "end_year", "status")
    readonly_fields = ("status",)
    inlines = [ObjectiveInline, TaskGroupInline]


@admin.register(Indicator)
class IndicatorAdmin(AgencyScopedAdmin):
    agency_lookup = "objective__plan__agency"
    list_display = ("code", "name", "kind", "target_min", "target_max", "measure", "measure_arg")
    list_select_related = ("objective__plan",)
    filter_horizontal = ("reported_by",)

    def is_locked(self, obj) -> bool:
        """An indicator with yearly targets or partner figures is part of the record."""
        return obj.annual_targets.exists() or obj.partner_figures.exists()


@admin.register(Task)
class TaskAdmin(AgencyScopedAdmin):
    agency_lookup = "group__plan__agency"
    list_display = ("__str__", "group")
    list_select_related = ("group",)


@admin.register(BudgetEstimate)
class BudgetEstimateAdmin(AgencyScopedAdmin, admin.ModelAdmin):
    """Read-only: estimates move through the services (propose, appraise, approve) only."""

    agency_lookup = "plan__agency"

    list_display = ("plan", "year", "source", "status", "proposed_amount", "approved_amount", "reserved_amount")
    list_filter = ("year", "source", "status")
    list_select_related = ("plan", "source")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PartnerReport)
class PartnerReportAdmin(AgencyScopedAdmin):
    """Read-only: submit, approve, return and unlock go through the services."""

    agency_lookup = "plan__agency"

    list_display = ("organisation", "plan", "year", "status")
    list_filter = ("status", "year")
    list_select_related = ("organisation", "plan")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def is_locked(self, obj) -> bool:
        """Submitted, approved (locked period) or returned reports are part of the record."""
        return obj.status != PartnerReportStatus.DRAFT


@admin.register(Activity)
class ActivityAdmin(AgencyScopedAdmin, SimpleHistoryAdmin):
    agency_lookup = "plan__agency"
    list_display = ("title", "plan", "date", "kind", "cost")
    list_filter = ("kind", "plan")
    search_fields = ("title",)


@admin.register(NewsPost)
class NewsPostAdmin(AgencyScopedAdmin):
    list_display = ("title", "is_published", "published_at")
