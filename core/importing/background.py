"""Imports as background jobs: the registry of importers, starting a dry run or a commit, and the job handler."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..numbers import file_size
from .importer import SpreadsheetImporter
from .results import ImportReport


# --- Imports as background jobs ------------------------------------------------------------------
@dataclass(frozen=True)
class ImporterSpec:
    """How a background job builds an app's importer from JSON options, and commits its file."""

    build: Callable[[dict], SpreadsheetImporter]
    commit: Callable[..., ImportReport]  # (*, source, actor, options, progress) -> ImportReport


_importers: dict[str, ImporterSpec] = {}


JOB_KIND = "import"


def register_importer(key: str, *, build, commit) -> None:
    """Apps register their importer in ``AppConfig.ready()`` under a key (e.g. "enterprises")."""
    _importers[key] = ImporterSpec(build=build, commit=commit)


def import_start(*, key: str, owner, upload, options: dict):
    """Keep the upload privately and start its dry run as a background job (returned)."""
    from django.core.files.storage import default_storage

    from ..jobs import job_start

    max_bytes = getattr(settings, "MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": file_size(upload.size), "limit": file_size(max_bytes)}
        )
    name = default_storage.save(f"imports/{key}/{uuid.uuid4().hex}.xlsx", upload)
    return job_start(kind=JOB_KIND, owner=owner, params={"key": key, "file": name, "options": options})


@transaction.atomic
def import_commit_start(*, dry_run, owner):
    """Commit the file of a successful dry run of ``owner`` as a new background job (once)."""
    from django.core.files.storage import default_storage

    from ..jobs import job_start
    from ..models import BackgroundJob, JobStatus

    job = BackgroundJob.objects.select_for_update().get(pk=dry_run.pk)
    report = ImportReport.from_json(job.result) if job.status == JobStatus.SUCCEEDED else None
    if (
        job.kind != JOB_KIND
        or job.owner_id != owner.pk
        or job.params.get("commit")
        or job.params.get("committed_by")
        or report is None
        or not (report.ok and report.changes)
        or not default_storage.exists(job.params["file"])
    ):
        raise ValidationError(_("Upload the file again: the dry run has expired."))
    commit = job_start(kind=JOB_KIND, owner=owner, params={**job.params, "commit": True, "dry_run": str(job.pk)})
    job.params = {**job.params, "committed_by": str(commit.pk)}
    job.save(update_fields=["params"])
    return commit


def run_import_job(job, progress) -> dict:
    """The ``import`` job handler: a dry run, or the commit of a checked file; the report as JSON."""
    from django.core.files.storage import default_storage

    spec = _importers[job.params["key"]]
    options, name, commit = job.params.get("options", {}), job.params["file"], job.params.get("commit", False)
    with default_storage.open(name, "rb") as handle:
        if commit:
            report = spec.commit(source=handle, actor=job.owner, options=options, progress=progress)
        else:
            importer = spec.build(options)
            importer.progress = progress
            report = importer.dry_run(handle)
    if commit or not (report.ok and report.changes):
        default_storage.delete(name)  # nothing more will be done with it
    return report.as_json()


def import_page_context(job) -> dict:
    """What an import page shows for ``job`` (None: no job yet): its state, and its report when done."""
    from ..models import JobStatus

    report = ImportReport.from_json(job.result) if job is not None and job.status == JobStatus.SUCCEEDED else None
    return {"job": job, "report": report}
