import datetime
import hashlib

import pytest
from django.urls import reverse

from reports.models import ReportKind, ReportRun, ReportStatus
from reports.services import report_request

from .conftest import COMPLETE
from .factories import PlanFactory, ReportRunFactory

READERS = ("staff", "finance", "leader")
OUTSIDERS = ("partner", "enterprise", "admin")


@pytest.fixture
def built(report_data, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run, _created = report_request(plan=report_data.plan, kind=ReportKind.ANNUAL, year=2022, actor=users["staff"])
    run.refresh_from_db()
    assert run.status == ReportStatus.SUCCEEDED
    return run


@pytest.mark.parametrize("role", READERS)
def test_internal_readers_see_the_list_and_the_files(client_for, users, built, role):
    c = client_for(users[role])
    assert c.get(reverse("reports:list")).status_code == 200
    page = c.get(reverse("reports:detail", args=[built.pk]))
    assert page.status_code == 200
    assert reverse("reports:download", args=[built.pk, "pdf"]) in page.content.decode()
    response = c.get(reverse("reports:download", args=[built.pk, "pdf"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"bao-cao-nam-2022-v1.pdf\"; filename*=UTF-8''bao-cao-nam-2022-v1.pdf"
    )
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == built.pdf_sha256
    xlsx = c.get(reverse("reports:download", args=[built.pk, "xlsx"]))
    assert "filename*=UTF-8''bao-cao-nam-2022-v1.xlsx" in xlsx["Content-Disposition"]
    assert hashlib.sha256(b"".join(xlsx.streaming_content)).hexdigest() == built.xlsx_sha256


@pytest.mark.parametrize("role", OUTSIDERS)
def test_partners_and_enterprises_never_see_internal_reports(client_for, users, built, role):
    c = client_for(users[role])
    assert c.get(reverse("reports:list")).status_code == 403
    assert c.get(reverse("reports:create")).status_code == 403
    for name, args in (
        ("detail", [built.pk]),
        ("status", [built.pk]),
        ("edit", [built.pk]),
        ("download", [built.pk, "pdf"]),
        ("download", [built.pk, "xlsx"]),
    ):
        assert c.get(reverse(f"reports:{name}", args=args)).status_code == 404, name
    assert c.post(reverse("reports:finalise", args=[built.pk])).status_code == 404
    assert c.post(reverse("reports:retry", args=[built.pk])).status_code == 404
    built.refresh_from_db()
    assert built.status == ReportStatus.SUCCEEDED


def test_anonymous_visitors_are_sent_to_sign_in(client, built):
    response = client.get(reverse("reports:download", args=[built.pk, "pdf"]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_staff_request_a_report_and_are_sent_to_it(client_for, users, report_data, django_capture_on_commit_callbacks):
    c = client_for(users["staff"])
    assert c.get(reverse("reports:create")).status_code == 200
    data = {"plan": report_data.plan.pk, "kind": ReportKind.TWO_YEAR}
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(reverse("reports:create"), data)
    run = ReportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:detail", args=[run.pk])
    assert (run.data_from, run.data_to) == (datetime.date(2020, 12, 15), datetime.date(2022, 12, 14))
    assert run.requested_by == users["staff"]
    # The same request again: the same report, no second run.
    again = c.post(reverse("reports:create"), data)
    assert again["Location"] == response["Location"]
    assert ReportRun.objects.count() == 1


def test_an_ad_hoc_request_needs_its_dates(client_for, users, report_data):
    c = client_for(users["staff"])
    response = c.post(reverse("reports:create"), {"plan": report_data.plan.pk, "kind": ReportKind.AD_HOC})
    assert response.status_code == 200
    assert ReportRun.objects.count() == 0


@pytest.mark.parametrize("role", ["finance", "leader"])
def test_readers_who_are_not_staff_cannot_request_or_edit(client_for, users, built, report_data, role):
    c = client_for(users[role])
    assert (
        c.post(reverse("reports:create"), {"plan": report_data.plan.pk, "kind": ReportKind.FIVE_YEAR}).status_code
        == 403
    )
    assert c.post(reverse("reports:edit", args=[built.pk]), {"proposals": "x"}).status_code == 403
    assert ReportRun.objects.count() == 1
    built.refresh_from_db()
    assert built.proposals == ""


def test_staff_edit_a_draft_which_is_rebuilt(client_for, users, built, django_capture_on_commit_callbacks):
    c = client_for(users["staff"])
    form = c.get(reverse("reports:edit", args=[built.pk]))
    assert form.status_code == 200
    data = {
        field: getattr(built, field) or ""
        for field in (
            "number",
            "place",
            "signer_name",
            "signer_title",
            "recipients",
            "shortcomings",
            "next_tasks",
            "proposals",
        )
    }
    data.update(report_date="2023-01-05", number="03/BC-SKHCN", signer_name="Lê Văn Tám", signer_title="Giám đốc")
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(reverse("reports:edit", args=[built.pk]), data)
    assert response.status_code == 302
    built.refresh_from_db()
    assert (built.number, built.version, built.status) == ("03/BC-SKHCN", 1, ReportStatus.SUCCEEDED)
    assert built.figures["header"]["place_date"].endswith("ngày 05 tháng 01 năm 2023")


def test_only_leaders_finalise(client_for, users, built, django_capture_on_commit_callbacks):
    assert client_for(users["staff"]).post(reverse("reports:finalise", args=[built.pk])).status_code == 403
    assert client_for(users["finance"]).post(reverse("reports:finalise", args=[built.pk])).status_code == 403
    built.refresh_from_db()
    assert built.status == ReportStatus.SUCCEEDED
    leader = client_for(users["leader"])
    # Incomplete: refused with the list of what is missing, nothing changes.
    page = leader.get(reverse("reports:detail", args=[built.pk])).content.decode()
    assert 'id="missing-for-final"' in page
    response = leader.post(reverse("reports:finalise", args=[built.pk]), follow=True)
    assert "Chưa thể phê duyệt báo cáo cho đến khi điền đủ các mục" in response.content.decode()
    built.refresh_from_db()
    assert (built.status, built.approved_by) == (ReportStatus.SUCCEEDED, None)
    ReportRun.objects.filter(pk=built.pk).update(**{k: v for k, v in COMPLETE.items() if k != "lessons"})
    with django_capture_on_commit_callbacks(execute=True):
        response = leader.post(reverse("reports:finalise", args=[built.pk]))
    assert response.status_code == 302
    built.refresh_from_db()
    assert built.status == ReportStatus.FINALISED
    assert built.approved_by == users["leader"]


def test_the_status_fragment_polls_while_the_report_is_built(client_for, users, report_data):
    run = ReportRunFactory(plan=report_data.plan, status=ReportStatus.RUNNING, progress=42)
    c = client_for(users["staff"])
    html = c.get(reverse("reports:status", args=[run.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert f'data-hx-get="{reverse("reports:status", args=[run.pk])}"' in html
    assert 'data-hx-trigger="every 2s"' in html
    assert 'data-width="42"' in html
    assert "<html" not in html


def test_a_failed_report_shows_its_reason_and_a_retry_button_for_staff(client_for, users, report_data):
    run = ReportRunFactory(plan=report_data.plan, status=ReportStatus.FAILED, error="Lỗi kết nối cơ sở dữ liệu")
    staff_html = client_for(users["staff"]).get(reverse("reports:detail", args=[run.pk])).content.decode()
    assert "Lỗi kết nối cơ sở dữ liệu" in staff_html
    assert reverse("reports:retry", args=[run.pk]) in staff_html
    assert "data-hx-trigger" not in staff_html
    leader_html = client_for(users["leader"]).get(reverse("reports:detail", args=[run.pk])).content.decode()
    assert reverse("reports:retry", args=[run.pk]) not in leader_html


def test_the_list_runs_the_same_queries_for_few_and_many_reports(client_for, users, page_queries):
    c = client_for(users["leader"])
    plan = PlanFactory()
    ReportRunFactory.create_batch(2, plan=plan, requested_by=users["staff"])
    few = page_queries(c, reverse("reports:list"))
    ReportRunFactory.create_batch(20, plan=PlanFactory(), requested_by=users["staff"], approved_by=users["leader"])
    many = page_queries(c, reverse("reports:list"))
    assert few == many


def test_the_home_page_lists_reports_and_drafts_awaiting_a_leader(client_for, users, built):
    leader_home = client_for(users["leader"]).get(reverse("accounts:home")).content.decode()
    assert "Dự thảo đang chờ bạn phê duyệt:" in leader_home
    assert reverse("reports:detail", args=[built.pk]) in leader_home
    staff_home = client_for(users["staff"]).get(reverse("accounts:home")).content.decode()
    assert reverse("reports:detail", args=[built.pk]) in staff_home
    assert "Dự thảo đang chờ bạn phê duyệt:" not in staff_home
    partner_home = client_for(users["partner"]).get(reverse("accounts:home")).content.decode()
    assert reverse("reports:detail", args=[built.pk]) not in partner_home


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        (ReportKind.ANNUAL, "bao-cao-nam-2025-v3.pdf"),
        (ReportKind.TWO_YEAR, "bao-cao-so-ket-2025-v3.pdf"),
        (ReportKind.FIVE_YEAR, "bao-cao-tong-ket-2025-v3.pdf"),
        (ReportKind.AD_HOC, "bao-cao-dot-xuat-2025-v3.pdf"),
    ],
)
def test_download_names_are_vietnamese_slugs(kind, name):
    assert ReportRun(kind=kind, data_to=datetime.date(2025, 12, 31), version=3).download_name("pdf") == name


def test_the_list_cell_of_a_report_polls_while_it_builds_and_shows_the_links_once_built(
    client_for, users, report_data, django_capture_on_commit_callbacks
):
    from reports.tasks import build_report

    c = client_for(users["staff"])
    run, _created = report_request(plan=report_data.plan, kind=ReportKind.ANNUAL, year=2022, actor=users["staff"])
    cell_url = reverse("reports:status", args=[run.pk]) + "?cell=1"
    polling = f'data-hx-get="{cell_url}" data-hx-trigger="every 3s"'
    listing = c.get(reverse("reports:list")).content.decode()
    assert polling in listing
    assert reverse("reports:download", args=[run.pk, "pdf"]) not in listing
    waiting = c.get(cell_url, HTTP_HX_REQUEST="true").content.decode()
    assert (polling in waiting, 'data-status="queued"' in waiting, "<html" in waiting) == (True, True, False)
    assert build_report.apply(kwargs={"run_id": run.pk}).get() == "built"
    done = c.get(cell_url, HTTP_HX_REQUEST="true").content.decode()
    assert "data-hx-trigger" not in done  # the swapped-in cell stops the polling
    assert 'data-status="succeeded"' in done
    assert reverse("reports:download", args=[run.pk, "pdf"]) in done
    assert reverse("reports:download", args=[run.pk, "xlsx"]) in done
