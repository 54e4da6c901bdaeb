from celery import shared_task

from .reminders import reminders_send


@shared_task(name="applications.send_reminders", soft_time_limit=5 * 60, time_limit=6 * 60)
def send_reminders() -> dict[str, int]:
    """Daily: decisions due soon (to reviewers), outcome figures due (to enterprises); each once."""
    return reminders_send()
