"""Tasks are enqueued through the outbox (``core.outbox``): promised in the caller's transaction,
published after commit, never lost to a broker outage and never failing the request."""

from .outbox import outbox_task


def enqueue_after_commit(task, /, **kwargs) -> None:
    """Promise ``task`` with ``kwargs`` (ids only, never models); published after commit."""
    outbox_task(task.name, **kwargs)
