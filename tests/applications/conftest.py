"""A small world for applications: plan, source, approved estimate, open scheme, policy, enterprise
with a verified representative, and one user per internal role."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from core import clock
from programs.applications import services
from programs.applications.models import OutcomeStage, Status
from programs.applications.outcomes.services import outcome_report_save

from .factories import (
    EnterpriseFactory,
    EstimateFactory,
    PolicyFactory,
    RepresentativeFactory,
    RequiredDocumentFactory,
    SchemeFactory,
    pdf_upload,
)


@dataclass
class World:
    scheme: object
    policy: object
    required: object
    estimate: object
    enterprise: object
    rep: object
    staff: object
    finance: object
    leader: object
    admin: object


@pytest.fixture
def roles(db):
    """The role groups (a transactional test's flush removes the rows the data migration made)."""
    from django.contrib.auth.models import Group

    from accounts.models import Role

    for role in Role.values:
        Group.objects.get_or_create(name=role)


@pytest.fixture
def world(db, roles, make_user):
    estimate = EstimateFactory()
    scheme = SchemeFactory(plan=estimate.plan, funding_source=estimate.source)
    policy = PolicyFactory(scheme=scheme)
    required = RequiredDocumentFactory(policy_version=policy)
    enterprise = EnterpriseFactory()
    rep = RepresentativeFactory(enterprise=enterprise).user
    return World(
        scheme=scheme,
        policy=policy,
        required=required,
        estimate=estimate,
        enterprise=enterprise,
        rep=rep,
        staff=make_user("staff"),
        finance=make_user("finance"),
        leader=make_user("leader"),
        admin=make_user("admin"),
    )


def make_draft(world, *, rep=None, cost=200_000_000, requested=None, scheme=None):
    """A complete draft ready to submit."""
    rep = rep or world.rep
    app = services.application_create_draft(scheme=scheme or world.scheme, actor=rep)
    services.application_update_draft(
        application=app,
        actor=rep,
        project_title="Áp dụng ISO 9001:2015",
        project_description="Xây dựng và chứng nhận hệ thống quản lý chất lượng.",
        eligible_cost=cost,
        requested_amount=cost // 2 if requested is None else requested,
        declaration_accepted=True,
    )
    required = scheme.policy_versions.first().required_documents.first() if scheme else world.required
    services.application_add_document(application=app, actor=rep, uploaded=pdf_upload(), required_document=required)
    give_figures(app, rep, OutcomeStage.BASELINE)
    app.refresh_from_db()
    return app


# Figures that pass every check: 12.000 million revenue, 3.000 value added, 50 people (60 a person).
FIGURES = {"revenue": 12_000, "value_added": 3_000, "employees": 50}


def give_figures(app, actor, stage, **figures):
    """The outcome figures of ``stage`` given through the service (defaults: FIGURES, last year)."""
    values = {"year": clock.today().year - (1 if stage == OutcomeStage.BASELINE else 0), **FIGURES, **figures}
    return outcome_report_save(application=app, stage=stage, actor=actor, **values)


# Each step: (status it leads to, function(world, app) doing it with the right actor)
def _check_all(world, app):
    services.application_record_checklist(
        application=app, actor=world.staff, results={i.pk: (True, "") for i in app.checklist.all()}
    )


STEPS = [
    (Status.SUBMITTED, lambda w, a: services.application_submit(application=a, actor=w.rep)),
    (Status.UNDER_REVIEW, lambda w, a: services.application_start_review(application=a, actor=w.staff)),
    (Status.RECOMMENDED, lambda w, a: (_check_all(w, a), services.application_recommend(application=a, actor=w.staff))),
    (Status.BUDGET_APPROVED, lambda w, a: services.application_approve_budget(application=a, actor=w.finance)),
    (
        Status.APPROVED,
        lambda w, a: services.application_approve(
            application=a, actor=w.leader, decision_number="123/QĐ-SKHCN", decision_date=timezone.localdate()
        ),
    ),
    (Status.IN_PROGRESS, lambda w, a: services.application_start_implementation(application=a, actor=w.rep)),
    (
        Status.COMPLETION_SUBMITTED,
        lambda w, a: (
            services.application_add_document(
                application=a, actor=w.rep, uploaded=pdf_upload("chung-nhan.pdf"), kind="completion"
            ),
            give_figures(a, w.rep, OutcomeStage.COMPLETION),
            services.application_submit_completion(
                application=a, actor=w.rep, report="Đã được cấp chứng nhận ISO 9001."
            ),
        ),
    ),
    (Status.ACCEPTED, lambda w, a: services.application_accept(application=a, actor=w.staff)),
]
ORDER = [Status.DRAFT] + [s for s, _ in STEPS]


def advance(world, app, to):
    """Take ``app`` along the main path up to status ``to`` through the services."""
    for status, step in STEPS:
        if ORDER.index(app.status) >= ORDER.index(to):
            break
        step(world, app)
        app.refresh_from_db()
        assert app.status == status
    return app


def make_application(world, status, **kwargs):
    """An application in ``status`` reached through the services (side exits included)."""
    app = make_draft(world, **kwargs)
    side = {
        Status.RETURNED: (
            Status.UNDER_REVIEW,
            lambda: services.application_return_for_supplement(
                application=app,
                actor=world.staff,
                reasons="Bổ sung báo giá.",
                deadline=timezone.localdate() + datetime.timedelta(days=10),
            ),
        ),
        Status.BUDGET_REJECTED: (
            Status.RECOMMENDED,
            lambda: services.application_reject_budget(application=app, actor=world.finance, reason="Hết dự toán."),
        ),
        Status.REJECTED: (
            Status.UNDER_REVIEW,
            lambda: services.application_reject(application=app, actor=world.staff, reason="Không đủ điều kiện."),
        ),
        Status.WITHDRAWN: (
            Status.SUBMITTED,
            lambda: services.application_withdraw(application=app, actor=world.rep, reason="Đổi kế hoạch."),
        ),
        Status.DISBURSED: (
            Status.ACCEPTED,
            lambda: services.application_disburse(
                application=app,
                actor=world.finance,
                amount=app.approved_amount,
                paid_on=timezone.localdate(),
                voucher="UNC-01",
            ),
        ),
    }
    if status in side:
        before, action = side[status]
        advance(world, app, before)
        app.refresh_from_db()
        action()
    else:
        advance(world, app, status)
    app.refresh_from_db()
    assert app.status == status
    return app
