"""Every file the portal sends gets a safe ``Content-Disposition`` from here (RFC 6266:
``filename*=UTF-8''…`` for the real name, an ASCII ``filename=`` fallback), the content type
we decided (never one guessed from a user's file name), and ``Cache-Control: private, no-store``.
Files built in memory (PDFs, workbooks) go out with ``bytes_download``; stored files are
streamed by ``core.files.stream_file``, which uses the same header."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from django.http import HttpResponse

from .text import unaccent

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f/\\]+")


def safe_filename(name: str, *, default: str = "tep") -> str:
    """The name without path parts or control characters (Unicode kept), at most 150 characters."""
    name = unicodedata.normalize("NFC", _CONTROL.sub("-", str(name or ""))).strip(" .-")
    return name[-150:] or default


def ascii_filename(name: str, *, default: str = "tep") -> str:
    """``Báo cáo tổng kết.xlsx`` → ``Bao-cao-tong-ket.xlsx``: for clients that ignore ``filename*``."""
    folded = _UNSAFE.sub("-", unaccent(safe_filename(name, default=default))).strip("-.")
    return folded or default


def content_disposition(filename: str, *, inline: bool = False) -> str:
    name = safe_filename(filename)
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_filename(name)}\"; filename*=UTF-8''{quote(name, safe='')}"


def _finish(response, filename: str, inline: bool):
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    response["Cache-Control"] = "private, no-store"
    return response


def bytes_download(data: bytes, *, filename: str, content_type: str, inline: bool = False) -> HttpResponse:
    """Send ``data`` built in memory (a PDF, a workbook)."""
    return _finish(HttpResponse(data, content_type=content_type), filename, inline)
