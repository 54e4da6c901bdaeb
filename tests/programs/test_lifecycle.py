"""The plan's life cycle: draft → approved (decision) → active → closed; each step one service,
audited; closing needs the finalised five-year summary; a closed plan stays readable, unchanged."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.models import AuditEvent
from programs.models import Plan, PlanStatus
from programs.services import plan_activate, plan_approve, plan_close, plan_item_save, plan_save
from reports.models import ReportKind, ReportRun, ReportStatus

from .factories import AgencyFactory, ObjectiveFactory, PlanFactory

pytestmark = pytest.mark.django_db


def _audit(plan):
    return list(
        AuditEvent.objects.filter(object_id=str(plan.pk), action__startswith="programs.plan.")
        .order_by("pk")
        .values_list("action", "data", "actor__email")
    )


def _finalised_summary(plan, **extra):
    return ReportRun.objects.create(
        plan=plan,
        kind=ReportKind.FIVE_YEAR,
        data_from=datetime.date(plan.start_year - 1, 12, 15),
        data_to=datetime.date(plan.end_year, 12, 14),
        status=ReportStatus.FINALISED,
        **extra,
    )


def test_a_plan_goes_from_draft_to_closed_one_audited_step_at_a_time(users):
    staff = users["staff"]
    plan = plan_save(plan=PlanFactory.build(agency=AgencyFactory(), status=PlanStatus.ACTIVE), actor=staff)
    assert plan.status == PlanStatus.DRAFT  # a new plan is a draft whatever the form says
    plan = plan_approve(
        plan=plan, decision_number=" 12/QĐ-UBND ", decision_date=datetime.date(2026, 1, 20), actor=staff
    )
    assert (plan.status, plan.decision_number, plan.decision_date) == (
        PlanStatus.APPROVED,
        "12/QĐ-UBND",
        datetime.date(2026, 1, 20),
    )
    plan = plan_activate(plan=plan, actor=staff)
    assert plan.status == PlanStatus.ACTIVE
    _finalised_summary(plan)
    plan = plan_close(plan=plan, actor=staff)
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.CLOSED
    assert _audit(plan) == [
        ("programs.plan.create", {}, "staff@test.vn"),
        (
            "programs.plan.approve",
            {
                "decision_number": "12/QĐ-UBND",
                "decision_date": "2026-01-20",
                "from_status": "draft",
                "to_status": "approved",
            },
            "staff@test.vn",
        ),
        ("programs.plan.activate", {"from_status": "approved", "to_status": "active"}, "staff@test.vn"),
        ("programs.plan.close", {"from_status": "active", "to_status": "closed"}, "staff@test.vn"),
    ]


def test_approval_needs_the_decision_and_a_step_cannot_be_skipped(users):
    plan = PlanFactory(status=PlanStatus.DRAFT)
    with pytest.raises(ValidationError, match="Nhập số quyết định phê duyệt kế hoạch") as refusal:
        plan_approve(plan=plan, decision_number="  ", decision_date=None, actor=users["staff"])
    assert refusal.value.message_dict == {
        "decision_number": ["Nhập số quyết định phê duyệt kế hoạch."],
        "decision_date": ["Nhập ngày ban hành quyết định."],
    }
    with pytest.raises(
        ValidationError, match="Không thể chuyển kế hoạch đang ở trạng thái “Dự thảo” sang “Đang thực hiện”"
    ):
        plan_activate(plan=plan, actor=users["staff"])
    plan.refresh_from_db()
    assert (plan.status, plan.decision_number) == (PlanStatus.DRAFT, "")
    assert _audit(plan) == []


def test_closing_needs_the_finalised_five_year_summary_and_changes_nothing_without_it(users):
    plan = PlanFactory(status=PlanStatus.ACTIVE)
    refusal = "Báo cáo tổng kết 5 năm của kế hoạch phải được lãnh đạo phê duyệt trước khi kết thúc kế hoạch"
    summary = _finalised_summary(plan)
    summary.status = ReportStatus.SUCCEEDED  # built, not approved by a leader
    summary.save()
    with pytest.raises(ValidationError, match=refusal):
        plan_close(plan=plan, actor=users["staff"])
    # A finalised report of another period is not the plan's summary.
    ReportRun.objects.create(
        plan=plan,
        kind=ReportKind.FIVE_YEAR,
        data_from=datetime.date(2020, 12, 15),
        data_to=datetime.date(2024, 12, 14),
        status=ReportStatus.FINALISED,
    )
    with pytest.raises(ValidationError, match=refusal):
        plan_close(plan=plan, actor=users["staff"])
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE
    assert _audit(plan) == []


def test_only_staff_of_the_plan_agency_move_it(users, make_user):
    plan = PlanFactory(status=PlanStatus.APPROVED)
    outsider = make_user("staff", agency=AgencyFactory(code="other"))
    for actor in (users["leader"], users["finance"], outsider):
        with pytest.raises(PermissionDenied):
            plan_activate(plan=plan, actor=actor)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED


def test_a_closed_plan_stays_readable_but_cannot_be_changed(users, client_for):
    plan = PlanFactory(status=PlanStatus.CLOSED, title="Kế hoạch đã đóng")
    objective = ObjectiveFactory(plan=plan, title="Mục tiêu cũ")
    objective.title = "Sửa mục tiêu"
    with pytest.raises(ValidationError, match="Kế hoạch đã kết thúc: chỉ xem được, không thể sửa nữa"):
        plan_item_save(item=objective, actor=users["staff"])
    objective.refresh_from_db()
    assert objective.title == "Mục tiêu cũ"
    staff = client_for(users["staff"])
    page = staff.get(reverse("programs:plan_detail", args=[plan.pk])).content.decode()
    assert "Kế hoạch đã đóng" in page
    assert "Mục tiêu cũ" in page
    assert 'data-plan-status="closed"' in page
    assert reverse("programs:objective_edit", args=[objective.pk]) not in page  # nothing to edit
    assert reverse("programs:objective_create", args=[plan.pk]) not in page
    response = staff.post(
        reverse("programs:objective_edit", args=[objective.pk]), {"code": "a", "title": "Mới", "order": 1}
    )
    assert response.status_code == 400
    assert "Kế hoạch đã kết thúc: chỉ xem được, không thể sửa nữa." in response.content.decode()
    objective.refresh_from_db()
    assert objective.title == "Mục tiêu cũ"


def test_the_plan_page_moves_the_plan_through_its_steps(users, client_for):
    plan = PlanFactory(status=PlanStatus.DRAFT)
    staff = client_for(users["staff"])
    url = reverse("programs:plan_detail", args=[plan.pk])
    assert "decision_number" in staff.get(url).content.decode()
    staff.post(
        reverse("programs:plan_step", args=[plan.pk, "approve"]),
        {"decision_number": "07/QĐ-UBND", "decision_date": "2026-02-01"},
    )
    staff.post(reverse("programs:plan_step", args=[plan.pk, "activate"]))
    plan.refresh_from_db()
    assert (plan.status, plan.decision_number) == (PlanStatus.ACTIVE, "07/QĐ-UBND")
    response = staff.post(reverse("programs:plan_step", args=[plan.pk, "close"]), follow=True)
    assert "Báo cáo tổng kết 5 năm của kế hoạch phải được lãnh đạo phê duyệt" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE
