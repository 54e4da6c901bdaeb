from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


@shared_task(
    name="core.send_email",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    soft_time_limit=30,
    time_limit=60,
)
def send_email(*, to: list[str], subject: str, template: str, context: dict) -> int:
    """Render ``template`` (plain text, Vietnamese) with ``context`` and send it to ``to``."""
    if not to:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(template, context)
    message = EmailMultiAlternatives(subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body=body, to=to)
    return message.send()


@shared_task(name="core.ping", soft_time_limit=10, time_limit=20)
def ping(*, value: int) -> int:
    """A round trip for health checks and the worker test: returns ``value + 1``."""
    return value + 1
