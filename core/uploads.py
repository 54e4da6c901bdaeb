"""One upload validator for the whole portal (application documents, activity attachments,
partner evidence).

- The type is read from the content (libmagic), never from the name; only PDF, JPEG, PNG, Word
  and Excel are accepted. A zip is an Office file only if its parts say so (``word/document.xml``,
  ``xl/workbook.xml``), and its uncompressed size and entry count are bounded (zip bombs).
- PDFs that carry JavaScript or launch actions are refused (also when hidden in compressed
  object streams or behind ``#xx`` name escapes); so are files that also parse as HTML, SVG or
  script (polyglots).
- Files are stored under a random name with the extension of the detected type (never the
  client's), and served as attachments with the detected type (``content_type_of_stored``).
"""

from __future__ import annotations

import re
import uuid
import zipfile
import zlib

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .numbers import file_size

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ALLOWED_TYPES = {
    PDF: ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "application/msword": ".doc",
    DOCX: ".docx",
    "application/vnd.ms-excel": ".xls",
    XLSX: ".xlsx",
}
TYPE_OF_EXTENSION = {extension: content_type for content_type, extension in ALLOWED_TYPES.items()}
SNIFF_BYTES = 64 * 1024
MAX_ZIP_ENTRIES = 2_000
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_PDF_INFLATED = 200 * 1024 * 1024
_OFFICE_PARTS = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}
_MARKUP = re.compile(rb"<\s*(script|html|svg|body|iframe)\b|<!doctype\s+html|<\?xml-stylesheet", re.IGNORECASE)
_PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|RichMedia)\b")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM = re.compile(rb"stream\r?\n")


def validate_upload(uploaded) -> str:
    """Return the file's real content type, or raise a ValidationError people can act on."""
    name = getattr(uploaded, "name", "") or ""
    if not uploaded.size:
        raise ValidationError(_("The file “%(name)s” is empty.") % {"name": name}, code="empty")
    if uploaded.size > settings.MAX_UPLOAD_SIZE:
        raise ValidationError(
            _("The file “%(name)s” is %(size)s; files may be at most %(limit)s.")
            % {"name": name, "size": file_size(uploaded.size), "limit": file_size(settings.MAX_UPLOAD_SIZE)},
            code="too_large",
        )
    uploaded.seek(0)
    head = uploaded.read(SNIFF_BYTES)
    uploaded.seek(0)
    content_type = magic.from_buffer(head, mime=True)
    if content_type in ("application/zip", DOCX, XLSX):
        content_type = _office_type(uploaded, name)
    if content_type not in ALLOWED_TYPES:
        raise ValidationError(
            _("The file “%(name)s” is not a PDF, image, Word or Excel document (its content is %(type)s).")
            % {"name": name, "type": content_type},
            code="bad_type",
        )
    if content_type not in _OFFICE_PARTS and _MARKUP.search(_read_all(uploaded)[: 1024 * 1024]):
        raise ValidationError(
            _("The file “%(name)s” also contains web page or script code; save it again as a plain document.")
            % {"name": name},
            code="polyglot",
        )
    if content_type == PDF and _pdf_is_active(_read_all(uploaded)):
        raise ValidationError(
            _(
                "The PDF “%(name)s” contains JavaScript or actions that start programs, which are not accepted. "
                "Print it again to PDF (or save it as PDF/A) and upload that file."
            )
            % {"name": name},
            code="pdf_javascript",
        )
    return content_type


def random_name(content_type: str) -> str:
    """A random stored name with the extension of the detected type (the original name is kept apart)."""
    return uuid.uuid4().hex + ALLOWED_TYPES[content_type]


def content_type_of_stored(name: str) -> str:
    """The type a stored file is served with, from the extension we gave it (never guessed)."""
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return TYPE_OF_EXTENSION.get(extension, "application/octet-stream")


def _read_all(uploaded) -> bytes:
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    return data


def _office_type(uploaded, name: str) -> str:
    """DOCX or XLSX when the zip's parts say so (bounded in size and entries); else the zip's type."""
    try:
        with zipfile.ZipFile(uploaded) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_UNCOMPRESSED:
                raise ValidationError(
                    _("The file “%(name)s” unpacks to more than %(limit)s; it is refused.")
                    % {"name": name, "limit": file_size(MAX_UNCOMPRESSED)},
                    code="zip_bomb",
                )
            names = {e.filename for e in entries}
    except zipfile.BadZipFile:
        return "application/zip"
    finally:
        uploaded.seek(0)
    if "[Content_Types].xml" not in names:
        return "application/zip"
    for content_type, part in _OFFICE_PARTS.items():
        if part in names:
            return content_type
    return "application/zip"


def _pdf_is_active(data: bytes) -> bool:
    """Whether the PDF names JavaScript or a launch action, in its body or in a compressed stream."""

    def active(chunk: bytes) -> bool:
        return bool(_PDF_ACTIVE.search(_PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), chunk)))

    if active(data):
        return True
    budget = MAX_PDF_INFLATED
    for match in _PDF_STREAM.finditer(data):
        end = data.find(b"endstream", match.end())
        if end < 0:
            break
        inflater = zlib.decompressobj()
        try:
            inflated = inflater.decompress(data[match.end() : end], budget)
        except zlib.error:
            continue  # not a Flate stream (an image, say)
        budget -= len(inflated)
        if active(inflated):
            return True
        if budget <= 0:
            return True  # a PDF that inflates past the budget is not a document we accept
    return False
