"""Two finance officers approving the same estimate at once: one wins, one is refused."""

import threading

import pytest
from django.db import close_old_connections, connection

from core.workflow import InvalidTransition
from programs.models import EstimateStatus
from programs.services import estimate_approve

from .factories import BudgetEstimateFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_take_the_row_lock(make_user):
    a, b = make_user("finance"), make_user("finance")
    estimate = BudgetEstimateFactory(status=EstimateStatus.APPRAISED, appraised_amount=2_000_000_000)
    outcomes, barrier = [], threading.Barrier(2)

    def approve(actor, amount):
        try:
            barrier.wait()
            estimate_approve(estimate=estimate, amount=amount, actor=actor)
            outcomes.append("approved")
        except InvalidTransition:
            outcomes.append("refused")
        finally:
            close_old_connections()

    threads = [
        threading.Thread(target=approve, args=(a, 2_000_000_000)),
        threading.Thread(target=approve, args=(b, 1_000_000_000)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["approved", "refused"]
    estimate.refresh_from_db()
    assert estimate.status == EstimateStatus.APPROVED
    assert estimate.approved_amount in (2_000_000_000, 1_000_000_000)
