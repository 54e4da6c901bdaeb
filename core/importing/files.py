"""Opening the uploaded file: its size, a seekable handle, and the refusals of a file that cannot be read."""

from __future__ import annotations

import io

from defusedxml import DefusedXmlException
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from openpyxl import DEFUSEDXML


def XML_REFUSED() -> str:  # noqa: N802 - a message, translated when raised
    return _(
        "The workbook contains XML entity declarations (a DTD), which spreadsheets never need and which can "
        "be used to attack the server. Open it in Excel, save it again as .xlsx and upload that file."
    )


def DAMAGED() -> str:  # noqa: N802 - a message, translated when raised
    return _("This is not an Excel workbook (.xlsx) or it is damaged. Save the file as .xlsx and try again.")


def _refusal(exc: BaseException) -> str:
    """The message for a workbook openpyxl could not read: entities refused by defusedxml (openpyxl
    may wrap that error in its own ValueError), or a damaged file."""
    seen = exc
    while seen is not None:
        if isinstance(seen, DefusedXmlException):
            return XML_REFUSED()
        seen = seen.__cause__ or seen.__context__
    return DAMAGED()


class FileRefused(Exception):  # noqa: N818 - a refusal, not a programming error
    """The file as a whole cannot be imported; the message says why (translated)."""


if not DEFUSEDXML:  # openpyxl parses with defusedxml only when it is installed
    raise ImproperlyConfigured("defusedxml must be installed: spreadsheets are parsed with it.")

from . import openpyxl_speed  # noqa: E402, F401 - patches openpyxl's reader (after the defusedxml check)


def _size_of(source) -> int | None:
    size = getattr(source, "size", None)
    if size is not None:
        return size
    if isinstance(source, bytes | bytearray):
        return len(source)
    if hasattr(source, "seek") and hasattr(source, "tell"):
        position = source.tell()
        source.seek(0, io.SEEK_END)
        size = source.tell()
        source.seek(position)
        return size
    try:
        import os

        return os.path.getsize(source)
    except (TypeError, OSError):
        return None


def _open(source):
    """A seekable binary handle on ``source`` (bytes, path, uploaded or stored file)."""
    if isinstance(source, bytes | bytearray):
        return io.BytesIO(source)
    if hasattr(source, "read"):
        if hasattr(source, "open") and getattr(source, "closed", False):
            source.open("rb")
        source.seek(0)
        return source
    return open(source, "rb")  # noqa: SIM115 - closed by openpyxl's workbook.close()
