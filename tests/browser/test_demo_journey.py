"""On the freshly seeded demo, an application started today under the plan in force (Đà Nẵng
2026-2030) goes through every step to disbursement, in a browser, with the demo accounts."""

import re

import pytest
from django.core.management import call_command

from accounts.models import User
from core import clock
from programs.applications.models import Status, SupportApplication, SupportScheme
from programs.demo import next_plan
from tests.applications.factories import PDF_BYTES
from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False


def _click(pg, name):
    with pg.expect_navigation():
        pg.locator("main").get_by_role("button", name=name, exact=True).click()


def _link(pg, name):
    with pg.expect_navigation():
        pg.locator("main").get_by_role("link", name=name, exact=True).first.click()


def test_an_application_started_today_goes_from_the_enterprise_to_disbursement(demo, sign_in, tmp_path):
    plan = next_plan()
    scheme = SupportScheme.objects.get(plan=plan, item__code="5s")
    required = scheme.policy_versions.get().required_documents.filter(is_mandatory=True)
    today = clock.today()
    pdf = tmp_path / "don-de-nghi.pdf"
    pdf.write_bytes(PDF_BYTES)
    people = {role: User.objects.get(email=f"{role}@demo.vn") for role in ("enterprise", "staff", "finance", "leader")}

    # The enterprise starts today, under the plan in force.
    ent = sign_in(people["enterprise"])
    ent.goto("/home/")
    assert "2026 - 2030" in ent.locator("main").inner_text()
    ent.goto("/applications/new/")
    ent.check(f"input[name=scheme][value='{scheme.pk}']")
    _click(ent, "Bắt đầu soạn hồ sơ")
    _link(ent, "Dự án và chi phí")
    ent.fill("input[name=project_title]", "Áp dụng 5S tại xưởng chế biến")
    ent.fill("textarea[name=project_description]", "Đào tạo, triển khai và duy trì 5S tại toàn bộ nhà xưởng.")
    ent.fill("input[name=eligible_cost]", "80000000")
    ent.fill("input[name=requested_amount]", "40000000")
    _click(ent, "Lưu và tiếp tục")
    _link(ent, "Tài liệu")
    for document in required:
        ent.set_input_files(f"input[name=doc_{document.pk}]", str(pdf))
    _click(ent, "Lưu và tiếp tục")
    _link(ent, "Cam kết")
    ent.check("input[name=declaration_accepted]")
    _click(ent, "Lưu và tiếp tục")
    assert "40.000.000 ₫" in ent.locator("#proposed-amount").inner_text()
    _click(ent, "Đồng ý và nộp hồ sơ")
    code = ent.locator("#reference-code").inner_text()
    assert re.fullmatch(rf"NSCL-DNG-{today.year}-\d{{4}}", code)
    app = SupportApplication.objects.get(reference_code=code)
    assert (app.scheme.plan, app.year) == (plan, today.year)
    detail = f"/applications/{app.pk}/"

    # The city's specialist reviews and recommends.
    staff = sign_in(people["staff"])
    staff.goto("/applications/queue/?status=submitted")
    assert code in staff.content()
    staff.goto(detail)
    _click(staff, "Tiếp nhận thẩm định")
    for select in staff.locator("#review select").all():
        select.select_option("yes")
    _click(staff, "Lưu kết quả kiểm tra")
    _click(staff, "Đề xuất hỗ trợ")

    # Finance approves the budget on this year's approved estimate.
    finance = sign_in(people["finance"])
    finance.goto("/applications/budget/")
    assert code in finance.content()
    assert_accessible(finance)
    finance.goto(detail)
    _link(finance, "Duyệt kinh phí")
    _click(finance, "Xác nhận")

    # The leader signs the decision today.
    leader = sign_in(people["leader"])
    leader.goto("/applications/decisions/")
    _link(leader, code)
    leader.fill("input[name=decision_number]", "88/QĐ-SKHCN")
    leader.fill("input[name=decision_date]", today.isoformat())
    _click(leader, "Xác nhận")

    # The enterprise carries the project out and reports completion.
    ent.goto(detail)
    _click(ent, "Báo cáo đã bắt đầu thực hiện")
    _link(ent, "Nộp báo cáo hoàn thành")
    ent.set_input_files("input[name=file1]", str(pdf))
    ent.fill("textarea[name=report]", "Nhà xưởng đã áp dụng 5S; năng suất tăng 12 %.")
    _click(ent, "Gửi báo cáo hoàn thành")

    # The specialist accepts; finance pays.
    staff.goto(detail)
    _link(staff, "Nghiệm thu kết quả")
    _click(staff, "Xác nhận")
    finance.goto(detail)
    _link(finance, "Ghi nhận thanh toán")
    finance.fill("input[name=amount]", "40000000")
    finance.fill("input[name=paid_on]", today.isoformat())
    finance.fill("input[name=voucher]", "UNC-DEMO-01")
    _click(finance, "Xác nhận")

    app.refresh_from_db()
    assert app.status == Status.DISBURSED
    assert (app.approved_amount, app.disbursed_amount, app.decision_date) == (40_000_000, 40_000_000, today)
    assert (app.estimate.plan, app.estimate.year) == (plan, today.year)
    ent.goto(detail)
    timeline = ent.locator("#timeline").inner_text()
    for label in ("Mới nộp", "Đã duyệt kinh phí", "Đã phê duyệt hỗ trợ", "Đã thanh toán (hoàn thành)"):
        assert label in timeline, label
