"""Staff request this year's annual report of the plan in force, watch it progress, download both
files (the demo's five-year summary of the closed plan is already finalised)."""

import re

import pytest

from accounts.models import User
from nangsuat.celery import app as celery_app
from reports.models import ReportRun, ReportStatus
from reports.tasks import build_report
from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def queued_builds():
    """Requests are queued for a worker instead of built in-process, so the page shows them waiting."""
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = True


def test_staff_request_the_annual_report_watch_it_and_download_both_files(sign_in, demo, queued_builds, tmp_path):
    from programs.demo import next_plan

    plan = next_plan()
    pg = sign_in(User.objects.get(email="staff@demo.vn"))
    pg.goto("/reports/")
    assert_accessible(pg)
    pg.get_by_role("link", name="Yêu cầu lập báo cáo").click()
    pg.wait_for_url("**/reports/new/")
    assert_accessible(pg)
    pg.select_option("select[name=plan]", str(plan.pk))
    pg.select_option("select[name=kind]", "annual")
    pg.fill("input[name=year]", "2026")
    pg.get_by_role("button", name="Yêu cầu lập báo cáo").click()
    pg.wait_for_url(re.compile(r".*/reports/\d+/$"))

    run = ReportRun.objects.get(plan=plan)
    assert (run.plan_id, run.kind, str(run.data_from), str(run.data_to)) == (
        plan.pk,
        "annual",
        "2025-12-15",
        "2026-12-14",
    )
    status = pg.locator("#report-status")
    assert status.get_attribute("data-status") == ReportStatus.QUEUED
    assert status.get_attribute("data-hx-trigger") == "every 2s"
    assert pg.locator("#report-status .progress").count() == 1
    assert_accessible(pg)
    pg.evaluate("window.__notReloaded = true")

    # A worker picks the job up; the page follows it by polling, without a reload.
    assert build_report.apply(kwargs={"run_id": run.pk}).get() == "built"
    pg.wait_for_selector('#report-status[data-status="succeeded"]', timeout=20000)
    assert pg.evaluate("window.__notReloaded") is True
    assert pg.locator("#report-status").get_attribute("data-hx-trigger") is None

    assert_accessible(pg)  # the swapped-in fragment with the files

    for label, suffix, magic in (("Tải tệp PDF", ".pdf", b"%PDF-"), ("Tải tệp Excel (XLSX)", ".xlsx", b"PK")):
        with pg.expect_download() as info:
            pg.get_by_role("link", name=label).click()
        download = info.value
        assert download.suggested_filename.endswith(suffix)
        target = tmp_path / download.suggested_filename
        download.save_as(target)
        assert target.read_bytes().startswith(magic)


def test_the_report_list_follows_a_build_to_its_download_links_without_a_reload(
    sign_in, make_user, queued_builds, django_capture_on_commit_callbacks
):
    from reports.models import ReportKind
    from reports.services import report_request
    from tests.reports.factories import PlanFactory

    staff = make_user("staff", email="chuyenvien@test.vn")
    with django_capture_on_commit_callbacks(execute=True):
        run, _created = report_request(plan=PlanFactory(), kind=ReportKind.ANNUAL, year=2022, actor=staff)
    pg = sign_in(staff)
    pg.goto("/reports/")
    cell = pg.locator(f"#run-status-{run.pk}")
    assert cell.get_attribute("data-status") == ReportStatus.QUEUED
    assert cell.get_attribute("data-hx-trigger") == "every 3s"
    assert cell.get_by_role("link").count() == 0
    pg.evaluate("window.__notReloaded = true")

    assert build_report.apply(kwargs={"run_id": run.pk}).get() == "built"
    pg.wait_for_selector(f'#run-status-{run.pk}[data-status="succeeded"]', timeout=20000)
    assert pg.evaluate("window.__notReloaded") is True
    cell = pg.locator(f"#run-status-{run.pk}")
    assert cell.get_attribute("data-hx-trigger") is None
    hrefs = [a.get_attribute("href") for a in cell.get_by_role("link").all()]
    assert hrefs == [f"/reports/{run.pk}/download/pdf/", f"/reports/{run.pk}/download/xlsx/"]
