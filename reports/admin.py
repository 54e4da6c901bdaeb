from django.contrib import admin

from programs.admin_scoping import AgencyScopedAdmin

from .models import ReportRun


@admin.register(ReportRun)
class ReportRunAdmin(AgencyScopedAdmin):
    """Read-only: runs change only through the services (status, files, finalisation)."""

    agency_lookup = "plan__agency"

    list_display = ("__str__", "plan", "kind", "version", "status", "progress", "requested_at")
    list_filter = ("kind", "status")
    readonly_fields = [f.name for f in ReportRun._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
