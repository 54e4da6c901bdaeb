import pytest

from accounts.models import User
from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_home_is_vietnamese_and_accessible(page):
    response = page.goto("/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "vi"
    assert "nâng cao năng suất và chất lượng" in page.locator("h1").inner_text()
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/khong-co/"])
def test_account_pages_are_accessible(page, path):
    page.goto(path)
    assert_accessible(page)


def test_enterprise_demo_account_signs_in_and_sees_its_home(page, demo):
    page.goto("/accounts/login/")
    page.fill("input[name=login]", "enterprise@demo.vn")
    page.fill("input[name=password]", "demo12345")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/home/")
    assert "Võ Thị Thu Hà" in page.content()
    assert_accessible(page)


def test_language_switcher_changes_to_english_with_its_button_not_on_selection(page):
    page.goto("/")
    page.select_option("#language-select", "en")
    page.wait_for_timeout(300)
    assert page.locator("html").get_attribute("lang") == "vi"  # choosing does not reload (WCAG 3.2.2)
    with page.expect_navigation():
        page.get_by_role("button", name="Đổi", exact=True).click()
    assert page.locator("html").get_attribute("lang") == "en"


@pytest.mark.parametrize("email", ["admin@demo.vn", "leader@demo.vn"])
def test_internal_shell_pages_are_accessible(sign_in, demo, email):
    pg = sign_in(User.objects.get(email=email))
    for path in ("/home/", "/home/audit/"):
        pg.goto(path)
        assert_accessible(pg)
