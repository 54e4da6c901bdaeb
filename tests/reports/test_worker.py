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
