"""Validation and storage of uploaded evidence: size, an allowed type sniffed from the content
(not the name), and a random stored name."""

import os
import uuid

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALLOWED_TYPES = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/msword": ".doc",
    "application/vnd.ms-excel": ".xls",
}


def validate_upload(upload) -> str:
    """Check size and sniffed type of ``upload``; return its content type (raises ValidationError)."""
    if upload.size > settings.MAX_UPLOAD_SIZE:
        raise ValidationError(
            _("The file is too large (at most %(size)s MB).") % {"size": settings.MAX_UPLOAD_SIZE // (1024 * 1024)}
        )
    head = upload.read(4096)
    upload.seek(0)
    content_type = magic.from_buffer(head, mime=True)
    if content_type == "application/zip" and os.path.splitext(upload.name)[1].lower() in (".docx", ".xlsx"):
        content_type = {
            ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }[os.path.splitext(upload.name)[1].lower()]
    if content_type not in ALLOWED_TYPES:
        raise ValidationError(_("This type of file is not accepted: use PDF, Word, Excel, JPEG or PNG."))
    return content_type


def random_name(content_type: str) -> str:
    """A random stored name with the extension of the sniffed type (the original name is kept apart)."""
    return uuid.uuid4().hex + ALLOWED_TYPES[content_type]
