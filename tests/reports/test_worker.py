"""A real Celery worker on Redis and PostgreSQL builds reports (skipped without them)."""

import os
import signal
import subprocess
import time

import pytest

from reports.models import ReportKind, ReportRun, ReportStatus
from reports.services import report_request

pytestmark = pytest.mark.worker


@pytest.fixture
def worker_media(settings, monkeypatch):
    """The worker process writes report files where this test reads them."""
    monkeypatch.setenv("MEDIA_ROOT", str(settings.MEDIA_ROOT))
    return settings.MEDIA_ROOT


def wait_for(run, statuses, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.status in statuses:
            return run
        time.sleep(0.05)
    raise AssertionError(f"run {run.pk} still {run.status} ({run.progress} %) after {timeout}s")


def stored_files(media_root):
    return sorted(p.name for p in media_root.rglob("*") if p.is_file())


def test_a_real_worker_builds_the_report_once_for_two_requests(worker_media, celery_worker_process, report_data, users):
    run, created = report_request(plan=report_data.plan, kind=ReportKind.FIVE_YEAR, actor=users["staff"])
    again, created_again = report_request(plan=report_data.plan, kind=ReportKind.FIVE_YEAR, actor=users["staff"])
    assert (created, created_again) == (True, False)
    assert again.pk == run.pk
    assert again.status in (ReportStatus.QUEUED, ReportStatus.RUNNING)

    wait_for(run, {ReportStatus.SUCCEEDED, ReportStatus.FAILED})
    assert run.status == ReportStatus.SUCCEEDED, run.error
    assert run.attempts == 1
    assert ReportRun.objects.count() == 1
    files = stored_files(worker_media)
    assert len(files) == 2
    assert {name.rsplit(".", 1)[1] for name in files} == {"pdf", "xlsx"}
    with run.pdf_file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert run.figures["support"]["total"] == report_data.support["total"]


def pool_children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False).stdout
    return [int(line) for line in out.split()]


def test_a_worker_killed_mid_run_is_redelivered_and_the_report_finishes(
    worker_media, celery_worker_process, report_data, users
):
    run, _created = report_request(plan=report_data.plan, kind=ReportKind.FIVE_YEAR, actor=users["staff"])
    wait_for(run, {ReportStatus.RUNNING, ReportStatus.SUCCEEDED})
    if run.status == ReportStatus.SUCCEEDED:
        pytest.skip("the build finished before the worker could be killed")
    children = pool_children(celery_worker_process.pid)
    assert children
    for child in children:
        os.kill(child, signal.SIGKILL)  # the pool process dies mid-run; the message is rejected, requeued
    wait_for(run, {ReportStatus.SUCCEEDED, ReportStatus.FAILED}, timeout=180)
    assert run.status == ReportStatus.SUCCEEDED, run.error
    assert run.attempts == 2  # the redelivered message reclaimed its own run
    assert len(stored_files(worker_media)) == 2


def test_a_whole_worker_killed_during_a_build_is_rebuilt_within_ten_minutes_exactly_once(
    worker_media, celery_worker_process, report_data, users, settings
):
    """The worker (parent and pool) dies mid-build, so nothing requeues its message: the minute
    beat finds the silent run once its heartbeat is older than the build's time limit and queues
    it again; a new worker builds it once; the dead worker's message, redelivered later, does nothing."""
    import datetime

    import psycopg2
    from django.db import connection

    from core import clock
    from core.models import AuditEvent
    from core.outbox import outbox_deliver
    from nangsuat.celery import app as celery_app
    from reports import services
    from tests.conftest import spawn_worker, stop_process

    beat = settings.CELERY_BEAT_SCHEDULE["reports-requeue-stale"]["schedule"]
    assert beat <= datetime.timedelta(minutes=1)
    assert services.stale_after() + beat <= datetime.timedelta(minutes=9)  # + the build itself < 10 min

    db = connection.settings_dict
    blocker = psycopg2.connect(dbname=db["NAME"], user=db["USER"], host=db["HOST"] or "127.0.0.1", port=db["PORT"])
    try:
        with blocker.cursor() as cursor:  # the build will wait here, half done
            cursor.execute("LOCK TABLE training_enrolment IN ACCESS EXCLUSIVE MODE")
        run, _created = report_request(plan=report_data.plan, kind=ReportKind.FIVE_YEAR, actor=users["staff"])
        wait_for(run, {ReportStatus.RUNNING})
        time.sleep(0.5)
        os.killpg(celery_worker_process.pid, signal.SIGKILL)  # the whole worker, parent and pool
        celery_worker_process.wait(timeout=10)
    finally:
        blocker.rollback()
        blocker.close()
    run.refresh_from_db()
    assert run.status == ReportStatus.RUNNING
    dead_token, heartbeat = run.claim_token, run.heartbeat_at

    with clock.frozen(heartbeat + datetime.timedelta(minutes=1)):
        assert services.report_requeue_stale() == 0  # a build may still be running: not taken over
    reclaim_at = heartbeat + services.stale_after() + beat
    with clock.frozen(reclaim_at):
        assert services.report_requeue_stale() == 1
        assert services.report_requeue_stale() == 0
        assert outbox_deliver() == 1  # what the worker's beat would publish
    run.refresh_from_db()
    assert run.status == ReportStatus.QUEUED

    replacement = spawn_worker(queue=celery_app.conf.task_default_queue)
    try:
        wait_for(run, {ReportStatus.SUCCEEDED, ReportStatus.FAILED}, timeout=180)
    finally:
        stop_process(replacement)
    assert run.status == ReportStatus.SUCCEEDED, run.error
    assert run.attempts == 2
    assert AuditEvent.objects.filter(action="reports.succeeded", object_id=str(run.pk)).count() == 1
    assert len(stored_files(worker_media)) == 2
    # The dead worker's message comes back after the visibility timeout: it builds nothing.
    assert services.report_build(run_id=run.pk, token=dead_token) == "skipped"
    run.refresh_from_db()
    assert (run.status, run.attempts) == (ReportStatus.SUCCEEDED, 2)
