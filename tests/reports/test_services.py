import datetime
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import AuditEvent
from core.numbers import vn_number
from programs.periods import report_periods
from reports.builders import AdHocReport, AnnualReport, FiveYearSummary, TwoYearReview
from reports.formatting import document_number, place_and_date
from reports.models import ReportKind, ReportRun, ReportStatus
from reports.services import (
    report_build,
    report_claim,
    report_finalise,
    report_request,
    report_retry,
    report_update,
)
from reports.tasks import build_report

from .conftest import COMPLETE
from .factories import PlanFactory, ReportRunFactory


def file_sha256(field) -> str:
    with field.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


@pytest.fixture
def request_built(report_data, users, django_capture_on_commit_callbacks):
    def run(**kwargs):
        kwargs.setdefault("kind", ReportKind.ANNUAL)
        kwargs.setdefault("year", 2022)
        with django_capture_on_commit_callbacks(execute=True):
            result, created = report_request(plan=report_data.plan, actor=users["staff"], **kwargs)
        result.refresh_from_db()
        return result, created

    return run


# --- Data periods and the Decree 30 formats ------------------------------------------------------
@pytest.mark.django_db
def test_each_kind_has_its_decree_09_data_period():
    plan = PlanFactory(start_year=2021, end_year=2025)
    assert AnnualReport.default_period(plan=plan, year=2024) == (
        datetime.date(2023, 12, 15),
        datetime.date(2024, 12, 14),
    )
    assert TwoYearReview.default_period(plan=plan) == (datetime.date(2020, 12, 15), datetime.date(2022, 12, 14))
    assert FiveYearSummary.default_period(plan=plan) == (datetime.date(2020, 12, 15), datetime.date(2025, 12, 14))
    start, _end = AdHocReport.default_period(plan=plan)
    assert start == datetime.date(2020, 12, 15)  # the plan's first day, not 1 January


@pytest.mark.django_db
def test_a_period_from_15_december_reports_on_the_next_year():
    plan = PlanFactory(start_year=2021, end_year=2025)

    def years(start, end):
        return [(y.year, y.range.start, y.range.end) for y in report_periods(plan, start, end).years]

    d = datetime.date
    assert [y for y, *_ in years(d(2020, 12, 15), d(2025, 12, 14))] == [2021, 2022, 2023, 2024, 2025]
    # A calendar period is cut into the data years it meets: 1-14 Dec 2021 is in 2021, 15-31 Dec in 2022.
    assert years(d(2021, 1, 1), d(2022, 12, 31)) == [
        (2021, d(2021, 1, 1), d(2021, 12, 14)),
        (2022, d(2021, 12, 15), d(2022, 12, 14)),
        (2023, d(2022, 12, 15), d(2022, 12, 31)),
    ]
    assert years(d(2024, 12, 16), d(2024, 12, 20)) == [(2025, d(2024, 12, 16), d(2024, 12, 20))]


def test_decree_30_dates_numbers_and_money():
    assert place_and_date("Quảng Nam", datetime.date(2024, 1, 5)) == "Quảng Nam, ngày 05 tháng 01 năm 2024"
    assert place_and_date("Quảng Nam", datetime.date(2024, 2, 28)) == "Quảng Nam, ngày 28 tháng 02 năm 2024"
    assert place_and_date("Đà Nẵng", datetime.date(2025, 3, 9)) == "Đà Nẵng, ngày 09 tháng 3 năm 2025"
    assert place_and_date("Đà Nẵng", datetime.date(2025, 12, 15)) == "Đà Nẵng, ngày 15 tháng 12 năm 2025"
    assert document_number("12/BC-SKHCN", "SKHCN") == "Số: 12/BC-SKHCN"
    assert document_number("", "SKHCN").endswith("/BC-SKHCN")
    assert vn_number(1234567) == "1.234.567"
    assert vn_number("53.33") == "53,33"
    assert vn_number("12.50") == "12,5"
    assert vn_number("-100", 1) == "-100"


# --- Requests: the same inputs give the same run -------------------------------------------------
def test_a_second_request_with_the_same_inputs_while_queued_returns_the_same_run(report_data, users):
    first, created = report_request(plan=report_data.plan, kind=ReportKind.ANNUAL, year=2022, actor=users["staff"])
    again, created_again = report_request(
        plan=report_data.plan,
        kind=ReportKind.ANNUAL,
        actor=users["staff"],
        data_from=datetime.date(2021, 12, 15),
        data_to=datetime.date(2022, 12, 14),
    )
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert ReportRun.objects.count() == 1
    assert first.status == ReportStatus.QUEUED
    assert (first.data_from, first.data_to) == (datetime.date(2021, 12, 15), datetime.date(2022, 12, 14))


def test_a_built_draft_is_returned_again_without_new_files(request_built):
    run, _created = request_built()
    assert run.status == ReportStatus.SUCCEEDED
    names = (run.xlsx_file.name, run.pdf_file.name)
    again, created = request_built()
    assert created is False
    assert again.pk == run.pk
    assert (again.xlsx_file.name, again.pdf_file.name) == names
    assert again.attempts == 1


def test_checksums_are_the_sha256_of_the_stored_files(request_built):
    run, _created = request_built()
    assert run.xlsx_sha256 == file_sha256(run.xlsx_file)
    assert run.pdf_sha256 == file_sha256(run.pdf_file)
    assert run.progress == 100
    actions = list(AuditEvent.objects.filter(object_id=str(run.pk)).order_by("pk").values_list("action", flat=True))
    assert actions == ["reports.requested", "reports.running", "reports.succeeded"]


def test_an_ad_hoc_period_ending_before_it_starts_is_refused(report_data, users):
    with pytest.raises(ValidationError, match="Kỳ số liệu không thể kết thúc trước khi bắt đầu"):
        report_request(
            plan=report_data.plan,
            kind=ReportKind.AD_HOC,
            actor=users["staff"],
            data_from=datetime.date(2023, 5, 1),
            data_to=datetime.date(2023, 4, 1),
        )
    assert ReportRun.objects.count() == 0


# --- The task: idempotent claim, reclaim of lost runs ----------------------------------------------
def test_running_the_task_twice_builds_once(request_built):
    run, _created = request_built()
    checksum, name = run.pdf_sha256, run.pdf_file.name
    assert build_report.apply(kwargs={"run_id": run.pk}).get() == "skipped"
    run.refresh_from_db()
    assert (run.pdf_sha256, run.pdf_file.name, run.attempts) == (checksum, name, 1)


def test_a_run_held_by_a_live_worker_is_not_claimed_but_a_lost_one_is(report_data):
    run = ReportRunFactory(
        plan=report_data.plan, status=ReportStatus.RUNNING, claim_token="worker-a", heartbeat_at=timezone.now()
    )
    assert report_build(run_id=run.pk, token="worker-b") == "skipped"
    run.refresh_from_db()
    assert (run.status, run.claim_token) == (ReportStatus.RUNNING, "worker-a")
    # The same task message redelivered after its worker died: the run is its own to finish.
    assert report_claim(run_id=run.pk, token="worker-a") is True
    # A heartbeat older than the limit: another worker may take over.
    ReportRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(minutes=30))
    assert report_build(run_id=run.pk, token="worker-b") == "built"
    run.refresh_from_db()
    assert (run.status, run.claim_token, run.attempts) == (ReportStatus.SUCCEEDED, "worker-b", 1 + 1)


def test_a_failure_is_recorded_with_its_reason_and_can_be_retried(
    report_data, users, settings, tmp_path, django_capture_on_commit_callbacks
):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": blocker / "media"},
        },
    }
    with django_capture_on_commit_callbacks(execute=True):
        run, _created = report_request(plan=report_data.plan, kind=ReportKind.ANNUAL, year=2022, actor=users["staff"])
    run.refresh_from_db()
    assert run.status == ReportStatus.FAILED
    assert "NotADirectoryError" in run.error or "FileExistsError" in run.error
    assert not run.xlsx_file
    assert not run.pdf_file
    with pytest.raises(ValidationError, match="Chỉ phê duyệt được báo cáo khi các tệp đã được lập xong"):
        report_finalise(run=run, actor=users["leader"])

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media2"},
        },
    }
    with django_capture_on_commit_callbacks(execute=True):
        report_retry(run=run, actor=users["staff"])
    run.refresh_from_db()
    assert run.status == ReportStatus.SUCCEEDED
    assert run.error == ""
    assert run.attempts == 2


def test_only_a_failed_report_can_be_retried(request_built, users):
    run, _created = request_built()
    with pytest.raises(ValidationError, match="Chỉ có thể chạy lại báo cáo bị lỗi hoặc báo cáo bị dừng giữa chừng"):
        report_retry(run=run, actor=users["staff"])
    run.refresh_from_db()
    assert run.status == ReportStatus.SUCCEEDED


# --- Drafts, approval and versions -------------------------------------------------------------------
def test_editing_a_draft_rebuilds_it_in_place(request_built, users, django_capture_on_commit_callbacks):
    run, _created = request_built()
    old_checksum = run.pdf_sha256
    old_name = run.pdf_file.name
    storage = run.pdf_file.storage
    with django_capture_on_commit_callbacks(execute=True):
        edited = report_update(run=run, actor=users["staff"], proposals="Đề nghị bổ sung kinh phí năm 2023.")
    edited.refresh_from_db()
    assert edited.pk == run.pk
    assert edited.version == 1
    assert edited.status == ReportStatus.SUCCEEDED
    assert edited.pdf_sha256 != old_checksum
    assert edited.figures["header"]["narrative"]["proposals"] == "Đề nghị bổ sung kinh phí năm 2023."
    assert not storage.exists(old_name)


def test_only_a_leader_approves_and_a_finalised_report_never_changes(
    request_built, users, django_capture_on_commit_callbacks
):
    run, _created = request_built(**{k: v for k, v in COMPLETE.items() if k != "lessons"})
    with pytest.raises(PermissionDenied, match="Vai trò của bạn không được làm việc này"):
        report_finalise(run=run, actor=users["staff"])
    run.refresh_from_db()
    assert run.status == ReportStatus.SUCCEEDED
    assert run.approved_by is None

    with django_capture_on_commit_callbacks(execute=True):
        report_finalise(run=run, actor=users["leader"])
    run.refresh_from_db()
    frozen = (run.xlsx_sha256, run.pdf_sha256, run.xlsx_file.name, run.pdf_file.name, run.figures, run.proposals)
    assert run.status == ReportStatus.FINALISED
    assert run.approved_by == users["leader"]

    with django_capture_on_commit_callbacks(execute=True):
        new = report_update(run=run, actor=users["staff"], proposals="Nội dung mới.")
    assert build_report.apply(kwargs={"run_id": run.pk}).get() == "skipped"
    with pytest.raises(ValidationError, match="Chỉ phê duyệt được báo cáo khi các tệp đã được lập xong"):
        report_finalise(run=run, actor=users["leader"])
    run.refresh_from_db()
    assert (
        run.xlsx_sha256,
        run.pdf_sha256,
        run.xlsx_file.name,
        run.pdf_file.name,
        run.figures,
        run.proposals,
    ) == frozen
    assert run.status == ReportStatus.FINALISED
    assert file_sha256(run.pdf_file) == run.pdf_sha256
    assert file_sha256(run.xlsx_file) == run.xlsx_sha256

    new.refresh_from_db()
    assert (new.version, new.previous_id, new.proposals) == (2, run.pk, "Nội dung mới.")
    assert new.status == ReportStatus.SUCCEEDED
    assert new.pdf_file.name != run.pdf_file.name
    # The same inputs now lead to the new draft.
    again, created = report_request(
        plan=run.plan, kind=run.kind, actor=users["staff"], data_from=run.data_from, data_to=run.data_to
    )
    assert (again.pk, created) == (new.pk, False)


def test_a_report_being_built_cannot_be_edited(report_data, users):
    run, _created = report_request(plan=report_data.plan, kind=ReportKind.ANNUAL, year=2022, actor=users["staff"])
    with pytest.raises(ValidationError, match="Báo cáo đang được lập; hãy chờ lập xong rồi mới chỉnh sửa"):
        report_update(run=run, actor=users["staff"], proposals="x")
    run.refresh_from_db()
    assert run.proposals == ""


def test_the_daily_job_requeues_a_run_whose_worker_went_silent(report_data, django_capture_on_commit_callbacks):
    from reports.services import report_requeue_stale

    stale = ReportRunFactory(
        plan=report_data.plan,
        status=ReportStatus.RUNNING,
        claim_token="dead-worker",
        heartbeat_at=timezone.now() - datetime.timedelta(hours=1),
        progress=40,
    )
    live = ReportRunFactory(
        plan=report_data.plan,
        status=ReportStatus.RUNNING,
        claim_token="live-worker",
        heartbeat_at=timezone.now(),
        progress=40,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert report_requeue_stale() == 1
    stale.refresh_from_db()
    live.refresh_from_db()
    assert stale.status == ReportStatus.SUCCEEDED
    assert stale.has_files
    assert (live.status, live.claim_token, live.progress) == (ReportStatus.RUNNING, "live-worker", 40)
