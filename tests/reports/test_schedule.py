import datetime
import re
from urllib.parse import urlsplit

import pytest
from freezegun import freeze_time

from programs.models import PlanStatus
from reports.models import ReportKind, ReportRun, ReportStatus
from reports.tasks import create_due_reports

from .factories import PlanFactory


@pytest.fixture
def plans(db):
    return {
        "quang_nam": PlanFactory(start_year=2021, end_year=2025),
        "da_nang": PlanFactory(start_year=2023, end_year=2027, province_name="Đà Nẵng"),
        "draft": PlanFactory(start_year=2021, end_year=2025, status=PlanStatus.DRAFT),
        "finished": PlanFactory(start_year=2016, end_year=2020, status=PlanStatus.ACTIVE),
    }


def annual_runs():
    return list(
        ReportRun.objects.filter(kind=ReportKind.ANNUAL)
        .order_by("plan_id")
        .values_list("plan_id", "data_from", "data_to", "version", "requested_by")
    )


def test_the_day_after_the_annual_period_ends_one_draft_per_active_plan(
    plans, users, mailoutbox, settings, client_for, django_capture_on_commit_callbacks
):
    with freeze_time("2024-12-15 02:00:00"), django_capture_on_commit_callbacks(execute=True):
        assert create_due_reports.apply().get() == 2
    period = (datetime.date(2023, 12, 15), datetime.date(2024, 12, 14))
    assert annual_runs() == [
        (plans["quang_nam"].pk, *period, 1, None),
        (plans["da_nang"].pk, *period, 1, None),
    ]
    assert set(ReportRun.objects.values_list("status", flat=True)) == {ReportStatus.SUCCEEDED}
    assert len(mailoutbox) == 2
    assert mailoutbox[0].to == [users["staff"].email]
    assert "Đã tạo dự thảo báo cáo năm 2024" in mailoutbox[0].subject
    assert "15/12/2023" in mailoutbox[0].body
    # Each e-mail links absolutely to its draft's page (issue #13), which opens for the staff it went to.
    links = sorted(link for m in mailoutbox for link in re.findall(r"\S+://\S+", m.body))
    runs = ReportRun.objects.filter(kind=ReportKind.ANNUAL).order_by("pk")
    assert links == sorted(f"{settings.SITE_URL}/reports/{run.pk}/" for run in runs)
    assert client_for(users["staff"]).get(urlsplit(links[0]).path).status_code == 200


def test_the_schedule_never_creates_a_second_draft_for_the_same_period(
    plans, users, mailoutbox, django_capture_on_commit_callbacks
):
    for moment in ("2024-12-15 02:00:00", "2024-12-15 20:00:00", "2024-12-16 02:00:00", "2025-06-01 02:00:00"):
        with freeze_time(moment), django_capture_on_commit_callbacks(execute=True):
            create_due_reports.apply().get()
    assert len(annual_runs()) == 2
    assert len(mailoutbox) == 2
    # The next period ends on 14/12/2025: its drafts come the day after, once.
    with freeze_time("2025-12-14 12:00:00"), django_capture_on_commit_callbacks(execute=True):
        assert create_due_reports.apply().get() == 0
    with freeze_time("2025-12-15 02:00:00"), django_capture_on_commit_callbacks(execute=True):
        assert create_due_reports.apply().get() == 2
        assert create_due_reports.apply().get() == 0
    assert len(annual_runs()) == 4
    assert ReportRun.objects.filter(data_to=datetime.date(2025, 12, 14)).count() == 2


def test_a_report_staff_already_asked_for_is_not_created_again(plans, users, django_capture_on_commit_callbacks):
    from reports.services import report_request

    report_request(plan=plans["quang_nam"], kind=ReportKind.ANNUAL, year=2024, actor=users["staff"])
    with freeze_time("2024-12-15 02:00:00"), django_capture_on_commit_callbacks(execute=True):
        assert create_due_reports.apply().get() == 1
    assert ReportRun.objects.filter(plan=plans["quang_nam"]).count() == 1
