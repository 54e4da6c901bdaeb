"""Exports as background jobs: the user asks, a Celery worker builds the file with progress, and
only the user who asked downloads it (anyone else's job is a 404).

An app registers a builder per kind in ``AppConfig.ready()``::

    register_export("enterprises.export", build)   # build(job, progress, handle) -> (filename, rows)

``export_start`` queues the job; the worker calls ``build`` with a temporary binary file to write,
keeps the file privately in the default storage under ``exports/<job id>/`` and records its name,
download name, type and row count as the job's result. ``job_page`` follows the job (HTMX polling)
and ``job_download`` streams the file to its owner.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable

from django.core.files import File

from .downloads import safe_filename
from .jobs import job_start, register_job

Builder = Callable[..., tuple[str, int]]
_content_types: dict[str, str] = {}


def register_export(kind: str, build: Builder, *, content_type: str) -> None:
    """``build(job, progress, handle)`` writes the file to ``handle`` and returns (file name, rows)."""

    def handler(job, progress) -> dict:
        from django.core.files.storage import default_storage

        with tempfile.TemporaryFile() as handle:
            filename, rows = build(job, progress, handle)
            handle.seek(0)
            name = default_storage.save(f"exports/{job.pk}/{safe_filename(filename)}", File(handle))
        return {"file": name, "filename": filename, "content_type": content_type, "rows": rows}

    _content_types[kind] = content_type
    register_job(kind, handler)


def is_export(job) -> bool:
    return job.kind in _content_types


def export_start(*, kind: str, owner, params: dict):
    """Queue the export ``kind`` for ``owner`` (the job; built after commit)."""
    if kind not in _content_types:
        raise ValueError(f"No export of kind {kind!r}")
    return job_start(kind=kind, owner=owner, params=params)
