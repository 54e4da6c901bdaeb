"""allauth's e-mails greet with the portal's name (never the host) and link to the configured site."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse

SITE = "https://nangsuat.example.gov.vn"
pytestmark = pytest.mark.django_db


def test_the_password_reset_e_mail_greets_with_the_portal_name_and_its_link_opens_the_page(client, make_user, settings):
    settings.SITE_URL = SITE
    settings.SITE_NAME = "Cổng thông tin Năng suất chất lượng Đà Nẵng"
    user = make_user("enterprise", email="doanhnghiep@test.vn")
    response = client.post(reverse("account_reset_password"), {"email": user.email}, HTTP_HOST="127.0.0.1")
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.body.startswith("Cổng thông tin Năng suất chất lượng Đà Nẵng xin kính chào Quý vị!")
    assert "127.0.0.1" not in message.body
    (link,) = re.findall(r"\S+://\S+", message.body)
    assert link.startswith(f"{SITE}/accounts/password/reset/key/")
    page = client.get(urlsplit(link).path, follow=True)
    assert page.status_code == 200
    assert 'name="password1"' in page.content.decode()  # the page to choose the new password
