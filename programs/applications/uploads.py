"""Checks on uploaded files: type by content (libmagic), not by name; size limit; not empty."""

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

ALLOWED_TYPES = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
}
SNIFF_BYTES = 64 * 1024


def sniff_content_type(uploaded) -> str:
    """The MIME type libmagic reads from the first bytes of the file."""
    uploaded.seek(0)
    head = uploaded.read(SNIFF_BYTES)
    uploaded.seek(0)
    return magic.from_buffer(head, mime=True)


def validate_upload(uploaded) -> str:
    """Return the file's real content type, or raise a ValidationError people can act on."""
    name = getattr(uploaded, "name", "") or ""
    if not uploaded.size:
        raise ValidationError(_("The file “%(name)s” is empty.") % {"name": name}, code="empty")
    if uploaded.size > settings.MAX_UPLOAD_SIZE:
        raise ValidationError(
            _("The file “%(name)s” is %(size)s; files may be at most %(limit)s.")
            % {"name": name, "size": filesizeformat(uploaded.size), "limit": filesizeformat(settings.MAX_UPLOAD_SIZE)},
            code="too_large",
        )
    content_type = sniff_content_type(uploaded)
    if content_type not in ALLOWED_TYPES:
        raise ValidationError(
            _("The file “%(name)s” is not a PDF, image, Word or Excel document (its content is %(type)s).")
            % {"name": name, "type": content_type},
            code="bad_type",
        )
    return content_type
