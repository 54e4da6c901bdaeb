"""The application form: money typed with dots, the scheme's cap and the computed support shown,
a request above the cap refused; required documents marked; staff see which notes the enterprise sees."""

import re

from django.urls import reverse

from programs.applications import services
from programs.applications.models import Status, SupportApplication

from .conftest import make_application
from .factories import RequiredDocumentFactory

M = 1_000_000


def _project(cost, requested):
    return {
        "project_title": "Áp dụng ISO 9001:2015",
        "project_description": "Xây dựng hệ thống.",
        "eligible_cost": cost,
        "requested_amount": requested,
    }


def test_amounts_typed_with_dots_are_stored_and_shown_grouped_with_the_cap_and_the_support(world, client_for):
    c = client_for(world.rep)
    app = services.application_create_draft(scheme=world.scheme, actor=world.rep)
    url = reverse("applications:step_project", args=[app.pk])
    response = c.post(url, _project("180.000.000", "90.000.000"))
    assert response.status_code == 302
    app.refresh_from_db()
    assert (app.eligible_cost, app.requested_amount) == (180 * M, 90 * M)
    page = c.get(url).content.decode()
    assert 'name="eligible_cost" value="180.000.000" inputmode="numeric"' in page
    assert 'type="number"' not in page
    # What the script needs to compute the support as the user types (rate 50 %, cap 100 M,
    # yearly limit 150 M with nothing used yet), and the support the stored cost gives: 90 M.
    assert 'data-support-rate="50.00" data-support-cap="100000000"' in page
    assert 'data-support-limit="150000000"' in page
    assert 'data-support-amount aria-live="polite">90.000.000 ₫</output>' in page
    assert "Mức hỗ trợ tối đa mỗi hồ sơ: 100.000.000 ₫." in page
    assert '<script src="/static/js/money.js"></script>' in page


def test_a_request_above_the_cap_is_refused_with_the_cap_and_nothing_is_saved(world, client_for):
    c = client_for(world.rep)
    app = services.application_create_draft(scheme=world.scheme, actor=world.rep)
    url = reverse("applications:step_project", args=[app.pk])
    response = c.post(url, _project("300.000.000", "120.000.000"))
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "Doanh nghiệp đề nghị 120.000.000 ₫, vượt mức hỗ trợ tối đa (100.000.000 ₫ mỗi hồ sơ): "
        "chỉ đề nghị tối đa 100.000.000 ₫." in page
    )
    assert 'value="120.000.000"' in page  # the answers stay on the form
    app = SupportApplication.objects.get(pk=app.pk)
    assert (app.eligible_cost, app.requested_amount, app.project_title) == (None, None, "")


def test_required_documents_are_marked_on_the_documents_step(world, client_for):
    RequiredDocumentFactory(policy_version=world.policy, name="Báo giá tư vấn", is_mandatory=False)
    app = services.application_create_draft(scheme=world.scheme, actor=world.rep)
    page = client_for(world.rep).get(reverse("applications:step_documents", args=[app.pk])).content.decode()
    assert "Đơn đề nghị hỗ trợ (bắt buộc)" in page
    assert "Báo giá tư vấn (không bắt buộc)" in page
    assert 'id="documents-required-note"' in page


def test_staff_see_which_notes_the_enterprise_sees_on_the_form_and_on_the_timeline(world, client_for):
    app = make_application(world, Status.UNDER_REVIEW)
    services.application_comment(
        application=app, actor=world.staff, comment="Đề nghị bổ sung báo giá.", visible_to_enterprise=True
    )
    services.application_comment(
        application=app, actor=world.staff, comment="Cần kiểm tra lại năng lực tư vấn.", visible_to_enterprise=False
    )
    staff = client_for(world.staff).get(reverse("applications:detail", args=[app.pk])).content.decode()
    assert "Doanh nghiệp sẽ thấy ghi chú này" in staff  # the form's checkbox
    assert "Để trống, ghi chú chỉ lưu nội bộ" in staff
    timeline = client_for(world.staff).get(reverse("applications:timeline", args=[app.pk])).content.decode()
    items = re.findall(r"<li>(.*?)</li>", timeline, re.S)
    seen, hidden = "Doanh nghiệp xem được", "Nội bộ: doanh nghiệp không xem được"
    (visible,) = [i for i in items if "Đề nghị bổ sung báo giá." in i]
    (internal,) = [i for i in items if "Cần kiểm tra lại năng lực tư vấn." in i]
    assert (seen in visible, hidden in visible) == (True, False)
    assert (seen in internal, hidden in internal) == (False, True)
    enterprise = client_for(world.rep).get(reverse("applications:detail", args=[app.pk])).content.decode()
    assert "Đề nghị bổ sung báo giá." in enterprise
    assert "Cần kiểm tra lại năng lực tư vấn." not in enterprise
    assert seen not in enterprise
    assert hidden not in enterprise
