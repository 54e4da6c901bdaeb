"""Proposed support = min(rate × eligible cost, cap, what is left of the yearly limit)."""

import datetime
from decimal import Decimal

import pytest
from freezegun import freeze_time

from programs.applications import services
from programs.applications.models import OutcomeStage, Status
from programs.applications.proposal import compute_proposal

from .conftest import give_figures, make_application, make_draft
from .factories import PolicyFactory, RequiredDocumentFactory

M = 1_000_000


@pytest.mark.parametrize(
    ("cost", "rate", "cap", "limit", "used", "amount", "binding"),
    [
        (100 * M, "50", 100 * M, 150 * M, 0, 50 * M, "rate"),  # rate binds
        (300 * M, "50", 100 * M, 150 * M, 0, 100 * M, "cap"),  # cap binds
        (300 * M, "50", 100 * M, 150 * M, 80 * M, 70 * M, "limit"),  # what is left of the limit binds
        (300 * M, "50", 100 * M, 150 * M, 150 * M, 0, "limit"),  # limit used up
        (300 * M, "50", 100 * M, 150 * M, 200 * M, 0, "limit"),  # over-used: never negative
        (300 * M, "30", None, None, 0, 90 * M, "rate"),  # no cap, no limit
        (1_000_001, "33.33", None, None, 0, 333_300, "rate"),  # rounded down to the đồng
        (200 * M, "100", 150 * M, None, 0, 150 * M, "cap"),
        (0, "50", 100 * M, 150 * M, 0, 0, "rate"),
        (100 * M, "50", 50 * M, 150 * M, 0, 50 * M, "rate"),  # tie: rate wins (first of equals)
    ],
)
def test_proposal_table(cost, rate, cap, limit, used, amount, binding):
    proposal = compute_proposal(
        eligible_cost=cost, rate_percent=Decimal(rate), cap=cap, yearly_limit=limit, used_this_year=used
    )
    assert proposal.amount == amount
    assert proposal.binding == binding
    assert proposal.by_rate == int(Decimal(cost) * Decimal(rate) / 100)


def test_proposal_arithmetic_is_stored_as_json():
    proposal = compute_proposal(
        eligible_cost=300 * M, rate_percent=Decimal("50"), cap=100 * M, yearly_limit=150 * M, used_this_year=80 * M
    )
    assert proposal.as_json() == {
        "eligible_cost": 300 * M,
        "rate_percent": "50",
        "by_rate": 150 * M,
        "cap": 100 * M,
        "yearly_limit": 150 * M,
        "used_this_year": 80 * M,
        "remaining_limit": 70 * M,
        "amount": 70 * M,
        "binding": "limit",
    }


def test_policy_version_change_between_two_applications(world):
    """The first application is judged under the 2025 policy, the second under the 2026 one, and the
    second's yearly limit counts what the first already took in the same year."""
    world.policy.effective_to = datetime.date(2026, 3, 31)
    world.policy.save()
    new_policy = PolicyFactory(
        scheme=world.scheme,
        effective_from=datetime.date(2026, 4, 1),
        rate_percent=Decimal("70"),
        cap_amount=120 * M,
        yearly_limit=160 * M,
    )
    RequiredDocumentFactory(policy_version=new_policy, name="Đơn đề nghị hỗ trợ")
    with freeze_time("2026-02-10 09:00:00"):
        first = make_draft(world, cost=150 * M)
        services.application_submit(application=first, actor=world.rep)
    first.refresh_from_db()
    assert first.policy_version == world.policy
    assert first.proposed_amount == 75 * M  # 50 % of 150 M, under the cap of 100 M
    assert first.proposal_basis["binding"] == "rate"
    with freeze_time("2026-05-10 09:00:00"):
        second = services.application_create_draft(scheme=world.scheme, actor=world.rep)
        services.application_update_draft(
            application=second,
            actor=world.rep,
            project_title="ISO 9001 giai đoạn 2",
            project_description="Mở rộng.",
            eligible_cost=200 * M,
            declaration_accepted=True,
        )
        from .factories import pdf_upload

        services.application_add_document(
            application=second,
            actor=world.rep,
            uploaded=pdf_upload(),
            required_document=new_policy.required_documents.get(),
        )
        give_figures(second, world.rep, OutcomeStage.BASELINE)
        services.application_submit(application=second, actor=world.rep)
    second.refresh_from_db()
    assert second.policy_version == new_policy
    # 70 % of 200 M = 140 M; cap 120 M; limit 160 M less 75 M pending for the same item = 85 M.
    assert second.proposed_amount == 85 * M
    assert second.proposal_basis == {
        "eligible_cost": 200 * M,
        "rate_percent": "70.00",
        "by_rate": 140 * M,
        "cap": 120 * M,
        "yearly_limit": 160 * M,
        "used_this_year": 75 * M,
        "remaining_limit": 85 * M,
        "amount": 85 * M,
        "binding": "limit",
    }
    # The first keeps the policy version it was judged under.
    first.refresh_from_db()
    assert first.policy_version_id == world.policy.pk


def test_withdrawn_and_refused_applications_do_not_count_against_the_limit(world):
    make_application(world, Status.WITHDRAWN, cost=200 * M)
    make_application(world, Status.REJECTED, cost=200 * M)
    app = make_draft(world, cost=400 * M, requested=100 * M)  # a request above the cap is refused
    services.application_submit(application=app, actor=world.rep)
    app.refresh_from_db()
    assert app.proposed_amount == 100 * M  # the cap: nothing used of the 150 M limit
