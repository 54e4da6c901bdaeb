from celery import shared_task

from .build import rebuild_all, refresh_plan


@shared_task(name="facts.refresh_plan")
def refresh_plan_task(plan_id: int) -> bool:
    """After a commit that changed a plan's counted records (promised through the outbox)."""
    return refresh_plan(plan_id)


@shared_task(name="facts.rebuild_all")
def rebuild_all_task() -> int:
    """Nightly (beat): every plan's facts recomputed from the raw rows."""
    return rebuild_all()
