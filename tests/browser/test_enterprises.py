"""Journey: a new user signs up, confirms the e-mail, registers an enterprise; staff verify it."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from enterprises.models import Representative
from tests.conftest import assert_accessible
from tests.enterprises.factories import EnterpriseFactory, SectorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reference(transactional_db):
    """Role groups (a flushed transactional database lost those of the migration) and units."""
    from django.contrib.auth.models import Group

    from accounts.models import Role

    for role in Role.values:
        Group.objects.get_or_create(name=role)
    call_command("units_import", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123


def test_sign_up_register_enterprise_and_get_verified(page, sign_in, make_user, reference):
    # Sign up (allauth) and confirm the address from the development mailbox.
    page.goto("/accounts/signup/")
    page.fill("input[name=email]", "giamdoc@congtymoi.vn")
    page.fill("input[name=password1]", "Nang-suat-2025!")
    page.fill("input[name=password2]", "Nang-suat-2025!")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert mail.outbox, "no confirmation e-mail was sent"
    # The link is absolute on SITE_URL (tests/accounts/test_email_links.py); its path opens here.
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[-1].body).group(1)
    page.goto(link)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    if "/accounts/login/" in page.url:
        page.fill("input[name=login]", "giamdoc@congtymoi.vn")
        page.fill("input[name=password]", "Nang-suat-2025!")
        page.locator("form button[type=submit]").last.click()
        page.wait_for_load_state()

    # The home page invites the new user to register an enterprise.
    page.goto("/home/")
    assert "Bạn chưa là người đại diện" in page.content()
    assert_accessible(page)
    page.get_by_role("link", name="Đăng ký doanh nghiệp mới").first.click()
    page.wait_for_url("**/enterprises/mine/register/")
    assert_accessible(page)
    page.fill("input[name=tax_code]", "0312 687 878")
    page.fill("input[name=name]", "Công ty TNHH Cơ khí Chu Lai")
    page.select_option(
        "select[name=sector]", label="    25 – Sản xuất sản phẩm từ kim loại đúc sẵn (trừ máy móc, thiết bị)"
    )
    page.fill("input[name=employees]", "45")
    page.fill("input[name=revenue]", "30000000000")
    page.fill("input[name=position]", "Giám đốc")
    page.get_by_role("button", name="Đăng ký doanh nghiệp").click()
    page.wait_for_url("**/enterprises/mine/")
    assert "Chờ xác minh" in page.content()
    assert_accessible(page)

    rep = Representative.objects.get(user__email="giamdoc@congtymoi.vn")
    assert (rep.status, rep.enterprise.tax_code, rep.enterprise.size_class) == ("pending", "0312687878", "small")

    # Staff verify the request.
    staff_page = sign_in(make_user("staff", email="chuyenvien@test.vn", full_name="Lê Hoa"))
    staff_page.goto("/enterprises/representatives/")
    assert_accessible(staff_page)
    staff_page.get_by_role("button", name="Xác minh").click()
    staff_page.wait_for_load_state()
    assert "đã là người đại diện được xác minh" in staff_page.content()
    rep.refresh_from_db()
    assert rep.status == "verified"

    # The representative sees it verified.
    page.goto("/enterprises/mine/")
    assert "Đã xác minh" in page.content()
    page.get_by_role("link", name="Công ty TNHH Cơ khí Chu Lai").click()
    assert "Bạn là người đại diện đã được xác minh" in page.content()


def test_staff_list_and_detail_are_accessible(sign_in, make_user, reference):
    SectorFactory(code="10", size_group="industry")
    enterprises = EnterpriseFactory.create_batch(30)
    staff_page = sign_in(make_user("staff", full_name="Lê Hoa"))  # a long random name overflows the navbar
    staff_page.goto("/enterprises/?q=cong+ty")
    assert "Công ty TNHH Thử nghiệm" in staff_page.content()
    assert_accessible(staff_page)
    # Choosing a period after 1 Jul 2025 swaps the district list for Đà Nẵng's communes (HTMX).
    assert staff_page.locator("#id_unit option", has_text="Huyện Nông Sơn").count() == 1
    staff_page.fill("#id_period_from", "2025-08-01")
    staff_page.locator("#id_period_from").dispatch_event("change")
    expect(staff_page.locator("#id_unit option", has_text="Xã Nông Sơn")).to_have_count(1)
    expect(staff_page.locator("#id_unit option", has_text="Huyện Nông Sơn")).to_have_count(0)
    staff_page.goto(f"/enterprises/{enterprises[0].pk}/")
    assert_accessible(staff_page)
    staff_page.goto(f"/enterprises/{enterprises[0].pk}/edit/")
    assert_accessible(staff_page)
    staff_page.goto("/enterprises/import/")
    assert_accessible(staff_page)
