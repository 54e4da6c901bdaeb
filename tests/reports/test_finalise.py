"""Completeness: lessons learned in two- and five-year reports; a draft is marked "DỰ THẢO";
finalising needs every header and narrative field and builds new, unmarked files."""

import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook
from pypdf import PdfReader

from core.models import AuditEvent
from reports.forms import ReportEditForm
from reports.models import ReportKind, ReportStatus
from reports.services import report_finalise, report_request, report_update

from .conftest import COMPLETE


def pdf_text(field) -> str:
    with field.open("rb") as handle:
        return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages).split())


def sha(field) -> str:
    with field.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def status_cell(field) -> str:
    with field.open("rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read()))["Báo cáo"]
    return {row[0]: row[1] for row in sheet.iter_rows(min_row=3, values_only=True)}["Tình trạng văn bản"]


@pytest.fixture
def five_year(report_data, users, django_capture_on_commit_callbacks):
    fields = {k: v for k, v in COMPLETE.items() if k != "lessons"}  # lessons learned left empty
    with django_capture_on_commit_callbacks(execute=True):
        run, _created = report_request(plan=report_data.plan, kind=ReportKind.FIVE_YEAR, actor=users["staff"], **fields)
    run.refresh_from_db()
    assert run.status == ReportStatus.SUCCEEDED, run.error
    return run


def snapshot(run):
    run.refresh_from_db()
    return (
        run.status,
        run.approved_by_id,
        run.approved_at,
        run.is_final,
        run.xlsx_file.name,
        run.pdf_file.name,
        run.xlsx_sha256,
        run.pdf_sha256,
        run.figures,
    )


def test_only_multi_year_reports_ask_for_lessons_learned(five_year, report_data, users):
    assert "lessons" in ReportEditForm(instance=five_year).fields
    annual, _created = report_request(plan=report_data.plan, kind=ReportKind.ANNUAL, year=2022, actor=users["staff"])
    assert "lessons" not in ReportEditForm(instance=annual).fields
    text = pdf_text(five_year.pdf_file)
    assert "VII. ĐÁNH GIÁ CHUNG, BÀI HỌC KINH NGHIỆM VÀ KIẾN NGHỊ" in text
    positions = [text.index(h) for h in ("1. Tồn tại", "2. Bài học kinh nghiệm", "3. Nhiệm vụ", "4. Đề xuất")]
    assert positions == sorted(positions)


def test_finalising_an_incomplete_report_is_refused_and_changes_nothing(five_year, users):
    before = snapshot(five_year)
    events = AuditEvent.objects.count()
    with pytest.raises(
        ValidationError, match="Chưa thể phê duyệt báo cáo cho đến khi điền đủ các mục: bài học kinh nghiệm"
    ):
        report_finalise(run=five_year, actor=users["leader"])
    assert snapshot(five_year) == before
    assert AuditEvent.objects.count() == events
    five_year.signer_name = ""
    five_year.lessons = "Có bài học."
    five_year.save()
    with pytest.raises(ValidationError, match="họ tên người ký"):
        report_finalise(run=five_year, actor=users["leader"])
    assert snapshot(five_year)[0:2] == (ReportStatus.SUCCEEDED, None)


def test_the_draft_is_marked_and_the_final_files_are_new_unmarked_files(
    five_year, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report_update(run=five_year, actor=users["staff"], lessons=COMPLETE["lessons"])  # rebuilt
    five_year.refresh_from_db()
    draft_pdf, draft_xlsx = five_year.pdf_sha256, five_year.xlsx_sha256
    draft_names = (five_year.pdf_file.name, five_year.xlsx_file.name)
    figures = five_year.figures
    assert "DỰ THẢO" in pdf_text(five_year.pdf_file)
    assert status_cell(five_year.xlsx_file) == "DỰ THẢO"
    with django_capture_on_commit_callbacks(execute=True):
        report_finalise(run=five_year, actor=users["leader"])
    five_year.refresh_from_db()
    assert five_year.status == ReportStatus.FINALISED
    assert (five_year.is_final, five_year.approved_by) == (True, users["leader"])
    assert five_year.figures == figures  # the frozen figures, never a recount
    assert (five_year.pdf_file.name, five_year.xlsx_file.name) != draft_names
    assert five_year.pdf_sha256 != draft_pdf
    assert five_year.xlsx_sha256 != draft_xlsx
    assert (sha(five_year.pdf_file), sha(five_year.xlsx_file)) == (five_year.pdf_sha256, five_year.xlsx_sha256)
    text = pdf_text(five_year.pdf_file)
    assert "DỰ THẢO" not in text
    assert COMPLETE["lessons"] in text
    assert status_cell(five_year.xlsx_file) == "Chính thức"
    assert AuditEvent.objects.filter(action="reports.finalised").count() == 1
