import re

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.urls import reverse

from accounts.models import Role, User
from accounts.services import user_set_roles
from core.models import AuditEvent
from tests.accounts.factories import TEST_TOTP_SECRET


def _login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


@pytest.mark.django_db
def test_sixth_wrong_password_locks_the_account_but_not_its_neighbours(client, make_user):
    victim = make_user("enterprise", email="victim@test.vn")
    neighbour = make_user("enterprise", email="neighbour@test.vn")
    for _ in range(5):
        response = _login(client, victim.email, "wrong-password")
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    # The sixth attempt is refused even with the right password.
    response = _login(client, victim.email, "demo12345")
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)
    # Another account from the same address still signs in.
    response = _login(client, neighbour.email, "demo12345")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(neighbour.pk)


@pytest.mark.django_db
def test_enterprise_signs_in_with_email_and_password(client, make_user):
    user = make_user("enterprise", email="rep@test.vn")
    response = _login(client, "rep@test.vn", "demo12345")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:home")
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_staff_sign_in_asks_for_the_totp_code(client, make_user):
    staff = make_user("staff", email="staff1@test.vn")
    response = _login(client, staff.email, "demo12345")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    import time

    code = format_hotp_value(hotp_value(TEST_TOTP_SECRET, int(time.time()) // 30))
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


@pytest.mark.django_db
def test_sign_up_makes_an_enterprise_representative_after_email_verification(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "new@congty.vn", "password1": "Ns-Str0ng-pass!", "password2": "Ns-Str0ng-pass!"},
    )
    assert response.status_code == 302
    user = User.objects.get(email="new@congty.vn")
    assert user.roles == {Role.ENTERPRISE}
    assert "_auth_user_id" not in client.session  # verification is mandatory
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+", mail.outbox[-1].body).group(0)
    client.post(link.split("testserver", 1)[-1])
    assert user.emailaddress_set.get().verified
    audit = AuditEvent.objects.get(action="user.roles_changed", object_id=str(user.pk))
    assert audit.data == {"added": ["enterprise"], "removed": []}


@pytest.mark.django_db
def test_role_changes_are_audited(make_user):
    admin = make_user("admin")
    user = make_user("enterprise")
    user_set_roles(user=user, roles={"staff", "finance"}, actor=admin, reason="chuyển công tác")
    event = AuditEvent.objects.filter(action="user.roles_changed", object_id=str(user.pk)).latest("pk")
    assert event.actor == admin
    assert event.reason == "chuyển công tác"
    assert event.data == {"added": ["finance", "staff"], "removed": ["enterprise"]}
    user.refresh_from_db()
    assert user.is_staff  # staff reach admin for reference data


@pytest.mark.django_db
def test_audit_events_are_append_only(make_user):
    from core.audit import audit_record

    event = audit_record(actor=make_user("admin"), action="test.done", obj=None, reason="x")
    event.reason = "changed"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()


@pytest.mark.django_db
def test_role_changes_made_in_django_admin_are_audited(client_for, make_user):
    from django.contrib.auth.models import Group

    admin = make_user("admin")
    admin.is_superuser = True
    admin.save()
    user = make_user("enterprise", email="doi-vai-tro@test.vn")
    url = reverse("admin:accounts_user_change", args=[user.pk])
    response = client_for(admin).post(
        url,
        {
            "email": user.email,
            "full_name": user.full_name,
            "phone": "",
            "organisation": "",
            "is_active": "on",
            "groups": [Group.objects.get(name="finance").pk],
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "01/01/2025",
            "date_joined_1": "08:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.filter(action="user.roles_changed", object_id=str(user.pk)).latest("pk")
    assert event.actor == admin
    assert event.data == {"added": ["finance"], "removed": ["enterprise"]}
