"""Reports with flat memory: the five-year report of a generated agency reads its long lists
through queryset iterators (chunks, not one list of every row), writes them to the XLSX annex
sheets, keeps only the summary tables in the PDF, and runs the same number of queries whatever
the number of rows."""

import datetime
import io

import pytest
from django.db import connection, transaction
from django.db.models.query import QuerySet
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.models import User
from core import clock
from core.scale import generate
from programs.applications.measures import supported_applications
from programs.models import Activity, ActivityKind, Plan, TaskGroup
from reports.models import ReportKind, ReportStatus
from reports.selectors import ACTIVITIES_LISTED
from reports.services import report_request
from tests.reports.conftest import COMPLETE
from training.models import Course

pytestmark = pytest.mark.django_db
REQUESTED_AT = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
EXTRA_ACTIVITIES = 7


def _plan() -> Plan:
    return Plan.objects.get(agency__code="scale-01")


def _add_activities(plan: Plan) -> TaskGroup:
    group = TaskGroup.objects.filter(plan=plan).order_by("number").first()
    task = group.tasks.order_by("code").first()
    Activity.objects.bulk_create(
        Activity(
            plan=plan,
            task=task,
            kind=ActivityKind.COMMUNICATION,
            title=f"Hoạt động truyền thông số {n:03d}",
            date=datetime.date(2023, 1, 1) + datetime.timedelta(days=n),
            cost=1_000_000,
        )
        for n in range(ACTIVITIES_LISTED + EXTRA_ACTIVITIES)
    )
    return group


def _build(plan: Plan, django_capture_on_commit_callbacks):
    staff = User.objects.get(email="staff1.01@thu-tai.example.vn")
    with clock.frozen(REQUESTED_AT), django_capture_on_commit_callbacks(execute=True):
        run, _created = report_request(plan=plan, kind=ReportKind.FIVE_YEAR, actor=staff, **COMPLETE)
    run.refresh_from_db()
    from core.models import OutboxMessage

    assert run.status == ReportStatus.SUCCEEDED, (
        run.error,
        list(OutboxMessage.objects.values_list("task_name", "last_error", "available_at", "delivered_at")),
    )
    return run


def _sheet_rows(run, title_start: str) -> list[tuple]:
    with run.xlsx_file.open("rb") as handle:
        workbook = load_workbook(io.BytesIO(handle.read()), read_only=True)
    (name,) = [n for n in workbook.sheetnames if n.startswith(title_start)]
    return list(workbook[name].iter_rows(values_only=True))


def _pdf_text(run) -> str:
    with run.pdf_file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_long_lists_stream_to_the_annex_and_the_pdf_keeps_the_summary(monkeypatch, django_capture_on_commit_callbacks):
    generate(scale="tiny", seed=3, log=lambda line: None)
    plan = _plan()
    _add_activities(plan)
    streamed = []
    real_iterator = QuerySet.iterator

    def spy(self, chunk_size=None):
        streamed.append((self.model._meta.label, chunk_size))
        return real_iterator(self, chunk_size=chunk_size)

    monkeypatch.setattr(QuerySet, "iterator", spy)
    run = _build(plan, django_capture_on_commit_callbacks)

    # The four annex lists (supported enterprises and applications both read the applications).
    assert streamed == [
        ("applications.SupportApplication", 2000),
        ("applications.SupportApplication", 2000),
        ("training.Course", 2000),
        ("programs.Activity", 2000),
    ]
    supported = supported_applications(plan=plan, within=plan.span).count()
    assert supported > 0
    applications = [r for r in _sheet_rows(run, "DS hồ sơ")[1:] if isinstance(r[0], str) and r[0].startswith("TT-")]
    assert len(applications) == supported
    courses = Course.objects.filter(plan=plan).count()
    assert len(_sheet_rows(run, "DS khóa")) == 1 + courses + 1  # header, the courses, the total row
    activities = [r for r in _sheet_rows(run, "DS hoạt động") if r[3] and str(r[3]).startswith("Hoạt động truyền")]
    assert len(activities) == ACTIVITIES_LISTED + EXTRA_ACTIVITIES

    group = run.figures["results"][0]
    assert len(group["activities"]) == ACTIVITIES_LISTED
    assert group["not_listed"] == EXTRA_ACTIVITIES
    assert group["not_listed_cost"] == EXTRA_ACTIVITIES * 1_000_000
    text = _pdf_text(run)
    assert f"Hoạt động truyền thông số {ACTIVITIES_LISTED - 1:03d}" in text
    assert f"Hoạt động truyền thông số {ACTIVITIES_LISTED:03d}" not in text
    assert f"Và {EXTRA_ACTIVITIES} hoạt động khác, liệt kê trong phụ lục XLSX." in text
    first_code = applications[0][0]
    assert first_code not in text  # the list of applications is in the annex only


class Rollback(Exception):
    pass


def _queries_at(factor: int, django_capture_on_commit_callbacks) -> tuple[int, int]:
    try:
        with transaction.atomic():
            generate(scale="tiny", seed=5, factor=factor, agencies=1, log=lambda line: None)
            plan = _plan()
            _add_activities(plan)
            with CaptureQueriesContext(connection) as queries:
                _build(plan, django_capture_on_commit_callbacks)
            rows = supported_applications(plan=plan, within=plan.span).count()
            raise Rollback
    except Rollback:
        return len(queries), rows


def test_query_count_does_not_grow_with_the_rows(django_capture_on_commit_callbacks):
    _queries_at(1, django_capture_on_commit_callbacks)  # warm-up: content types and system checks are cached once
    small, small_rows = _queries_at(1, django_capture_on_commit_callbacks)
    large, large_rows = _queries_at(4, django_capture_on_commit_callbacks)
    assert large_rows > 3 * small_rows
    assert large == small
