"""Notify people by e-mail through Celery, after commit."""

from .queue import enqueue_after_commit


def notify_by_email(*, to: list[str], subject: str, template: str, context: dict) -> None:
    """Queue an e-mail; ``subject`` should already be translated (str), ``context`` JSON-safe."""
    from .tasks import send_email

    recipients = sorted({address for address in to if address})
    if recipients:
        enqueue_after_commit(send_email, to=recipients, subject=str(subject), template=template, context=context)
