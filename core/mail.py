"""E-mail: promised through the outbox in the caller's transaction, sent once after commit."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from .outbox import outbox_email
from .site import absolute_url


def notify_by_email(*, to: list[str], subject: str, template: str, context: dict) -> None:
    """Queue an e-mail; ``subject`` should already be translated (str), ``context`` JSON-safe."""
    outbox_email(to=to, subject=subject, template=template, context=context)


def send_rendered(*, to: list[str], subject: str, template: str, context: dict) -> int:
    """Render ``template`` (plain text, Vietnamese) with ``context`` and send it to ``to`` now.

    A ``path`` in the context (a page of the portal) is sent as an absolute link on SITE_URL."""
    if not to:
        return 0
    context = {**context, "site_name": settings.SITE_NAME}
    if context.get("path"):
        context["path"] = absolute_url(context["path"])
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(template, context)
    message = EmailMultiAlternatives(subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body=body, to=to)
    return message.send()
