"""The Django admin has no door of its own: only the portal's login (password, TOTP, lock-out)."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client
from django.urls import reverse

from tests.accounts.factories import TEST_TOTP_SECRET

ADMIN_LOGIN = "/admin/login/?next=/admin/"


def totp_now(secret=TEST_TOTP_SECRET) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def admin_user(make_user):
    user = make_user("admin", email="quantri@test.vn")
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["admin", "staff"])
def test_a_correct_password_posted_to_the_admin_login_opens_nothing(client, make_user, role):
    user = make_user(role, email=f"{role}-door@test.vn")
    response = client.post(ADMIN_LOGIN, {"username": user.email, "password": "demo12345"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=/admin/"
    assert not signed_in(client)
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    for url in ("/enterprises/", "/applications/queue/", "/reports/", "/home/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login")), url


@pytest.mark.django_db
def test_the_admin_opens_only_after_the_totp_step(client, admin_user):
    response = client.get(ADMIN_LOGIN)
    login_url = response["Location"]
    assert login_url == reverse("account_login") + "?next=/admin/"
    response = client.post(login_url, {"login": admin_user.email, "password": "demo12345"})
    assert response["Location"] == reverse("mfa_authenticate")
    assert not signed_in(client)
    assert client.get("/admin/").status_code == 302  # the password alone opens nothing
    response = client.post(reverse("mfa_authenticate"), {"code": totp_now()})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.session["_auth_user_id"] == str(admin_user.pk)
    page = client.get("/admin/")
    assert page.status_code == 200
    assert "accounts/user/" in page.content.decode()


@pytest.mark.django_db
def test_the_sixth_wrong_password_is_refused_at_the_admin_door_too(client, admin_user):
    login_url = client.post(ADMIN_LOGIN, {"username": admin_user.email, "password": "wrong"})["Location"]
    for _ in range(5):
        client.post(ADMIN_LOGIN, {"username": admin_user.email, "password": "wrong-password"})
        response = client.post(login_url, {"login": admin_user.email, "password": "wrong-password"})
        assert response.status_code == 200
        assert not signed_in(client)
    # The sixth attempt, with the right password, is refused: no TOTP step is even offered.
    response = client.post(login_url, {"login": admin_user.email, "password": "demo12345"})
    assert response.status_code in (200, 429)
    assert response.get("Location") != reverse("mfa_authenticate")
    assert "too many" in response.content.decode().lower() or "quá nhiều" in response.content.decode().lower()
    client.post(ADMIN_LOGIN, {"username": admin_user.email, "password": "demo12345"})
    assert not signed_in(client)
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_a_session_that_skipped_the_totp_step_is_signed_out_everywhere(admin_user):
    """What the old admin login produced: a password-only session of an internal user."""
    c = Client()
    c.force_login(admin_user)
    assert c.get("/admin/")["Location"].startswith("/admin/login/")
    response = c.get("/enterprises/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=/enterprises/"
    assert not signed_in(c)


@pytest.mark.django_db
def test_a_signed_in_user_without_admin_rights_gets_403_not_a_loop(client_for, make_user):
    leader = client_for(make_user("leader"))
    assert leader.get("/admin/")["Location"].startswith("/admin/login/")
    assert leader.get(ADMIN_LOGIN).status_code == 403


@pytest.mark.django_db(transaction=True)  # allauth signals the new authenticator after commit
def test_setting_up_totp_counts_as_the_sessions_second_factor(client, make_user):

    staff = make_user("staff", email="moi@test.vn", mfa=False)
    response = client.post(reverse("account_login"), {"login": staff.email, "password": "demo12345"})
    assert response.status_code == 302
    assert client.get("/enterprises/")["Location"] == reverse("mfa_activate_totp")
    # allauth asks for the password again before adding an authenticator.
    client.post(reverse("account_reauthenticate"), {"password": "demo12345"})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_now(secret)})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert client.get("/enterprises/").status_code == 200


@pytest.mark.django_db
def test_internal_sessions_last_eight_hours_enterprise_sessions_do_not_end_so(client_for, make_user):
    from accounts.sessions import SIGNED_IN_AT

    staff, rep = make_user("staff"), make_user("enterprise")
    staff_client, rep_client = client_for(staff), client_for(rep)
    assert staff_client.session.get_expiry_age() == 8 * 60 * 60
    assert staff_client.get("/enterprises/").status_code == 200
    for c in (staff_client, rep_client):
        session = c.session
        session[SIGNED_IN_AT] = time.time() - 8 * 60 * 60 - 1
        session.save()
    response = staff_client.get("/enterprises/")
    assert response["Location"] == reverse("account_login") + "?next=/enterprises/"
    assert not signed_in(staff_client)
    assert rep_client.get("/home/").status_code == 200
