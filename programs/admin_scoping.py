"""Django admin for records an agency owns: staff (who keep reference data there) see and choose
only their agencies' records; superusers see everything. Every change is audited and locked
records cannot be deleted (``core.admin.AuditedAdmin``)."""

from django.contrib import admin

from core.admin import AuditedAdmin

from .agencies import member_agencies, scoped


class AgencyScopedAdmin(AuditedAdmin):
    """``agency_lookup`` leads from the model to its agency (``agency``, ``plan__agency``, ...)."""

    agency_lookup = "agency"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else scoped(queryset, request.user, self.agency_lookup)

    def get_list_filter(self, request):
        """Filters on related records list only those of the visible rows (no other agency's plan)."""
        filters = super().get_list_filter(request)
        if request.user.is_superuser:
            return filters
        related = {f.name for f in self.model._meta.get_fields() if f.is_relation and f.many_to_one}
        return [(f, admin.RelatedOnlyFieldListFilter) if f in related else f for f in filters]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            model = db_field.related_model
            if model._meta.label == "programs.Agency":
                kwargs["queryset"] = member_agencies(request.user)
            elif model._meta.label == "programs.Plan":
                kwargs["queryset"] = scoped(model.objects.all(), request.user)
            elif model._meta.label == "applications.SupportScheme":
                kwargs["queryset"] = scoped(model.objects.all(), request.user, "plan__agency")
            elif model._meta.label == "programs.Task":
                kwargs["queryset"] = scoped(model.objects.all(), request.user, "group__plan__agency")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
