"""``seed_demo`` on an empty database gives the demo in its own time: Quảng Nam 2021-2025 closed
with its finalised five-year summary, Đà Nẵng 2026-2030 in force (made from it), a second agency;
every demo account's home opens on the 2026-2030 plan; a second run changes nothing."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from core import clock
from enterprises.models import Enterprise
from programs.applications.models import Status, SupportApplication
from programs.demo import DA_NANG, QUANG_NAM, QUANG_NGAI, demo_plan, next_plan, second_agency_plan
from programs.models import BudgetEstimate, EstimateStatus, Indicator, PartnerReport, PlanStatus
from reports.models import ReportKind, ReportStatus
from tests.conftest import mark_session_mfa
from training.models import Course, CourseStatus

DEMO_ROLES = {
    "admin@demo.vn": "admin",
    "staff@demo.vn": "staff",
    "finance@demo.vn": "finance",
    "leader@demo.vn": "leader",
    "partner@demo.vn": "partner",
    "enterprise@demo.vn": "enterprise",
}


def _row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models() if model._meta.managed}


def _client(email):
    """Signed in as the portal's login would (password and TOTP: internal pages need both, #17)."""
    client, user = Client(), User.objects.get(email=email)
    client.force_login(user)
    mark_session_mfa(client, user)
    return client


@pytest.mark.django_db
def test_seed_demo_is_idempotent_creates_the_demo_accounts_and_mails_nobody(settings, mailoutbox):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    first = _row_counts()
    call_command("seed_demo", verbosity=0)
    assert _row_counts() == first
    assert mailoutbox == []
    for email, role in DEMO_ROLES.items():
        user = User.objects.get(email=email)
        assert user.check_password("demo12345")
        assert role in user.roles
    assert first["enterprises.Enterprise"] >= 250


@pytest.mark.django_db
def test_the_demo_lives_in_its_own_time_and_every_home_opens_on_the_2026_2030_plan(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    old, new, second = demo_plan(), next_plan(), second_agency_plan()
    # Quảng Nam 2021-2025: closed, with its five-year summary finalised by the leader.
    assert (old.agency.code, old.status) == (QUANG_NAM, PlanStatus.CLOSED)
    summary = old.report_runs.get(kind=ReportKind.FIVE_YEAR)
    assert (summary.status, summary.approved_by.email) == (ReportStatus.FINALISED, "leader@demo.vn")
    assert summary.figures["header"]["agency"] == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert summary.figures["header"]["parent_agency"] == "UBND THÀNH PHỐ ĐÀ NẴNG"  # signed after the merger
    # Đà Nẵng 2026-2030: made from it, in force, demo targets marked as such.
    assert (new.agency.code, new.predecessor, new.status, new.start_year, new.end_year) == (
        DA_NANG,
        old,
        PlanStatus.ACTIVE,
        2026,
        2030,
    )
    assert "số liệu minh họa" in new.targets_note
    baselines = {i.code: (i.baseline_value, i.baseline_year) for i in Indicator.objects.filter(objective__plan=new)}
    assert baselines["a.1"] == (17, 2025)  # the 17 expert person-times of 2021-2025
    assert baselines["c.1"] == (35, 2025)  # the 35 enterprises supported in 2025
    year = clock.today().year
    approved = BudgetEstimate.objects.filter(plan=new, year=year, status=EstimateStatus.APPROVED)
    assert set(approved.values_list("source__code", flat=True)) == {
        "resolution-02",
        "st-nonbusiness",
        "st-programmes",
        "other",
    }
    states = set(SupportApplication.objects.filter(scheme__plan=new).values_list("status", flat=True))
    assert states == set(Status.values)
    assert Course.objects.filter(plan=new, status=CourseStatus.FINISHED).exists()
    assert Course.objects.filter(plan=new, status=CourseStatus.OPEN).count() == 2
    assert PartnerReport.objects.filter(plan=new, year=year).exists()
    assert new.activities.filter(date__year=year).exists()
    assert (second.agency.code, second.status) == (QUANG_NGAI, PlanStatus.ACTIVE)

    # Each demo account's home opens on the 2026-2030 plan.
    for email in DEMO_ROLES:
        page = _client(email).get(reverse("accounts:home")).content.decode()
        assert f'data-plan="{new.pk}"' in page, email
        assert "2026-2030" in page, email
    for name in ("programs:dashboard", "programs:budget_list"):
        assert _client("leader@demo.vn").get(reverse(name)).context["plan"] == new
    public = Client()
    assert public.get(reverse("programs:public_programme")).context["plan"] == new
    assert public.get(reverse("programs:public_dashboard")).context["plan"] == new
    # The closed plan stays readable, to the public and to the city's staff.
    assert public.get(reverse("programs:public_programme") + f"?plan={old.pk}").status_code == 200
    staff = _client("staff@demo.vn")
    page = staff.get(reverse("programs:plan_detail", args=[old.pk])).content.decode()
    assert 'data-plan-status="closed"' in page
    assert staff.get(reverse("programs:dashboard") + f"?plan={old.pk}").status_code == 200
    # The second agency's specialist sees its own plan, not the city's; and the other way round.
    other = _client("chuyenvien.quangngai@demo.vn")
    assert other.get(reverse("programs:plan_detail", args=[second.pk])).status_code == 200
    assert other.get(reverse("programs:plan_detail", args=[new.pk])).status_code == 404
    assert staff.get(reverse("programs:plan_detail", args=[second.pk])).status_code == 404

    # An enterprise recorded under a former Quảng Nam unit shows its Đà Nẵng unit and its history.
    company = Enterprise.objects.get(representatives__user__email="enterprise@demo.vn")
    assert company.unit.valid_to is not None
    page = staff.get(reverse("enterprises:detail", args=[company.pk])).content.decode()
    assert "Đơn vị hành chính hiện nay" in page
    assert "Thành phố Đà Nẵng" in page
    assert f"{company.unit.name}" in page
