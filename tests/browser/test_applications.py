"""The whole life of a support application in a browser, across five people."""

import re

import pytest
from django.core import mail
from django.utils import timezone

from programs.applications.models import Status, SupportApplication
from tests.accounts.factories import UserFactory
from tests.applications import conftest as application_fixtures
from tests.applications.factories import PDF_BYTES, RepresentativeFactory, pdf_text
from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# The small world of the application tests (plan, approved estimate, open scheme, people).
roles = application_fixtures.roles
world = application_fixtures.world


def _accessible(pg):
    """axe-core once the page has settled (fonts and transitions done)."""
    pg.wait_for_load_state("networkidle")
    pg.wait_for_timeout(200)
    assert_accessible(pg)


def _click(pg, name):
    with pg.expect_navigation():
        pg.locator("main").get_by_role("button", name=name, exact=True).click()


def _link(pg, name):
    with pg.expect_navigation():
        pg.locator("main").get_by_role("link", name=name, exact=True).first.click()


def test_apply_review_fund_decide_complete_accept_and_pay(world, sign_in, live_server, tmp_path):
    rep = RepresentativeFactory(
        enterprise=world.enterprise, user=UserFactory(email="enterprise@demo.vn", roles=("enterprise",))
    ).user
    mail.outbox.clear()
    pdf = tmp_path / "don-de-nghi.pdf"
    pdf.write_bytes(PDF_BYTES)

    # The enterprise applies, step by step.
    ent = sign_in(rep)
    ent.goto("/applications/new/")
    ent.check(f"input[name=scheme][value='{world.scheme.pk}']")
    _click(ent, "Bắt đầu soạn hồ sơ")
    _accessible(ent)
    _link(ent, "Dự án và chi phí")
    ent.fill("input[name=project_title]", "Áp dụng ISO 9001:2015 tại nhà máy Điện Bàn")
    ent.fill("textarea[name=project_description]", "Xây dựng, áp dụng và chứng nhận hệ thống quản lý chất lượng.")
    ent.fill("input[name=eligible_cost]", "180000000")
    ent.fill("input[name=requested_amount]", "90000000")
    _click(ent, "Lưu và tiếp tục")
    _link(ent, "Số liệu của doanh nghiệp năm gần nhất")
    ent.fill("input[name=year]", str(timezone.localdate().year - 1))
    ent.fill("input[name=revenue]", "12000")
    ent.fill("input[name=material_costs]", "9000")
    ent.fill("input[name=employees]", "40")
    _accessible(ent)
    _click(ent, "Lưu số liệu")
    _link(ent, "Tài liệu")
    ent.set_input_files(f"input[name=doc_{world.required.pk}]", str(pdf))
    _click(ent, "Lưu và tiếp tục")
    _link(ent, "Cam kết")
    ent.check("input[name=declaration_accepted]")
    _click(ent, "Lưu và tiếp tục")
    assert "90.000.000 ₫" in ent.locator("#proposed-amount").inner_text()
    _accessible(ent)
    _click(ent, "Đồng ý và nộp hồ sơ")
    code = ent.locator("#reference-code").inner_text()
    assert re.fullmatch(rf"NSCL-{timezone.localdate().year}-\d{{4}}", code)
    assert "Các bước tiếp theo" in ent.content()
    _accessible(ent)
    receipt = ent.request.get(ent.get_by_role("link", name="Tải giấy biên nhận (PDF)").get_attribute("href"))
    assert receipt.headers["content-type"] == "application/pdf"
    assert code in pdf_text(receipt.body())
    app = SupportApplication.objects.get(reference_code=code)
    detail = f"/applications/{app.pk}/"

    # Staff review and recommend.
    staff = sign_in(world.staff)
    staff.goto("/applications/queue/")
    assert code in staff.content()
    _accessible(staff)
    staff.goto(detail)
    _click(staff, "Tiếp nhận thẩm định")
    for select in staff.locator("#review select").all():
        select.select_option("yes")
    _click(staff, "Lưu kết quả kiểm tra")
    _accessible(staff)
    _click(staff, "Đề xuất hỗ trợ")

    # Finance approves the budget.
    finance = sign_in(world.finance)
    finance.goto("/applications/budget/")
    assert code in finance.content()
    finance.goto(detail)
    _link(finance, "Duyệt kinh phí")
    _click(finance, "Xác nhận")

    # The leader signs the decision.
    leader = sign_in(world.leader)
    leader.goto("/applications/decisions/")
    _link(leader, code)
    leader.fill("input[name=decision_number]", "215/QĐ-SKHCN")
    leader.fill("input[name=decision_date]", timezone.localdate().isoformat())
    _click(leader, "Xác nhận")

    # The enterprise carries out the project and reports completion.
    ent.goto(detail)
    _click(ent, "Báo cáo đã bắt đầu thực hiện")
    _link(ent, "Nộp báo cáo hoàn thành")
    _link(ent, "Nhập số liệu của doanh nghiệp khi hoàn thành")
    ent.fill("input[name=revenue]", "13000")
    ent.fill("input[name=material_costs]", "9400")
    ent.fill("input[name=employees]", "40")
    _click(ent, "Lưu số liệu")
    ent.set_input_files("input[name=file1]", str(pdf))
    ent.fill("textarea[name=report]", "Doanh nghiệp đã được cấp giấy chứng nhận ISO 9001:2015.")
    _click(ent, "Gửi báo cáo hoàn thành")

    # Staff accept; finance pays.
    staff.goto(detail)
    _link(staff, "Nghiệm thu kết quả")
    _click(staff, "Xác nhận")
    finance.goto(detail)
    _link(finance, "Ghi nhận thanh toán")
    finance.fill("input[name=amount]", "90000000")
    finance.fill("input[name=paid_on]", timezone.localdate().isoformat())
    finance.fill("input[name=voucher]", "UNC-0815")
    _click(finance, "Xác nhận")

    app.refresh_from_db()
    assert app.status == Status.DISBURSED
    assert (app.approved_amount, app.disbursed_amount, app.decision_number) == (90_000_000, 90_000_000, "215/QĐ-SKHCN")

    # Every step is on the enterprise's timeline, and the enterprise got an e-mail for each.
    ent.goto(detail)
    timeline = ent.locator("#timeline").inner_text()
    labels = [
        "Mới nộp",
        "Đang xử lý",
        "Đề xuất hỗ trợ",
        "Đã duyệt kinh phí",
        "Đã phê duyệt hỗ trợ",
        "Đang thực hiện",
        "Đã nộp báo cáo hoàn thành",
        "Đã nghiệm thu",
        "Đã thanh toán (hoàn thành)",
    ]
    for label in labels:
        assert label in timeline, label
    assert "215/QĐ-SKHCN" in timeline
    _accessible(ent)
    to_enterprise = [m.subject for m in mail.outbox if rep.email in m.to]
    for label in labels:
        assert any(subject.endswith(f"Hồ sơ {code}: {label}") for subject in to_enterprise), label


def test_a_refused_upload_shows_an_accessible_error_summary_and_keeps_the_draft(world, sign_in, tmp_path):
    from tests.applications.conftest import make_draft
    from tests.applications.factories import ELF_BYTES

    app = make_draft(world)
    hostile = tmp_path / "hop-dong.pdf"
    hostile.write_bytes(ELF_BYTES)
    ent = sign_in(world.rep)
    ent.goto(f"/applications/{app.pk}/documents/")
    ent.set_input_files("input[name=other]", str(hostile))
    _click(ent, "Tải lên")
    summary = ent.locator(".error-summary")
    assert "hop-dong.pdf" in summary.inner_text()
    assert ent.evaluate("document.activeElement.classList.contains('error-summary')")
    _accessible(ent)
    _link(ent, "Quay lại hồ sơ của bạn")
    _link(ent, "Dự án và chi phí")
    assert ent.input_value("input[name=project_title]") == "Áp dụng ISO 9001:2015"


def test_public_status_lookup_is_accessible(world, page):
    from tests.applications.conftest import make_application

    app = make_application(world, Status.UNDER_REVIEW)
    page.goto("/applications/status/")
    page.fill("input[name=reference_code]", app.reference_code)
    page.fill("input[name=tax_code]", world.enterprise.tax_code)
    _click(page, "Tra cứu")
    assert "Đang xử lý" in page.locator("main").inner_text()
    _accessible(page)
