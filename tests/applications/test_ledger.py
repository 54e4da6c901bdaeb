"""Money as a dated, append-only ledger: written by the services, backfilled for old data, summed
up to a cut-off."""

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from core import clock
from programs.applications import services
from programs.applications.ledger import estimate_totals
from programs.applications.models import ApplicationEvent, Disbursement, LedgerEntry, Status
from programs.models import BudgetEstimate
from tests.conftest import append_only_suspended

from .conftest import STEPS, advance, make_draft

M = 1_000_000
d = datetime.date
VN = datetime.timezone(datetime.timedelta(hours=7))


def entries(app):
    return list(LedgerEntry.objects.filter(application=app).order_by("pk").values_list("kind", "amount", "date"))


def test_services_write_dated_reservations_payments_and_releases(world):
    app = make_draft(world, cost=180 * M)
    advance(world, app, Status.RECOMMENDED)
    with clock.frozen(d(2024, 12, 10)):
        services.application_approve_budget(application=app, actor=world.finance)
    for status, step in STEPS[STEPS.index(next(s for s in STEPS if s[0] == Status.APPROVED)) :]:
        step(world, app)
        app.refresh_from_db()
        assert app.status == status
    with clock.frozen(d(2025, 1, 20)):
        # Paid in two parts; the second, entered in January, is dated 14/12/2024.
        services.application_disburse(
            application=app, actor=world.finance, amount=30 * M, paid_on=d(2024, 12, 12), voucher="UNC-1"
        )
        services.application_disburse(
            application=app, actor=world.finance, amount=40 * M, paid_on=d(2024, 12, 14), voucher="UNC-2", final=True
        )
    app.refresh_from_db()
    assert entries(app) == [
        ("reservation", 90 * M, d(2024, 12, 10)),
        ("payment", 30 * M, d(2024, 12, 12)),
        ("payment", 40 * M, d(2024, 12, 14)),
        ("release", 20 * M, d(2025, 1, 20)),  # what was reserved and not paid, on the day it went back
    ]
    payment = LedgerEntry.objects.get(application=app, amount=30 * M)
    assert payment.disbursement == Disbursement.objects.get(voucher="UNC-1")
    assert timezone.localdate(payment.recorded_at) == d(2025, 1, 20)
    # As of a cut-off: 13/12/2024 sees the reservation and the first payment only.
    assert estimate_totals(estimate_ids=[world.estimate.pk], cutoff=d(2024, 12, 13)) == {
        world.estimate.pk: {"reserved": 90 * M, "disbursed": 30 * M}
    }
    # As of the cut-off but as known on 31/12/2024: the January entries were not recorded yet.
    known = datetime.datetime(2024, 12, 31, 23, 0, tzinfo=VN)
    assert estimate_totals(estimate_ids=[world.estimate.pk], cutoff=d(2024, 12, 31), as_of=known) == {
        world.estimate.pk: {"reserved": 90 * M, "disbursed": 0}
    }
    # The ledger adds up to the running totals the limits are guarded with.
    estimate = BudgetEstimate.objects.get(pk=world.estimate.pk)
    assert estimate_totals(estimate_ids=[estimate.pk], cutoff=d(2025, 12, 31)) == {
        estimate.pk: {"reserved": estimate.reserved_amount, "disbursed": estimate.disbursed_amount}
    }


def test_a_withdrawal_releases_what_was_reserved(world):
    app = make_draft(world, cost=100 * M)
    advance(world, app, Status.RECOMMENDED)
    with clock.frozen(d(2023, 5, 2)):
        services.application_approve_budget(application=app, actor=world.finance)
    with clock.frozen(d(2023, 6, 9)):
        services.application_withdraw(application=app, actor=world.rep, reason="Đổi kế hoạch.")
    assert entries(app) == [("reservation", 50 * M, d(2023, 5, 2)), ("release", 50 * M, d(2023, 6, 9))]


def test_ledger_entries_are_append_only(world):
    app = make_draft(world)
    advance(world, app, Status.BUDGET_APPROVED)
    entry = LedgerEntry.objects.get(application=app)
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()


def test_the_backfill_dates_money_already_moved(world):
    """Data moved before the ledger existed: the migration writes it from the events and payments."""
    app = make_draft(world, cost=120 * M)
    advance(world, app, Status.ACCEPTED)
    services.application_disburse(
        application=app, actor=world.finance, amount=40 * M, paid_on=d(2024, 3, 5), voucher="UNC-9", final=True
    )
    # History rewritten as it was before the ledger existed (the append-only triggers held back).
    with append_only_suspended("applications_ledgerentry", "applications_applicationevent"):
        LedgerEntry.objects.filter(application=app)._raw_delete("default")
        ApplicationEvent.objects.filter(application=app, to_status=Status.BUDGET_APPROVED).update(
            created_at=datetime.datetime(2024, 1, 15, 10, tzinfo=VN)
        )
        ApplicationEvent.objects.filter(application=app, to_status=Status.DISBURSED).update(
            created_at=datetime.datetime(2024, 3, 6, 10, tzinfo=VN)
        )
    BudgetEstimate.objects.filter(pk=world.estimate.pk).update(approved_on=d(2024, 2, 1))
    migration = importlib.import_module("programs.applications.migrations.0003_ledger")
    migration.forwards(django_apps, None)
    assert entries(app) == [
        ("reservation", 60 * M, d(2024, 1, 15)),
        ("payment", 40 * M, d(2024, 3, 5)),
        ("release", 20 * M, d(2024, 3, 6)),
    ]
    # No estimate is dated as approved after its first reservation.
    assert BudgetEstimate.objects.get(pk=world.estimate.pk).approved_on == d(2024, 1, 15)
