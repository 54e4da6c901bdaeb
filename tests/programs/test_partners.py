"""Partner reporting: submit, approve (locks the period), return, unlock with an audited reason."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.models import AuditEvent
from programs.models import IndicatorSource, PartnerActivity, PartnerReport, PartnerReportStatus
from programs.selectors import plan_kpis
from programs.services import (
    partner_activity_save,
    partner_figure_save,
    partner_report_approve,
    partner_report_return,
    partner_report_save,
    partner_report_submit,
    partner_report_unlock,
)
from programs.services.partners import PeriodLocked

from .factories import IndicatorFactory, PartnerOrganisationFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(users):
    plan = PlanFactory()
    indicator = IndicatorFactory(
        objective__plan=plan, source=IndicatorSource.PARTNER, measure="partner.figures", target_min=Decimal(100)
    )
    org = PartnerOrganisationFactory(name="Liên minh Hợp tác xã tỉnh")
    org.users.add(users["partner"])
    indicator.reported_by.add(org)
    report = partner_report_save(report=PartnerReport(organisation=org, plan=plan, year=2023), actor=users["partner"])
    partner_figure_save(
        report=report,
        indicator=indicator,
        value=Decimal(40),
        evidence_note="Danh sách kèm theo",
        actor=users["partner"],
    )
    partner_activity_save(
        activity=PartnerActivity(report=report, title="Phổ biến kế hoạch", date="2023-05-02"), actor=users["partner"]
    )
    return plan, indicator, report


def test_approved_period_is_locked_and_unlock_is_audited(users, setup, client_for):
    plan, indicator, report = setup
    partner, staff = users["partner"], users["staff"]
    partner_report_submit(report=report, actor=partner)
    with pytest.raises(ValidationError, match=r"Báo cáo đã được gửi nên không thể sửa nữa\."):
        partner_figure_save(report=report, indicator=indicator, value=Decimal(1), actor=partner)
    partner_report_approve(report=report, actor=staff)
    report.refresh_from_db()
    assert report.is_locked
    assert plan_kpis(plan=plan)[0].yearly_actual[2023] == Decimal(40)

    with pytest.raises(PeriodLocked, match=r"Kỳ báo cáo này đã được duyệt và khóa số liệu"):
        partner_figure_save(report=report, indicator=indicator, value=Decimal(99), actor=partner)
    with pytest.raises(PeriodLocked, match=r"Kỳ báo cáo này đã được duyệt và khóa số liệu"):
        partner_report_save(report=report, actor=partner)
    pc = client_for(partner)
    assert pc.get(reverse("programs:partner_report_edit", args=[report.pk])).status_code == 403
    response = pc.post(
        reverse("programs:partner_figure_add", args=[report.pk]), {"indicator": indicator.pk, "value": "99"}
    )
    assert response.status_code == 403
    assert "locked" in response.content.decode() or "khóa" in response.content.decode()
    assert report.figures.get().value == Decimal(40)

    with pytest.raises(ValidationError, match=r"Nhập lý do\."):
        partner_report_unlock(report=report, reason="", actor=staff)
    with pytest.raises(PermissionDenied):
        partner_report_unlock(report=report, reason="Sai số liệu", actor=partner)
    partner_report_unlock(report=report, reason="Sai số liệu quý IV", actor=staff)
    report.refresh_from_db()
    assert (report.status, report.return_reason) == (PartnerReportStatus.RETURNED, "Sai số liệu quý IV")
    event = AuditEvent.objects.get(action="programs.partner_report.unlock")
    assert (event.actor, event.reason, event.object_id) == (staff, "Sai số liệu quý IV", str(report.pk))
    # No longer approved: its figures no longer count; the partner may correct them.
    assert plan_kpis(plan=plan)[0].yearly_actual[2023] == Decimal(0)
    partner_figure_save(report=report, indicator=indicator, value=Decimal(45), actor=partner)
    assert report.figures.get().value == Decimal(45)


def test_return_with_reason_and_resubmit(users, setup):
    _plan, _indicator, report = setup
    partner_report_submit(report=report, actor=users["partner"])
    with pytest.raises(PermissionDenied):
        partner_report_return(report=report, reason="Thiếu minh chứng", actor=users["partner"])
    partner_report_return(report=report, reason="Thiếu minh chứng", actor=users["staff"])
    report.refresh_from_db()
    assert report.status == PartnerReportStatus.RETURNED
    partner_report_submit(report=report, actor=users["partner"])
    report.refresh_from_db()
    assert report.status == PartnerReportStatus.SUBMITTED
    actions = list(
        AuditEvent.objects.filter(object_id=str(report.pk), action__startswith="programs.partner_report.")
        .order_by("created_at", "pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "programs.partner_report.create",
        "programs.partner_report.submit",
        "programs.partner_report.return",
        "programs.partner_report.submit",
    ]


def test_other_partners_cannot_see_or_edit(users, setup, make_user, client_for):
    _plan, indicator, report = setup
    outsider = make_user("partner", email="other@test.vn")
    with pytest.raises(PermissionDenied):
        partner_figure_save(report=report, indicator=indicator, value=Decimal(1), actor=outsider)
    assert client_for(outsider).get(reverse("programs:partner_report_detail", args=[report.pk])).status_code == 404
    assert (
        client_for(users["partner"]).get(reverse("programs:partner_report_detail", args=[report.pk])).status_code == 200
    )


def test_one_report_per_organisation_and_period(users, setup):
    plan, _indicator, report = setup
    with pytest.raises(ValidationError, match=r"Đơn vị của bạn đã có báo cáo cho kỳ này\."):
        partner_report_save(
            report=PartnerReport(organisation=report.organisation, plan=plan, year=2023), actor=users["partner"]
        )
    with pytest.raises(ValidationError, match=r"Năm phải nằm trong thời gian của kế hoạch\."):
        partner_report_save(
            report=PartnerReport(organisation=report.organisation, plan=plan, year=2030), actor=users["partner"]
        )


def test_a_partner_adds_a_figure_for_an_indicator_its_organisation_reports(users, make_user, client_for):
    plan = PlanFactory()
    ours = IndicatorFactory(objective__plan=plan, code="p.1", source=IndicatorSource.PARTNER, measure="partner.figures")
    theirs = IndicatorFactory(
        objective=ours.objective, code="p.2", source=IndicatorSource.PARTNER, measure="partner.figures"
    )
    org = PartnerOrganisationFactory(name="Sở Công Thương")
    org.users.add(users["partner"])
    ours.reported_by.add(org)
    other = PartnerOrganisationFactory(name="Hội Doanh nhân trẻ")
    theirs.reported_by.add(other)
    report = partner_report_save(report=PartnerReport(organisation=org, plan=plan, year=2023), actor=users["partner"])
    c = client_for(users["partner"])
    page = c.get(reverse("programs:partner_report_detail", args=[report.pk])).content.decode()
    assert f'<option value="{ours.pk}">' in page
    assert f'<option value="{theirs.pk}">' not in page  # another organisation's indicator is not offered
    assert 'id="no-indicator-reason"' not in page
    response = c.post(
        reverse("programs:partner_figure_add", args=[report.pk]),
        {"indicator": ours.pk, "value": "12", "evidence_note": "Danh sách 12 doanh nghiệp"},
    )
    assert response.status_code == 302
    figure = report.figures.get()
    assert (figure.indicator, figure.value, figure.evidence_note) == (ours, Decimal(12), "Danh sách 12 doanh nghiệp")
    event = AuditEvent.objects.get(action="programs.partner_figure.save")
    assert (event.actor, event.object_id, event.data) == (
        users["partner"],
        str(report.pk),
        {"indicator": "p.1", "value": "12"},
    )
    # An indicator the organisation does not report is refused, nothing stored.
    with pytest.raises(ValidationError, match="Tổ chức của bạn không báo cáo chỉ tiêu này"):
        partner_figure_save(report=report, indicator=theirs, value=Decimal(5), actor=users["partner"])
    assert list(report.figures.values_list("indicator__code", flat=True)) == ["p.1"]
    # A partner of another organisation: the report does not exist for them.
    outsider = make_user("partner", email="ngoai@test.vn")
    other.users.add(outsider)
    oc = client_for(outsider)
    assert oc.get(reverse("programs:partner_report_detail", args=[report.pk])).status_code == 404
    response = oc.post(reverse("programs:partner_figure_add", args=[report.pk]), {"indicator": theirs.pk, "value": "1"})
    assert response.status_code == 404
    assert report.figures.count() == 1


def test_an_empty_indicator_list_says_why(users, client_for):
    plan = PlanFactory()
    org = PartnerOrganisationFactory(name="Sở Công Thương")
    org.users.add(users["partner"])
    report = partner_report_save(report=PartnerReport(organisation=org, plan=plan, year=2023), actor=users["partner"])
    c = client_for(users["partner"])
    url = reverse("programs:partner_report_detail", args=[report.pk])
    page = c.get(url).content.decode()
    assert "Kế hoạch không có chỉ tiêu nào do đối tác báo cáo" in page
    assert reverse("programs:partner_figure_add", args=[report.pk]) not in page
    IndicatorFactory(objective__plan=plan, source=IndicatorSource.PARTNER, measure="partner.figures")
    page = c.get(url).content.decode()
    assert "Chưa có chỉ tiêu nào do đối tác báo cáo của kế hoạch được giao cho Sở Công Thương" in page
