"""Background jobs: work a user starts and waits for (imports; exports later), run by Celery with a
time limit, with status, progress and a JSON result that the starting page polls.

Higher apps register a handler per kind in ``AppConfig.ready()``::

    register_job("import", run_import)        # handler(job, progress) -> result dict

``job_start`` writes the job and the outbox promise in one transaction; the ``core.run_job`` task
claims the job (queued → running, one conditional UPDATE, so a redelivered message runs nothing
twice) and stores the result or the error. A job whose worker died is failed by ``jobs_sweep``.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import clock
from .models import BackgroundJob, JobStatus
from .outbox import outbox_task

logger = logging.getLogger(__name__)

JOB_SOFT_TIME_LIMIT = 4 * 60
JOB_TIME_LIMIT = 5 * 60
Handler = Callable[[BackgroundJob, Callable[[int], None]], dict]
_handlers: dict[str, Handler] = {}


def register_job(kind: str, handler: Handler) -> None:
    _handlers[kind] = handler


@transaction.atomic
def job_start(*, kind: str, owner, params: dict) -> BackgroundJob:
    """Create a queued job and promise its run (after commit)."""
    if kind not in _handlers:
        raise ValueError(f"No handler for jobs of kind {kind!r}")
    job = BackgroundJob.objects.create(kind=kind, owner=owner, params=params)
    outbox_task("core.run_job", job_id=str(job.pk))
    return job


def job_for(*, user, pk) -> BackgroundJob:
    """A job of ``user`` (BackgroundJob.DoesNotExist for anyone else's, or a malformed id)."""
    try:
        return BackgroundJob.objects.get(pk=pk, owner=user)
    except (ValueError, TypeError, ValidationError):
        raise BackgroundJob.DoesNotExist from None


def job_progress(job_id, percent: int) -> None:
    BackgroundJob.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(progress=max(1, min(99, int(percent))))


def job_run(*, job_id) -> str:
    """Run a queued job once: claim it, call its handler, keep the result (or the error)."""
    claimed = BackgroundJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=clock.now(), progress=1
    )
    if not claimed:
        return "skipped"
    job = BackgroundJob.objects.select_related("owner").get(pk=job_id)
    try:
        result = _handlers[job.kind](job, lambda percent: job_progress(job.pk, percent))
    except Exception as exc:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        job_fail(job_id=job.pk, error=_job_error_message(exc))
        return "failed"
    BackgroundJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
        status=JobStatus.SUCCEEDED, progress=100, result=result, finished_at=clock.now()
    )
    return "succeeded"


def _job_error_message(exc: Exception) -> str:
    from celery.exceptions import SoftTimeLimitExceeded

    if isinstance(exc, SoftTimeLimitExceeded):
        return _("The work took longer than %(minutes)s minutes and was stopped. Split it into smaller parts.") % {
            "minutes": JOB_SOFT_TIME_LIMIT // 60
        }
    return _("The work could not be completed because of an internal error; it has been logged.")


def job_fail(*, job_id, error: str) -> None:
    BackgroundJob.objects.filter(pk=job_id, status__in=(JobStatus.QUEUED, JobStatus.RUNNING)).update(
        status=JobStatus.FAILED, error=error, finished_at=clock.now()
    )


def jobs_sweep() -> int:
    """Fail the running jobs whose worker died (running longer than the hard time limit)."""
    cutoff = clock.now() - datetime.timedelta(seconds=JOB_TIME_LIMIT + 60)
    return BackgroundJob.objects.filter(status=JobStatus.RUNNING, started_at__lt=cutoff).update(
        status=JobStatus.FAILED,
        error=_("The work was interrupted. Start it again."),
        finished_at=clock.now(),
    )


def job_or_404(*, user, pk) -> BackgroundJob:
    """The user's own job, or 404 (anyone else's job does not exist for them)."""
    from django.http import Http404

    try:
        return job_for(user=user, pk=pk)
    except BackgroundJob.DoesNotExist:
        raise Http404 from None
