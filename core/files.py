"""Downloads of stored files: through the storage API only (the file system or an S3-compatible
object store alike, never by path), and only from views that have checked permissions; with the
type we detected and stored (never one guessed from a user's file name) and a safe name
(``core.downloads.content_disposition``: RFC 6266 ``filename*`` with an ASCII fallback)."""

import logging

from django.http import FileResponse, Http404

from .downloads import content_disposition

logger = logging.getLogger(__name__)


def stream_file(file, *, filename: str, content_type: str) -> FileResponse:
    """Stream ``file`` (a FieldFile) from its storage as an attachment called ``filename``;
    private and never cached. A file the storage no longer holds is a 404, and is logged."""
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        logger.error("Stored file %s is missing from %s", file.name, type(file.storage).__name__)
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename)
    response["Cache-Control"] = "private, no-store"
    return response
