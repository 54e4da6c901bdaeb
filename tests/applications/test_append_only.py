"""Audit events, application events and disbursements cannot be changed underneath: PostgreSQL
refuses every UPDATE and DELETE, from the ORM's bulk operations as from raw SQL."""

import pytest
from django.db import IntegrityError, connection, transaction

from core.models import AuditEvent
from programs.applications.models import ApplicationEvent, Disbursement, LedgerEntry, Status
from tests.conftest import ON_POSTGRES

from .conftest import make_application

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not ON_POSTGRES, reason="the triggers are PostgreSQL's"),
]


@pytest.fixture
def records(world):
    application = make_application(world, Status.DISBURSED)
    return {
        AuditEvent: AuditEvent.objects.filter(object_id=str(application.pk)).latest("pk"),
        ApplicationEvent: application.events.latest("pk"),
        Disbursement: application.disbursements.get(),
        LedgerEntry: application.ledger.latest("pk"),
    }


def refused(fn) -> None:
    with pytest.raises(IntegrityError, match="append-only table"), transaction.atomic():
        fn()


@pytest.mark.parametrize("model", [AuditEvent, ApplicationEvent, Disbursement, LedgerEntry])
def test_update_and_delete_fail_in_postgresql(records, model):
    row = records[model]
    before = model.objects.filter(pk=row.pk).values().get()
    table = model._meta.db_table
    column = {AuditEvent: "reason", ApplicationEvent: "comment", Disbursement: "note", LedgerEntry: "amount"}[model]
    refused(lambda: model.objects.filter(pk=row.pk)._raw_delete(using="default"))  # a bulk DELETE, no collector

    def raw(sql, *params):
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, row.pk])

    value = 1 if column == "amount" else "sửa lén"
    refused(lambda: model.objects.filter(pk=row.pk).update(**{column: value}))
    refused(lambda: raw(f'UPDATE "{table}" SET "{column}" = %s WHERE id = %s', value))  # noqa: S608 - our table
    refused(lambda: raw(f'DELETE FROM "{table}" WHERE id = %s'))  # noqa: S608 - our table
    assert model.objects.filter(pk=row.pk).values().get() == before


def test_new_rows_are_still_written(records, world):
    count = AuditEvent.objects.count()
    from core.audit import audit_record

    audit_record(actor=world.staff, action="test.appended", reason="vẫn ghi thêm được")
    assert AuditEvent.objects.count() == count + 1
