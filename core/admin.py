"""Every change made in the Django admin is an audit event, and locked or financial records
cannot be deleted there. Every ModelAdmin of the project uses ``AuditedAdmin`` (a test walks the
admin site to make sure)."""

from django.contrib import admin

from .audit import audit_record


class AuditedAdmin(admin.ModelAdmin):
    """Audits additions, changes (with the fields changed), deletions and inline edits; refuses to
    delete any object ``is_locked`` says is locked (override it per model)."""

    def is_locked(self, obj) -> bool:
        """Whether ``obj`` is a locked or financial record, which the admin must never delete."""
        return False

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self.is_locked(obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        """Locked objects among those selected are shown as protected: nothing is deleted."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        protected = [*protected, *(str(obj) for obj in objs if self.is_locked(obj))]
        return deleted, counts, perms_needed, protected

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _audit(request, "changed" if change else "added", obj, fields=sorted(form.changed_data))

    def delete_model(self, request, obj):
        _audit(request, "deleted", obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            _audit(request, "deleted", obj)
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        doomed = [
            f.instance
            for f in formset.initial_forms
            if formset.can_delete and f.cleaned_data.get("DELETE") and f.instance.pk is not None
        ]
        for obj in doomed:
            _audit(request, "deleted", obj, parent=str(form.instance))
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            _audit(request, "added", obj, parent=str(form.instance))
        for obj, fields in formset.changed_objects:
            _audit(request, "changed", obj, parent=str(form.instance), fields=sorted(fields))


def _audit(request, verb: str, obj, **data) -> None:
    audit_record(actor=request.user, action=f"admin.{obj._meta.label_lower}.{verb}", obj=obj, **data)
