"""Real threads against PostgreSQL: row locks keep the money and the reference codes right."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from programs.applications import services
from programs.applications.models import Status, SupportApplication
from programs.models import BudgetEstimate

from .conftest import make_application, make_draft

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="select_for_update needs PostgreSQL"),
]
M = 1_000_000


def _run_together(targets):
    """Start every target at the same moment; return {index: result or exception}."""
    barrier = threading.Barrier(len(targets))
    results = {}

    def run(i, target):
        try:
            barrier.wait()
            results[i] = target()
        except Exception as error:  # noqa: BLE001 - collected for the assertions
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, t)) for i, t in enumerate(targets)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def test_twenty_finance_officers_never_over_commit_the_estimate(transactional_db, world, make_user):
    world.policy.yearly_limit = None
    world.policy.save()
    BudgetEstimate.objects.filter(pk=world.estimate.pk).update(approved_amount=1_000 * M)  # covers 10 of 20
    apps = [make_application(world, Status.RECOMMENDED, cost=200 * M) for _ in range(20)]  # 100 M each
    officers = [make_user("finance") for _ in range(20)]
    results = _run_together(
        [
            lambda a=a, u=u: services.application_approve_budget(application=a, actor=u)
            for a, u in zip(apps, officers, strict=True)
        ]
    )
    approved = [r for r in results.values() if isinstance(r, SupportApplication)]
    refused = [r for r in results.values() if isinstance(r, ValidationError)]
    assert (len(approved), len(refused)) == (10, 10), results
    assert all("0 ₫" in r.messages[0] for r in refused)  # "Not enough budget: 0 ₫ is left ..."
    estimate = BudgetEstimate.objects.get(pk=world.estimate.pk)
    assert estimate.reserved_amount == 1_000 * M
    assert SupportApplication.objects.filter(status=Status.BUDGET_APPROVED).count() == 10
    assert SupportApplication.objects.filter(status=Status.RECOMMENDED, reserved_amount=0).count() == 10
    reserved = sum(SupportApplication.objects.values_list("reserved_amount", flat=True))
    assert reserved == estimate.reserved_amount


def test_twenty_concurrent_submissions_get_twenty_consecutive_codes(transactional_db, world, make_user, settings):
    from .factories import RepresentativeFactory

    world.policy.yearly_limit = None
    world.policy.save()
    reps = [RepresentativeFactory(enterprise=world.enterprise).user for _ in range(20)]
    drafts = [make_draft(world, rep=rep) for rep in reps]
    results = _run_together(
        [
            lambda d=d, r=r: services.application_submit(application=d, actor=r)
            for d, r in zip(drafts, reps, strict=True)
        ]
    )
    assert all(isinstance(r, SupportApplication) for r in results.values()), results
    codes = sorted(SupportApplication.objects.values_list("reference_code", flat=True))
    year = codes[0].split("-")[1]
    prefix = drafts[0].scheme.plan.agency.code_prefix
    assert codes == [f"{prefix}-{year}-{n:04d}" for n in range(1, 21)]
