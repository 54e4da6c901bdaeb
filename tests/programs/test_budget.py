"""Budget estimates: staff propose, finance appraise and approve; every step audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.models import AuditEvent
from core.workflow import InvalidTransition
from programs.models import BudgetEstimate, EstimateStatus
from programs.selectors import budget_by_source
from programs.services import estimate_appraise, estimate_approve, estimate_propose, estimate_return

from .factories import BudgetEstimateFactory, FundingSourceFactory, PlanFactory

pytestmark = pytest.mark.django_db


def _audit(estimate):
    return list(
        AuditEvent.objects.filter(object_id=str(estimate.pk), action__startswith="programs.estimate.")
        .order_by("created_at", "pk")
        .values_list("action", "data", "actor__email")
    )


def test_staff_propose_finance_appraise_and_approve_all_audited(users):
    plan, source = PlanFactory(), FundingSourceFactory(code="resolution-02")
    estimate = estimate_propose(plan=plan, year=2023, source=source, amount=2_600_000_000, actor=users["staff"])
    estimate_appraise(estimate=estimate, amount=2_400_000_000, actor=users["finance"])
    estimate = estimate_approve(estimate=estimate, actor=users["finance"])
    estimate.refresh_from_db()
    assert (estimate.status, estimate.proposed_amount, estimate.appraised_amount, estimate.approved_amount) == (
        EstimateStatus.APPROVED,
        2_600_000_000,
        2_400_000_000,
        2_400_000_000,
    )
    assert _audit(estimate) == [
        ("programs.estimate.propose", {"proposed_amount": 2_600_000_000}, "staff@test.vn"),
        (
            "programs.estimate.appraise",
            {"appraised_amount": 2_400_000_000, "from_status": "proposed", "to_status": "appraised"},
            "finance@test.vn",
        ),
        (
            "programs.estimate.approve",
            {"approved_amount": 2_400_000_000, "from_status": "appraised", "to_status": "approved"},
            "finance@test.vn",
        ),
    ]


def test_staff_cannot_approve_and_nothing_changes(users, client_for):
    estimate = BudgetEstimateFactory(status=EstimateStatus.APPRAISED, appraised_amount=1_000_000_000)
    with pytest.raises(PermissionDenied):
        estimate_approve(estimate=estimate, actor=users["staff"])
    for role in ("staff", "leader", "enterprise"):
        response = client_for(users[role]).post(
            reverse("programs:estimate_decide", args=[estimate.pk, "approve"]), {"amount": 1_000_000_000}
        )
        assert response.status_code == 403
    estimate.refresh_from_db()
    assert (estimate.status, estimate.approved_amount) == (EstimateStatus.APPRAISED, 0)
    assert _audit(estimate) == []
    for role in ("leader", "partner", "enterprise"):
        with pytest.raises(PermissionDenied):
            estimate_propose(plan=estimate.plan, year=2024, source=estimate.source, amount=1, actor=users[role])
    assert BudgetEstimate.objects.count() == 1


def test_finance_approves_through_the_page(users, client_for):
    estimate = BudgetEstimateFactory(status=EstimateStatus.APPRAISED, appraised_amount=1_800_000_000)
    finance = client_for(users["finance"])
    response = finance.post(
        reverse("programs:estimate_decide", args=[estimate.pk, "approve"]), {"amount": 1_700_000_000}
    )
    assert response.status_code == 302
    estimate.refresh_from_db()
    assert (estimate.status, estimate.approved_amount) == (EstimateStatus.APPROVED, 1_700_000_000)
    page = finance.get(reverse("programs:estimate_detail", args=[estimate.pk])).content.decode()
    assert "1.700.000.000 ₫" in page


def test_return_needs_a_reason_and_allows_a_new_proposal(users):
    estimate = BudgetEstimateFactory()
    with pytest.raises(ValidationError, match="Nhập lý do trả lại dự toán"):
        estimate_return(estimate=estimate, reason=" ", actor=users["finance"])
    estimate_return(estimate=estimate, reason="Thiếu thuyết minh dự toán", actor=users["finance"])
    with pytest.raises(
        InvalidTransition, match="Không thể chuyển dự toán kinh phí đang ở trạng thái “.+” sang “Đã phê duyệt”"
    ):
        estimate_approve(estimate=estimate, actor=users["finance"])
    again = estimate_propose(
        plan=estimate.plan, year=estimate.year, source=estimate.source, amount=1_200_000_000, actor=users["staff"]
    )
    assert (again.pk, again.status, again.proposed_amount) == (estimate.pk, EstimateStatus.PROPOSED, 1_200_000_000)
    assert [a for a, _, _ in _audit(estimate)] == ["programs.estimate.return", "programs.estimate.propose"]
    assert AuditEvent.objects.get(action="programs.estimate.return").reason == "Thiếu thuyết minh dự toán"


def test_approved_cannot_go_below_reserved(users):
    estimate = BudgetEstimateFactory(status=EstimateStatus.APPRAISED, appraised_amount=100)
    BudgetEstimate.objects.filter(pk=estimate.pk).update(approved_amount=500, reserved_amount=300)
    with pytest.raises(ValidationError, match=r"Số phê duyệt không được nhỏ hơn số đã giữ chỗ\."):
        estimate_approve(estimate=estimate, amount=200, actor=users["finance"])
    estimate.refresh_from_db()
    assert (estimate.status, estimate.approved_amount) == (EstimateStatus.APPRAISED, 500)


def test_budget_by_source_rows_and_totals():
    plan = PlanFactory()
    a, b = FundingSourceFactory(code="a-src"), FundingSourceFactory(code="b-src")
    BudgetEstimateFactory(
        plan=plan, source=a, year=2021, approved_amount=1000, reserved_amount=400, disbursed_amount=100
    )
    BudgetEstimateFactory(plan=plan, source=a, year=2022, approved_amount=2000, reserved_amount=500)
    BudgetEstimateFactory(plan=plan, source=b, year=2022, approved_amount=300)
    summary = budget_by_source(plan=plan)
    assert [(r.source.code, r.year, r.approved, r.reserved, r.disbursed, r.remaining) for r in summary.rows] == [
        ("a-src", 2021, 1000, 400, 100, 600),
        ("a-src", 2022, 2000, 500, 0, 1500),
        ("b-src", 2022, 300, 0, 0, 300),
    ]
    assert [(r.source.code, r.approved, r.remaining) for r in summary.by_source] == [
        ("a-src", 3000, 2100),
        ("b-src", 300, 300),
    ]
    assert (summary.totals.approved, summary.totals.reserved, summary.totals.disbursed, summary.totals.remaining) == (
        3300,
        900,
        100,
        2400,
    )
    only_2022 = budget_by_source(plan=plan, year_from=2022, year_to=2022)
    assert only_2022.totals.approved == 2300
