"""Django admin for programme reference data (funding sources, partner organisations) and a
read-mostly view of the plan structure; workflow statuses change only through the services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import AuditedAdmin

from .models import (
    Activity,
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


@admin.register(FundingSource)
class FundingSourceAdmin(AuditedAdmin):
    list_display = ("code", "name", "kind")
    search_fields = ("code", "name")


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(AuditedAdmin):
    list_display = ("name", "kind", "is_active")
    list_filter = ("kind", "is_active")
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
class PlanAdmin(AuditedAdmin, SimpleHistoryAdmin):
    list_display = ("__str__", "province_name", "start_year", "end_year", "status")
    inlines = [ObjectiveInline, TaskGroupInline]


@admin.register(Indicator)
class IndicatorAdmin(AuditedAdmin):
    list_display = ("code", "name", "kind", "target_min", "target_max", "measure", "measure_arg")
    list_select_related = ("objective__plan",)

    def is_locked(self, obj) -> bool:
        """An indicator with yearly targets or partner figures is part of the record."""
        return obj.annual_targets.exists() or obj.partner_figures.exists()


@admin.register(Task)
class TaskAdmin(AuditedAdmin):
    list_display = ("__str__", "group")
    list_select_related = ("group",)


@admin.register(BudgetEstimate)
class BudgetEstimateAdmin(AuditedAdmin, SimpleHistoryAdmin):
    """Read-only: estimates move through the services (propose, appraise, approve) only."""

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
class PartnerReportAdmin(AuditedAdmin):
    """Read-only: submit, approve, return and unlock go through the services."""

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
class ActivityAdmin(AuditedAdmin, SimpleHistoryAdmin):
    list_display = ("title", "plan", "date", "kind", "cost")
    list_filter = ("kind", "plan")
    search_fields = ("title",)


@admin.register(NewsPost)
class NewsPostAdmin(AuditedAdmin):
    list_display = ("title", "is_published", "published_at")
