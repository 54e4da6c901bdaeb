"""The audit trail: every service that changes something that matters writes one event here."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEvent


def audit_record(*, actor, action: str, obj: models.Model | None = None, reason: str = "", **data) -> AuditEvent:
    """Append an audit event for ``obj``; ``data`` must be JSON-serialisable."""
    event = audit_event(actor=actor, action=action, obj=obj, reason=reason, **data)
    event.save()
    return event


def audit_record_many(events: list[AuditEvent]) -> list[AuditEvent]:
    """Append several events built by ``audit_event`` in one insert."""
    return AuditEvent.objects.bulk_create(events)


def audit_event(*, actor, action: str, obj: models.Model | None = None, reason: str = "", **data) -> AuditEvent:
    """An unsaved audit event (``audit_record`` saves one; ``audit_record_many`` several at once)."""
    return AuditEvent(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        reason=reason,
        data=data,
    )


def audit_events_for(obj: models.Model):
    """Audit events about ``obj``, newest first, with their actors."""
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor")
