"""E-mails carry absolute links on the configured site (SITE_URL) that open the page for their
recipient."""

import re
from urllib.parse import urlsplit

from django.core import mail

from programs.applications import services

from .conftest import make_draft

SITE = "https://nangsuat.example.gov.vn"


def test_the_enterprise_e_mail_links_to_its_application_on_the_configured_site(
    world, client_for, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = SITE
    app = make_draft(world)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=app, actor=world.rep)
    (message,) = [m for m in mail.outbox if m.to == [world.rep.email]]
    links = re.findall(r"\S+://\S+", message.body)
    assert links == [f"{SITE}/applications/{app.pk}/"]
    assert "127.0.0.1" not in message.body
    assert "testserver" not in message.body
    assert client_for(world.rep).get(urlsplit(links[0]).path).status_code == 200
    # The staff told of the submission get an absolute link too, which opens for them.
    (staff_message,) = [m for m in mail.outbox if m.to == [world.staff.email]]
    (staff_link,) = re.findall(r"\S+://\S+", staff_message.body)
    assert staff_link == f"{SITE}/applications/{app.pk}/"
    assert client_for(world.staff).get(urlsplit(staff_link).path).status_code == 200
