"""Small shared steps of the programs services."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model

from accounts.models import User
from core.audit import audit_record


def ensure(allowed: bool) -> None:
    """Refuse the action (PermissionDenied) unless ``allowed``."""
    if not allowed:
        raise PermissionDenied


def save_audited[M: Model](instance: M, *, actor: User, action: str, **data: Any) -> M:
    """full_clean, save and audit ``instance`` (``action`` gets ``.create`` or ``.update``)."""
    created = instance.pk is None
    instance.full_clean()
    instance.save()
    audit_record(actor=actor, action=f"{action}.{'create' if created else 'update'}", obj=instance, **data)
    return instance
