"""Pages of programs: roles, validation, attachments, the dashboard against the KPI engine."""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import AuditEvent
from programs.demo import seed_programs
from programs.models import ActivityAttachment, Indicator, Plan
from programs.selectors import plan_kpis
from programs.templatetags.programs_tags import kpi_number

from . import kpi_data
from .factories import ActivityFactory, IndicatorFactory, NewsPostFactory, PartnerReportFactory, PlanFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def staff_client(users, client_for):
    return client_for(users["staff"])


def test_staff_pages_render_and_others_are_refused(users, client_for, staff_client):
    seed_programs()
    plan = Plan.objects.get()
    plan.agency.members.add(users["staff"])  # the demo plan belongs to the Quảng Nam agency
    activity = plan.activities.first()
    urls = [
        reverse("programs:plan_list"),
        reverse("programs:plan_detail", args=[plan.pk]),
        reverse("programs:activity_list", args=[plan.pk]),
        reverse("programs:activity_detail", args=[activity.pk]),
        reverse("programs:annual_plan_detail", args=[plan.annual_plans.first().pk]),
        reverse("programs:indicator_edit", args=[Indicator.objects.first().pk]),
        reverse("programs:news_manage"),
        reverse("programs:budget_list"),
        reverse("programs:partner_report_list"),
        reverse("programs:dashboard"),
    ]
    for url in urls:
        assert staff_client.get(url).status_code == 200, url
    for role in ("enterprise", "partner", "finance", "leader"):
        assert client_for(users[role]).get(reverse("programs:plan_list")).status_code == 403


def test_public_pages_show_the_plan_without_signing_in(client):
    seed_programs()
    NewsPostFactory(title="Tin chưa đăng", slug="chua-dang", is_published=False)
    page = client.get(reverse("programs:public_programme")).content.decode()
    assert "Hợp tác quốc tế về năng suất chất lượng" in page
    assert "15 - 20" in page
    assert "khoảng 900 (±5 %)" in page
    assert client.get(reverse("programs:public_dashboard")).status_code == 200
    news = client.get(reverse("programs:news_list")).content.decode()
    assert "Tin chưa đăng" not in news
    assert "Ban hành Kế hoạch" in news
    assert client.get(reverse("programs:news_detail", args=["chua-dang"])).status_code == 404
    assert client.get(reverse("programs:dashboard")).status_code == 302  # sign-in first
    assert "Kế hoạch hỗ trợ doanh nghiệp" in client.get(reverse("public_home")).content.decode()


def test_plan_validation_end_after_start(users, staff_client):
    response = staff_client.post(
        reverse("programs:plan_create"),
        {
            "title": "Kế hoạch sai",
            "issuing_body": "UBND",
            "province_name": "X",
            "agency": "SỞ",
            "start_year": 2025,
            "end_year": 2025,
            "status": "draft",
        },
    )
    assert response.status_code == 400
    assert "end_year" in response.context["form"].errors
    assert not Plan.objects.filter(title="Kế hoạch sai").exists()


def test_indicator_min_le_max_and_yearly_target_inside_the_plan(staff_client):
    plan = PlanFactory(start_year=2026, end_year=2030)
    ind = IndicatorFactory(objective__plan=plan, measure="partner.figures")
    response = staff_client.post(
        reverse("programs:indicator_edit", args=[ind.pk]),
        {
            "code": ind.code,
            "name": ind.name,
            "unit": "lượt",
            "kind": "cumulative",
            "target_min": "20",
            "target_max": "15",
            "direction": "increase",
            "source": "computed",
            "measure": "partner.figures",
            "order": 0,
        },
    )
    assert response.status_code == 400
    assert "target_max" in response.context["form"].errors
    ind.refresh_from_db()
    assert ind.target_max is None
    response = staff_client.post(reverse("programs:annual_plan_create", args=[plan.pk]), {"year": 2025})
    assert response.status_code == 400
    assert "year" in response.context["form"].errors
    response = staff_client.post(reverse("programs:annual_plan_create", args=[plan.pk]), {"year": 2027})
    assert response.status_code == 302
    annual = plan.annual_plans.get()
    response = staff_client.post(
        reverse("programs:annual_plan_detail", args=[annual.pk]),
        {"indicator": ind.pk, "target_min": "3", "target_max": "2"},
    )
    assert response.status_code == 400
    response = staff_client.post(
        reverse("programs:annual_plan_detail", args=[annual.pk]),
        {"indicator": ind.pk, "target_min": "2", "target_max": "3"},
    )
    assert response.status_code == 302
    assert annual.targets.get().target_max == Decimal(3)
    assert AuditEvent.objects.filter(action="programs.annualtarget.create").count() == 1


def test_attachments_are_validated_and_served_through_a_permission_check(users, client_for, staff_client):
    activity = ActivityFactory()
    url = reverse("programs:activity_detail", args=[activity.pk])
    bad = staff_client.post(url, {"file": SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf")})
    assert bad.status_code == 400
    assert not ActivityAttachment.objects.exists()
    ok = staff_client.post(url, {"file": SimpleUploadedFile("Biên bản.pdf", PDF, content_type="application/pdf")})
    assert ok.status_code == 302
    attachment = ActivityAttachment.objects.get()
    assert attachment.original_name == "Biên bản.pdf"
    assert "Biên" not in attachment.file.name  # stored under a random name
    download = reverse("programs:attachment_download", args=[attachment.pk])
    response = staff_client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    for role in ("enterprise", "partner"):
        assert client_for(users[role]).get(download).status_code == 403


def _card_values(html: str) -> dict[str, tuple[str, str, str]]:
    """indicator code → (actual, percent, status) as the dashboard shows them."""
    cards = {}
    for block in re.findall(r'<article class="card h-100 kpi-card"(.*?)</article>', html, re.S):
        code = re.search(r'data-indicator="([^"]+)"', block).group(1)
        # The figure may be a link to its records: its text, tags left out.
        actual = re.sub(r"<[^>]+>", "", re.search(r'kpi-actual">(.*?)</dd>', block, re.S).group(1)).strip()
        found = re.search(r'kpi-percent">([^<]*)<', block)
        percent = found.group(1).strip() if found else None  # growth indicators have no "% met"
        status = re.search(r'data-status="([^"]+)"', block).group(1)
        cards[code] = (actual, percent, status)
    return cards


def test_dashboard_shows_the_engine_numbers_with_a_constant_query_count(
    measure_registry, users, client_for, page_queries
):
    kpi_data.register_test_measures(measure_registry)
    small, _ = kpi_data.build(scale=1)
    leader = client_for(users["leader"])
    html = leader.get(reverse("programs:dashboard") + f"?plan={small.pk}").content.decode()
    cards = _card_values(html)
    results = plan_kpis(plan=small)
    assert len(cards) == len(results) == 6
    for r in results:
        actual, percent, status = cards[r.code]
        assert actual == f"{kpi_number(r.period_actual)} {r.unit}".strip()
        if r.is_growth:
            assert percent is None
        else:
            assert percent == (f"{kpi_number(r.percent_of_target)} %" if r.percent_of_target is not None else "–")
        assert status == r.status
    assert cards["A1"] == ("18 lượt", "120 %", "within")
    assert cards["C1"][0] == "10,53 %"
    large, _ = kpi_data.build(scale=10)
    n_small = page_queries(leader, reverse("programs:dashboard") + f"?plan={small.pk}")
    n_large = page_queries(leader, reverse("programs:dashboard") + f"?plan={large.pk}")
    assert n_small == n_large
    n_year = page_queries(leader, reverse("programs:dashboard") + f"?plan={large.pk}&year=2023")
    assert n_year == n_large


def test_list_pages_have_a_constant_query_count(staff_client, page_queries):
    plan = PlanFactory()
    for _ in range(3):
        ActivityFactory(plan=plan)
        PartnerReportFactory(plan=plan)
    NewsPostFactory(is_published=True, published_at="2024-01-01T00:00:00+07:00")
    urls = [
        reverse("programs:activity_list", args=[plan.pk]),
        reverse("programs:plan_list"),
        reverse("programs:news_manage"),
        reverse("programs:budget_list") + f"?plan={plan.pk}",
        reverse("programs:partner_report_list"),
    ]
    before = [page_queries(staff_client, u) for u in urls]
    for i in range(20):
        ActivityFactory(plan=plan)
        PartnerReportFactory(plan=plan)
        PlanFactory()
        NewsPostFactory(is_published=True, published_at="2024-01-02T00:00:00+07:00", slug=f"x-{i}")
    assert [page_queries(staff_client, u) for u in urls] == before
