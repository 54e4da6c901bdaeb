"""On the freshly seeded demo, an application started today under the plan in force (Đà Nẵng
2026-2030) goes through every step to disbursement, in a browser, with the demo accounts."""

import re

import pytest

from accounts.models import User
from core import clock
from programs.applications.models import Status, SupportApplication, SupportScheme
from programs.demo import next_plan
from tests.applications.factories import PDF_BYTES
from tests.browser.conftest import click, follow, review_fund_decide_complete_accept_and_pay
from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
    click(ent, "Bắt đầu soạn hồ sơ")
    follow(ent, "Dự án và chi phí")
    ent.fill("input[name=project_title]", "Áp dụng 5S tại xưởng chế biến")
    ent.fill("textarea[name=project_description]", "Đào tạo, triển khai và duy trì 5S tại toàn bộ nhà xưởng.")
    ent.fill("input[name=eligible_cost]", "80000000")
    ent.fill("input[name=requested_amount]", "40000000")
    click(ent, "Lưu và tiếp tục")
    follow(ent, "Số liệu của doanh nghiệp năm gần nhất")
    ent.fill("input[name=year]", str(today.year - 1))
    ent.fill("input[name=revenue]", "12000")
    ent.fill("input[name=material_costs]", "9000")
    ent.fill("input[name=employees]", "40")
    click(ent, "Lưu số liệu")
    follow(ent, "Tài liệu")
    for document in required:
        ent.set_input_files(f"input[name=doc_{document.pk}]", str(pdf))
    click(ent, "Lưu và tiếp tục")
    follow(ent, "Cam kết")
    ent.check("input[name=declaration_accepted]")
    click(ent, "Lưu và tiếp tục")
    assert "40.000.000 ₫" in ent.locator("#proposed-amount").inner_text()
    click(ent, "Đồng ý và nộp hồ sơ")
    code = ent.locator("#reference-code").inner_text()
    assert re.fullmatch(rf"NSCL-DNG-{today.year}-\d{{4}}", code)
    app = SupportApplication.objects.get(reference_code=code)
    assert (app.scheme.plan, app.year) == (plan, today.year)
    detail = f"/applications/{app.pk}/"

    # The city's specialist, finance and leader take it from there, and the enterprise carries it out.
    staff = sign_in(people["staff"])
    staff.goto("/applications/queue/?status=submitted")
    assert code in staff.content()
    finance = sign_in(people["finance"])
    review_fund_decide_complete_accept_and_pay(
        staff=staff,
        finance=finance,
        leader=sign_in(people["leader"]),
        enterprise=ent,
        detail=detail,
        code=code,
        decision_number="88/QĐ-SKHCN",
        day=today,
        pdf=pdf,
        report="Nhà xưởng đã áp dụng 5S; năng suất tăng 12 %.",
        amount=40_000_000,
        voucher="UNC-DEMO-01",
    )
    finance.goto("/applications/budget/")
    assert_accessible(finance)

    app.refresh_from_db()
    assert app.status == Status.DISBURSED
    assert (app.approved_amount, app.disbursed_amount, app.decision_date) == (40_000_000, 40_000_000, today)
    assert (app.estimate.plan, app.estimate.year) == (plan, today.year)
    ent.goto(detail)
    timeline = ent.locator("#timeline").inner_text()
    for label in ("Mới nộp", "Đã duyệt kinh phí", "Đã phê duyệt hỗ trợ", "Đã thanh toán (hoàn thành)"):
        assert label in timeline, label
