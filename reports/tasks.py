import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext as _

from . import services

logger = logging.getLogger(__name__)

# Errors worth another try: the database or the storage went away for a moment.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


@shared_task(
    bind=True,
    name="reports.build_report",
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
    # The broker's visibility timeout and the stale-run reclaim are one minute past the hard
    # limit: a build still running is never taken over, a dead one is within minutes.
    soft_time_limit=settings.REPORTS_BUILD_TIME_LIMIT - 30,
    time_limit=settings.REPORTS_BUILD_TIME_LIMIT,
    max_retries=3,
)
def build_report(self, *, run_id: int) -> str:
    """Build the run's XLSX and PDF. Idempotent: only the worker that claims the run (queued →
    running, or its own redelivered message after a crash) builds; everyone else returns."""
    token = self.request.id or f"local-{run_id}"
    try:
        return services.report_build(run_id=run_id, token=token)
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            services.report_fail(run_id=run_id, token=token, error=str(exc) or exc.__class__.__name__)
            return "failed"
        logger.warning("Report %s: transient error, retrying: %s", run_id, exc)
        services.report_requeue_after_error(run_id=run_id, token=token, error=str(exc))
        raise self.retry(exc=exc, countdown=10 * (self.request.retries + 1)) from exc
    except SoftTimeLimitExceeded:
        services.report_fail(run_id=run_id, token=token, error=_("The report took too long to build."))
        return "failed"
    except Exception as exc:  # noqa: BLE001 - any other error fails the run with its reason
        logger.exception("Report %s failed", run_id)
        services.report_fail(run_id=run_id, token=token, error=f"{exc.__class__.__name__}: {exc}")
        return "failed"


@shared_task(name="reports.create_due_reports", ignore_result=True, soft_time_limit=4 * 60, time_limit=5 * 60)
def create_due_reports() -> int:
    """Daily: create the draft annual reports that are due, and re-queue lost builds."""
    return len(services.reports_create_due())


@shared_task(name="reports.requeue_stale", ignore_result=True, soft_time_limit=50, time_limit=60)
def requeue_stale() -> int:
    """Every minute: queue again the builds whose worker died (heartbeat older than the limit)."""
    return services.report_requeue_stale()
