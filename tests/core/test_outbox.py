"""The outbox: promised with the change, delivered once, retried when delivery fails."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection, transaction

from core import clock
from core.models import OutboxMessage
from core.outbox import MAX_ATTEMPTS, outbox_deliver, outbox_email
from tests.conftest import ON_POSTGRES

TEMPLATE = "accounts/email/test.txt"


def promise(n: int) -> None:
    for i in range(n):
        outbox_email(to=[f"nguoi{i}@test.vn"], subject=f"Thư {i}", template=TEMPLATE, context={"name": "Hà"})


@pytest.mark.django_db
def test_a_rolled_back_change_promises_nothing(django_capture_on_commit_callbacks):
    def change_then_fail():
        with transaction.atomic():
            promise(2)
            raise RuntimeError("đổi ý")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError, match="đổi ý"):
        change_then_fail()
    assert OutboxMessage.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_failing_mail_server_is_retried_later_then_given_up(monkeypatch):
    promise(1)
    message = OutboxMessage.objects.get()

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("máy chủ thư không trả lời")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    start = clock.now()
    with clock.frozen(start):
        assert outbox_deliver() == 0
    message.refresh_from_db()
    assert (message.attempts, message.delivered_at, message.gave_up) == (1, None, False)
    assert message.available_at == start + datetime.timedelta(seconds=15)
    assert "máy chủ thư không trả lời" in message.last_error
    with clock.frozen(start + datetime.timedelta(seconds=10)):
        assert outbox_deliver() == 0  # not due yet
    message.refresh_from_db()
    assert message.attempts == 1
    moment = start
    for _ in range(MAX_ATTEMPTS - 1):
        moment += datetime.timedelta(hours=2)
        with clock.frozen(moment):
            outbox_deliver()
    message.refresh_from_db()
    assert (message.attempts, message.gave_up) == (MAX_ATTEMPTS, True)
    monkeypatch.undo()
    with clock.frozen(moment + datetime.timedelta(days=1)):
        assert outbox_deliver() == 0  # given up: an administrator looks at it
    assert mail.outbox == []


@pytest.mark.skipif(not ON_POSTGRES, reason="row locks with SKIP LOCKED need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_workers_delivering_at_once_send_each_mail_once():
    OutboxMessage.objects.bulk_create(  # written without the after-commit nudge
        OutboxMessage(
            kind=OutboxMessage.Kind.EMAIL,
            payload={"to": [f"nguoi{i}@test.vn"], "subject": f"Thư {i}", "template": TEMPLATE, "context": {}},
        )
        for i in range(40)
    )
    barrier = threading.Barrier(2)
    counts = []

    def deliver():
        try:
            barrier.wait()
            counts.append(outbox_deliver())
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(counts) == 40
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"nguoi{i}@test.vn" for i in range(40))
    assert OutboxMessage.objects.filter(delivered_at__isnull=True).count() == 0
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}
