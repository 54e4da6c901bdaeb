"""The workflow through the services: the main path, side exits, money, and the transition matrix."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import AuditEvent
from programs.applications import services
from programs.applications.models import WITHDRAWABLE_STATUSES, ApplicationEvent, Status
from programs.models import BudgetEstimate

from .conftest import STEPS, make_application, make_draft
from .factories import RepresentativeFactory, pdf_upload

M = 1_000_000


def test_main_path_writes_events_audits_and_emails_the_enterprise(world, django_capture_on_commit_callbacks):
    app = make_draft(world, cost=180 * M)
    mail.outbox.clear()
    expected_events = 0
    for status, step in STEPS:
        before = len([m for m in mail.outbox if world.rep.email in m.to])
        with django_capture_on_commit_callbacks(execute=True):
            step(world, app)
        app.refresh_from_db()
        assert app.status == status
        expected_events += 1
        after = len([m for m in mail.outbox if world.rep.email in m.to])
        assert after == before + 1, status  # the enterprise hears of every step
    with django_capture_on_commit_callbacks(execute=True):
        services.application_disburse(
            application=app, actor=world.finance, amount=90 * M, paid_on=timezone.localdate(), voucher="UNC-2025-15"
        )
    app.refresh_from_db()
    assert app.status == Status.DISBURSED
    assert world.rep.email in mail.outbox[-1].to
    assert app.reference_code.startswith(f"TEST-{timezone.localdate().year}-")  # the agency's prefix
    assert (app.proposed_amount, app.approved_amount, app.reserved_amount, app.disbursed_amount) == (
        90 * M,
        90 * M,
        90 * M,
        90 * M,
    )
    assert app.decision_number == "123/QĐ-SKHCN"
    statuses = list(app.events.exclude(to_status="").values_list("to_status", flat=True))
    assert statuses == [s for s, _ in STEPS] + [Status.DISBURSED]
    assert all(e.visible_to_enterprise for e in app.events.exclude(to_status=""))
    estimate = BudgetEstimate.objects.get(pk=world.estimate.pk)
    assert (estimate.reserved_amount, estimate.disbursed_amount) == (90 * M, 90 * M)
    actions = set(
        AuditEvent.objects.filter(object_id=str(app.pk), action__startswith="application.").values_list(
            "action", flat=True
        )
    )
    assert {f"application.{s}" for s, _ in STEPS} | {"application.disbursed", "application.disbursement"} <= actions
    # Internal people are told too: staff on submission, finance on recommendation, leader on budget.
    for person in (world.staff, world.finance, world.leader):
        assert any(person.email in m.to for m in mail.outbox)
    # ... in messages of their own: the enterprise never sees the department's addresses.
    assert all(m.to == [world.rep.email] for m in mail.outbox if world.rep.email in m.to)


def test_events_are_append_only(world):
    app = make_application(world, Status.SUBMITTED)
    event = app.events.get()
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()


def test_budget_refused_when_the_estimate_has_too_little_left(world):
    world.estimate.approved_amount = 150 * M
    world.estimate.save()
    world.policy.yearly_limit = None
    world.policy.save()
    first = make_application(world, Status.RECOMMENDED, cost=200 * M)  # 100 M
    services.application_approve_budget(application=first, actor=world.finance)
    second = make_application(world, Status.RECOMMENDED, cost=120 * M)  # 60 M: only 50 M left
    events = second.events.count()
    with pytest.raises(ValidationError) as caught:
        services.application_approve_budget(application=second, actor=world.finance)
    assert "50.000.000 ₫" in caught.value.messages[0]
    assert "60.000.000 ₫" in caught.value.messages[0]
    second.refresh_from_db()
    assert second.status == Status.RECOMMENDED
    assert (second.approved_amount, second.reserved_amount, second.estimate_id) == (0, 0, None)
    assert second.events.count() == events
    assert BudgetEstimate.objects.get(pk=world.estimate.pk).reserved_amount == 100 * M


def test_no_approved_estimate_is_a_clear_refusal(world):
    app = make_application(world, Status.RECOMMENDED)
    BudgetEstimate.objects.filter(pk=world.estimate.pk).update(status="proposed")
    with pytest.raises(ValidationError) as caught:
        services.application_approve_budget(application=app, actor=world.finance)
    assert world.estimate.source.name in caught.value.messages[0]
    app.refresh_from_db()
    assert app.status == Status.RECOMMENDED


@pytest.mark.parametrize("how", ["withdraw", "leader_rejects"])
def test_withdrawal_or_refusal_after_reservation_releases_the_money(world, how):
    app = make_application(world, Status.BUDGET_APPROVED)
    assert BudgetEstimate.objects.get(pk=world.estimate.pk).reserved_amount == 100 * M
    if how == "withdraw":
        services.application_withdraw(application=app, actor=world.rep, reason="Không còn nhu cầu.")
        expected = Status.WITHDRAWN
    else:
        services.application_reject(application=app, actor=world.leader, reason="Không phù hợp.")
        expected = Status.REJECTED
    app.refresh_from_db()
    assert app.status == expected
    assert app.reserved_amount == 0
    assert BudgetEstimate.objects.get(pk=world.estimate.pk).reserved_amount == 0
    assert AuditEvent.objects.filter(action="estimate.released", object_id=str(world.estimate.pk)).count() == 1


def test_disbursements_never_exceed_the_approved_amount(world):
    app = make_application(world, Status.ACCEPTED)  # approved 100 M
    today = timezone.localdate()
    services.application_disburse(application=app, actor=world.finance, amount=60 * M, paid_on=today, voucher="UNC-1")
    app.refresh_from_db()
    assert app.status == Status.ACCEPTED
    with pytest.raises(ValidationError) as caught:
        services.application_disburse(
            application=app, actor=world.finance, amount=41 * M, paid_on=today, voucher="UNC-2"
        )
    assert "40.000.000 ₫" in caught.value.messages[0]
    app.refresh_from_db()
    assert app.disbursed_amount == 60 * M
    assert app.disbursements.count() == 1
    estimate = BudgetEstimate.objects.get(pk=world.estimate.pk)
    assert (estimate.reserved_amount, estimate.disbursed_amount) == (100 * M, 60 * M)
    # A last, smaller payment closes the file and gives the unpaid reservation back.
    services.application_disburse(
        application=app, actor=world.finance, amount=30 * M, paid_on=today, voucher="UNC-2", final=True
    )
    app.refresh_from_db()
    assert app.status == Status.DISBURSED
    assert (app.disbursed_amount, app.reserved_amount) == (90 * M, 90 * M)
    estimate.refresh_from_db()
    assert (estimate.reserved_amount, estimate.disbursed_amount) == (90 * M, 90 * M)


def test_future_payment_date_refused(world):
    app = make_application(world, Status.ACCEPTED)
    with pytest.raises(ValidationError, match=r"Ngày thanh toán không được sau ngày hôm nay\."):
        services.application_disburse(
            application=app,
            actor=world.finance,
            amount=M,
            paid_on=timezone.localdate() + datetime.timedelta(days=1),
            voucher="UNC",
        )
    assert app.disbursements.count() == 0


def test_supplement_round_trip(world):
    app = make_application(world, Status.RETURNED)
    assert app.supplement_deadline == timezone.localdate() + datetime.timedelta(days=10)
    services.application_add_document(
        application=app, actor=world.rep, uploaded=pdf_upload("bao-gia.pdf"), kind="supplement"
    )
    with pytest.raises(ValidationError, match=r"Nêu nội dung đã bổ sung\."):
        services.application_resubmit(application=app, actor=world.rep, response="  ")
    services.application_resubmit(application=app, actor=world.rep, response="Đã bổ sung báo giá.")
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED
    assert app.supplement_deadline is None
    assert app.events.last().comment == "Đã bổ sung báo giá."


def test_return_needs_reasons_and_a_future_deadline(world):
    app = make_application(world, Status.UNDER_REVIEW)
    for reasons, deadline, message in [
        ("", timezone.localdate() + datetime.timedelta(days=3), "Nêu nội dung doanh nghiệp cần bổ sung."),
        ("Bổ sung", timezone.localdate(), "Hạn bổ sung phải sau ngày hôm nay."),
    ]:
        with pytest.raises(ValidationError, match=re.escape(message)):
            services.application_return_for_supplement(
                application=app, actor=world.staff, reasons=reasons, deadline=deadline
            )
    app.refresh_from_db()
    assert app.status == Status.UNDER_REVIEW


def test_recommend_needs_a_satisfied_checklist(world):
    app = make_application(world, Status.UNDER_REVIEW)
    assert app.checklist.count() == 5
    with pytest.raises(ValidationError, match=r"Mọi nội dung kiểm tra thẩm định phải đạt trước khi đề xuất hỗ trợ\."):
        services.application_recommend(application=app, actor=world.staff)
    app.refresh_from_db()
    assert app.status == Status.UNDER_REVIEW


def test_unverified_representative_may_draft_but_not_submit(world):
    pending = RepresentativeFactory(enterprise=world.enterprise, status="pending").user
    app = make_draft(world, rep=pending)
    with pytest.raises(
        PermissionDenied,
        match=r"Chỉ người đại diện đã được xác minh của doanh nghiệp mới được nộp hồ sơ\.",
    ):
        services.application_submit(application=app, actor=pending)
    app.refresh_from_db()
    assert (app.status, app.reference_code) == (Status.DRAFT, None)


def test_submission_problems_are_listed(world):
    app = services.application_create_draft(scheme=world.scheme, actor=world.rep)
    with pytest.raises(ValidationError) as caught:
        services.application_submit(application=app, actor=world.rep)
    assert len(caught.value.messages) == 5  # document, project, cost, figures of last year, declaration
    assert "Nhập số liệu của doanh nghiệp năm gần nhất." in caught.value.messages
    app.refresh_from_db()
    assert app.status == Status.DRAFT


# --- The transition matrix ------------------------------------------------------------------------
def _actions(world):
    today = timezone.localdate()
    return {
        "submit": lambda a, u: services.application_submit(application=a, actor=u),
        "start_review": lambda a, u: services.application_start_review(application=a, actor=u),
        "return": lambda a, u: services.application_return_for_supplement(
            application=a, actor=u, reasons="Bổ sung", deadline=today + datetime.timedelta(days=5)
        ),
        "resubmit": lambda a, u: services.application_resubmit(application=a, actor=u, response="Đã bổ sung"),
        "recommend": lambda a, u: services.application_recommend(application=a, actor=u),
        "reject": lambda a, u: services.application_reject(application=a, actor=u, reason="Không đạt"),
        "approve_budget": lambda a, u: services.application_approve_budget(application=a, actor=u),
        "reject_budget": lambda a, u: services.application_reject_budget(application=a, actor=u, reason="Hết kinh phí"),
        "approve": lambda a, u: services.application_approve(
            application=a, actor=u, decision_number="9/QĐ", decision_date=today
        ),
        "start": lambda a, u: services.application_start_implementation(application=a, actor=u),
        "complete": lambda a, u: services.application_submit_completion(application=a, actor=u, report="Xong"),
        "accept": lambda a, u: services.application_accept(application=a, actor=u),
        "return_completion": lambda a, u: services.application_return_completion(
            application=a, actor=u, reason="Thiếu"
        ),
        "disburse": lambda a, u: services.application_disburse(
            application=a, actor=u, amount=1, paid_on=today, voucher="UNC"
        ),
        "withdraw": lambda a, u: services.application_withdraw(application=a, actor=u, reason="Rút"),
        "assign": lambda a, u: services.application_assign_reviewer(application=a, actor=u, reviewer=world.staff),
        "comment": lambda a, u: services.application_comment(
            application=a, actor=u, comment="Ghi chú", visible_to_enterprise=False
        ),
    }


S = Status
REVIEWABLE = {
    S.SUBMITTED,
    S.UNDER_REVIEW,
    S.RETURNED,
    S.RECOMMENDED,
    S.BUDGET_REJECTED,
    S.BUDGET_APPROVED,
    S.APPROVED,
    S.IN_PROGRESS,
    S.COMPLETION_SUBMITTED,
    S.ACCEPTED,
}
# (action, actor) → the statuses where it is allowed; everything else must be refused.
ALLOWED = {
    ("submit", "rep"): {S.DRAFT},
    ("start_review", "staff"): {S.SUBMITTED, S.BUDGET_REJECTED},
    ("return", "staff"): {S.SUBMITTED, S.UNDER_REVIEW},
    ("resubmit", "rep"): {S.RETURNED},
    ("recommend", "staff"): {S.UNDER_REVIEW},
    ("reject", "staff"): {S.SUBMITTED, S.UNDER_REVIEW, S.RETURNED, S.BUDGET_REJECTED},
    ("reject", "leader"): {S.BUDGET_APPROVED},
    ("approve_budget", "finance"): {S.RECOMMENDED},
    ("reject_budget", "finance"): {S.RECOMMENDED},
    ("approve", "leader"): {S.BUDGET_APPROVED},
    ("start", "rep"): {S.APPROVED},
    ("complete", "rep"): {S.IN_PROGRESS},
    ("accept", "staff"): {S.COMPLETION_SUBMITTED},
    ("return_completion", "staff"): {S.COMPLETION_SUBMITTED},
    ("disburse", "finance"): {S.ACCEPTED},
    ("withdraw", "rep"): set(WITHDRAWABLE_STATUSES),
    ("assign", "staff"): REVIEWABLE,
    ("comment", "staff"): REVIEWABLE | {S.DISBURSED, S.REJECTED, S.WITHDRAWN},
}
del S


def _snapshot(app):
    app.refresh_from_db()
    estimate = BudgetEstimate.objects.get(pk=app.scheme.plan.budget_estimates.get().pk)
    return (
        app.status,
        app.reviewer_id,
        app.reserved_amount,
        app.approved_amount,
        app.disbursed_amount,
        app.reference_code,
        ApplicationEvent.objects.filter(application=app).count(),
        AuditEvent.objects.count(),
        app.documents.count(),
        app.disbursements.count(),
        estimate.reserved_amount,
        estimate.disbursed_amount,
    )


@pytest.mark.parametrize("status", list(Status))
def test_transition_matrix_refuses_and_changes_nothing(world, status):
    app = make_application(world, status)
    other_rep = RepresentativeFactory().user  # verified, but of another enterprise
    actors = {
        "rep": world.rep,
        "other_rep": other_rep,
        "staff": world.staff,
        "finance": world.finance,
        "leader": world.leader,
        "admin": world.admin,
    }
    refused = 0
    for action, call in _actions(world).items():
        for actor_name, actor in actors.items():
            if status in ALLOWED.get((action, actor_name), set()):
                continue
            before = _snapshot(app)
            with pytest.raises((PermissionDenied, ValidationError)):
                call(app, actor)
            assert _snapshot(app) == before, (status, action, actor_name)
            refused += 1
    assert refused >= 17 * 6 - 8
