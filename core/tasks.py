"""Kernel tasks: outbox delivery, background jobs, a ping. None stores a result except ``ping``
(the worker round-trip check): fire-and-forget work never touches a result backend."""

from celery import shared_task

from .jobs import JOB_SOFT_TIME_LIMIT, JOB_TIME_LIMIT


@shared_task(name="core.deliver_outbox", ignore_result=True, soft_time_limit=110, time_limit=120)
def deliver_outbox() -> int:
    """Deliver the e-mails and publish the tasks promised in the outbox (after commit and every
    ``OUTBOX_INTERVAL`` seconds from beat)."""
    from .jobs import jobs_sweep
    from .outbox import outbox_deliver

    jobs_sweep()
    return outbox_deliver()


@shared_task(
    name="core.run_job",
    ignore_result=True,
    acks_late=True,
    soft_time_limit=JOB_SOFT_TIME_LIMIT,
    time_limit=JOB_TIME_LIMIT,
)
def run_job(*, job_id: str) -> str:
    """Run one background job (imports): claim it, call its handler, store the result."""
    from .jobs import job_run

    return job_run(job_id=job_id)


@shared_task(name="core.ping", ignore_result=False, soft_time_limit=10, time_limit=20)
def ping(*, value: int) -> int:
    """A round trip for health checks and the worker test: returns ``value + 1``."""
    return value + 1
