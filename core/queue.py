"""Enqueue Celery tasks only after the transaction commits, and never let a broker outage
break the page that asked (the task is logged as not enqueued; scheduled jobs pick work up)."""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def enqueue_after_commit(task, /, **kwargs) -> None:
    """Call ``task.delay(**kwargs)`` once the current transaction commits (ids only, never models)."""

    def send():
        try:
            task.apply_async(kwargs=kwargs, retry=False)
        except (OperationalError, ConnectionError, OSError):
            logger.exception("Broker unavailable: %s not enqueued (%s)", task.name, kwargs)

    transaction.on_commit(send)
