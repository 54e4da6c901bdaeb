"""The outbox: fire-and-forget work (e-mails, tasks) promised in the same transaction as the
change that causes it, and delivered exactly once after commit.

- ``outbox_email`` / ``outbox_task`` write a row in the caller's transaction (so a rolled-back
  change promises nothing) and, after commit, give the broker a nudge that can only fail fast
  (a connection with half-second timeouts; after a failure no nudge is tried for 30 s).
- ``outbox_deliver`` (the ``core.deliver_outbox`` task, run by the nudge and by beat every
  ``OUTBOX_INTERVAL`` seconds) claims due rows one by one with ``SELECT … FOR UPDATE SKIP
  LOCKED``, sends the e-mail or publishes the task, and marks the row delivered in the same
  transaction: two workers never deliver one row, and nothing is lost while Redis, the worker or
  the mail server is away. A failed delivery is retried with a growing delay, then given up
  (logged, left in the table for an administrator).
- With Celery eager (quick start, tests) the nudge delivers in-process.
"""

from __future__ import annotations

import datetime
import logging
import time

from django.conf import settings
from django.db import transaction

from . import clock
from .models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
NUDGE_TIMEOUT = 0.5  # seconds: a request never waits longer for the broker
NUDGE_PAUSE = 30.0  # seconds without nudges after one failed
_nudge_paused_until = 0.0


# --- Promising work (inside the caller's transaction) ---------------------------------------------
def outbox_email(*, to: list[str], subject: str, template: str, context: dict) -> OutboxMessage | None:
    """Promise an e-mail (``subject`` already translated, ``context`` JSON-safe); None when no
    address is given."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return None
    payload = {"to": recipients, "subject": str(subject), "template": template, "context": context}
    return _promise(OutboxMessage(kind=OutboxMessage.Kind.EMAIL, payload=payload))


def outbox_task(task_name: str, /, **kwargs) -> OutboxMessage:
    """Promise a Celery task by name with JSON-safe keyword arguments (ids, never models)."""
    return _promise(OutboxMessage(kind=OutboxMessage.Kind.TASK, task_name=task_name, payload=kwargs))


def _promise(message: OutboxMessage) -> OutboxMessage:
    message.save()
    transaction.on_commit(outbox_nudge)
    return message


def outbox_nudge() -> None:
    """Ask a worker to deliver now. Never raises and never waits more than ``NUDGE_TIMEOUT``: if
    the broker is away, the beat schedule delivers once it is back."""
    global _nudge_paused_until
    from nangsuat.celery import app

    from .tasks import deliver_outbox

    if app.conf.task_always_eager:
        outbox_deliver()
        return
    if time.monotonic() < _nudge_paused_until:
        return
    options = {
        **(app.conf.broker_transport_options or {}),
        "socket_connect_timeout": NUDGE_TIMEOUT,
        "socket_timeout": NUDGE_TIMEOUT,
        "max_retries": 0,
    }
    try:
        with app.connection_for_write(transport_options=options) as connection:
            connection.ensure_connection(max_retries=0, timeout=NUDGE_TIMEOUT)
            deliver_outbox.apply_async(connection=connection, retry=False, expires=settings.OUTBOX_INTERVAL * 6)
    except Exception as exc:  # noqa: BLE001 - whatever the broker does, the request goes on
        _nudge_paused_until = time.monotonic() + NUDGE_PAUSE
        logger.warning("Broker unavailable, outbox left to the schedule: %s", exc)


# --- Delivering (in a worker, or in-process when eager) ---------------------------------------------
def outbox_deliver(*, limit: int = 500) -> int:
    """Deliver due messages, each in its own transaction, oldest first; returns how many were
    delivered. Stops at the first broker failure (the rest waits for the next run)."""
    delivered = 0
    for _ in range(limit):
        with transaction.atomic():
            message = (
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(delivered_at__isnull=True, gave_up=False, available_at__lte=clock.now())
                .order_by("available_at", "pk")
                .first()
            )
            if message is None:
                break
            try:
                with transaction.atomic():
                    _deliver(message)
            except Exception as exc:  # noqa: BLE001 - recorded on the row, retried later
                _postpone(message, exc)
                message.save(update_fields=["attempts", "last_error", "available_at", "gave_up"])
                if message.kind == OutboxMessage.Kind.TASK:
                    break  # the broker is away: keep the order, try again on the next run
                continue
            message.delivered_at = clock.now()
            message.attempts += 1
            message.save(update_fields=["delivered_at", "attempts"])
            delivered += 1
    return delivered


def _deliver(message: OutboxMessage) -> None:
    if message.kind == OutboxMessage.Kind.EMAIL:
        from .mail import send_rendered

        send_rendered(**message.payload)
        return
    from nangsuat.celery import app

    if message.task_name not in app.tasks:
        app.loader.import_default_modules()  # outside a worker, the apps' tasks modules load lazily
    task = app.tasks[message.task_name]
    task.apply_async(kwargs=message.payload, retry=False)


def _postpone(message: OutboxMessage, exc: Exception) -> None:
    message.attempts += 1
    message.last_error = f"{exc.__class__.__name__}: {exc}"[:2000]
    delay = min(60 * 60, 15 * 2 ** (message.attempts - 1))
    message.available_at = clock.now() + datetime.timedelta(seconds=delay)
    message.gave_up = message.attempts >= MAX_ATTEMPTS
    log = logger.error if message.gave_up else logger.warning
    log("Outbox message %s (%s) not delivered (attempt %s): %s", message.pk, message, message.attempts, exc)
