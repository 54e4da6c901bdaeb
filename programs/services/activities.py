"""Activities under the plan's tasks and their attachments."""

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from accounts.models import User
from core.audit import audit_record
from core.uploads import random_name, validate_upload

from ..models import Activity, ActivityAttachment
from .common import save_audited
from .plans import ensure_plan_editable


@transaction.atomic
def activity_save(*, activity: Activity, actor: User) -> Activity:
    """Create or update an activity (staff of the plan's agency); validated (task and date in the plan) and audited."""
    ensure_plan_editable(activity.plan, actor)
    if activity.pk is None:
        activity.created_by = actor
    return save_audited(activity, actor=actor, action="programs.activity", cost=activity.cost)


@transaction.atomic
def activity_attach(*, activity: Activity, upload: UploadedFile, actor: User) -> ActivityAttachment:
    """Validate ``upload`` (size, sniffed type) and store it under a random name; audited."""
    ensure_plan_editable(activity.plan, actor)
    content_type = validate_upload(upload)
    original = (upload.name or "file")[:255]
    attachment = ActivityAttachment(
        activity=activity, original_name=original, content_type=content_type, size=upload.size or 0
    )
    attachment.file.save(random_name(content_type), upload, save=False)
    attachment.save()
    audit_record(actor=actor, action="programs.activity.attach", obj=activity, file=original)
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: ActivityAttachment, actor: User) -> None:
    """Remove an attachment and its stored file (after commit); audited."""
    ensure_plan_editable(attachment.activity.plan, actor)
    storage, name = attachment.file.storage, attachment.file.name or ""
    audit_record(actor=actor, action="programs.activity.detach", obj=attachment.activity, file=attachment.original_name)
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
