from django.contrib import admin

from core.admin import AuditedAdmin
from programs.admin_scoping import AgencyScopedAdmin

from .models import Course, CourseKind, CourseSession, Participant


@admin.register(CourseKind)
class CourseKindAdmin(AuditedAdmin):
    list_display = ["code", "name", "measure_arg", "order"]
    list_editable = ["order"]


class SessionInline(admin.TabularInline):
    model = CourseSession
    extra = 0


@admin.register(Course)
class CourseAdmin(AgencyScopedAdmin, admin.ModelAdmin):
    """Read-mostly: status and enrolments change through the training pages' services."""

    list_display = ["title", "kind", "start_date", "end_date", "status", "capacity"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "organiser"]
    readonly_fields = ["status", "created_by"]
    inlines = [SessionInline]
    autocomplete_fields = []


@admin.register(Participant)
class ParticipantAdmin(AuditedAdmin):
    list_display = ["full_name", "birth_year", "email", "phone", "enterprise", "organisation"]
    search_fields = ["full_name", "email", "phone"]
    raw_id_fields = ["enterprise"]
