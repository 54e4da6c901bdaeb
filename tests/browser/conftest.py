"""Fixtures and steps shared by the browser journeys."""

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(settings):
    """The demo data (``seed_demo``), seeded for the test; the portal then runs with DEBUG off."""
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False


def click(pg, name):
    """Press the button ``name`` in the page's main part and wait for the next page."""
    with pg.expect_navigation():
        pg.locator("main").get_by_role("button", name=name, exact=True).click()


def follow(pg, name):
    """Follow the (first) link ``name`` in the page's main part."""
    with pg.expect_navigation():
        pg.locator("main").get_by_role("link", name=name, exact=True).first.click()


def review_fund_decide_complete_accept_and_pay(
    *,
    staff,
    finance,
    leader,
    enterprise,
    detail,
    code,
    decision_number,
    day,
    pdf,
    report,
    amount,
    voucher,
    on_review=None,
):
    """From a submitted application to its payment, each person on their own page: the specialist
    reviews and recommends, finance approves the budget, the leader signs the decision, the
    enterprise starts and reports completion, the specialist accepts, finance pays ``amount``.
    ``on_review(page)`` runs on the specialist's page once the checklist is saved."""
    staff.goto(detail)
    click(staff, "Tiếp nhận thẩm định")
    for select in staff.locator("#review select").all():
        select.select_option("yes")
    click(staff, "Lưu kết quả kiểm tra")
    if on_review is not None:
        on_review(staff)
    click(staff, "Đề xuất hỗ trợ")

    finance.goto("/applications/budget/")
    assert code in finance.content()
    finance.goto(detail)
    follow(finance, "Duyệt kinh phí")
    click(finance, "Xác nhận")

    leader.goto("/applications/decisions/")
    follow(leader, code)
    leader.fill("input[name=decision_number]", decision_number)
    leader.fill("input[name=decision_date]", day.isoformat())
    click(leader, "Xác nhận")

    enterprise.goto(detail)
    click(enterprise, "Báo cáo đã bắt đầu thực hiện")
    follow(enterprise, "Nộp báo cáo hoàn thành")
    follow(enterprise, "Nhập số liệu của doanh nghiệp khi hoàn thành")
    enterprise.fill("input[name=revenue]", "13000")
    enterprise.fill("input[name=material_costs]", "9400")
    enterprise.fill("input[name=employees]", "40")
    click(enterprise, "Lưu số liệu")
    enterprise.set_input_files("input[name=file1]", str(pdf))
    enterprise.fill("textarea[name=report]", report)
    click(enterprise, "Gửi báo cáo hoàn thành")

    staff.goto(detail)
    follow(staff, "Nghiệm thu kết quả")
    click(staff, "Xác nhận")
    finance.goto(detail)
    follow(finance, "Ghi nhận thanh toán")
    finance.fill("input[name=amount]", str(amount))
    finance.fill("input[name=paid_on]", day.isoformat())
    finance.fill("input[name=voucher]", voucher)
    click(finance, "Xác nhận")
