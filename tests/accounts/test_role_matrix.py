"""Every internal page × every role: the answer the permission layer promises, with two agencies.

Pages are found by walking the URL configuration: each view wrapped by
``accounts.permissions.role_required`` carries ``required_roles``. Pages with URL arguments are
covered object by object in each app's own tests (another enterprise's object is a 404) and in
``test_agency_scoping`` (another agency's object is a 404). Every user here belongs to the default
test agency while a second agency holds records of every kind: no page shows them.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import INTERNAL_ROLES
from tests.conftest import ROLES


def _walk(patterns, prefix="", namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p, namespace


def internal_pages():
    pages = []
    for route, pattern, namespace in _walk(get_resolver().url_patterns):
        roles = getattr(pattern.callback, "required_roles", None)
        if roles is None or "<" in route or pattern.name is None:
            continue
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        pages.append(pytest.param(name, tuple(roles), id=name))
    return pages


PAGES = internal_pages()


def _request(client, url):
    """GET the page; a POST-only action (405 on GET) is requested with an empty POST instead."""
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {})
    return response


def test_the_matrix_covers_the_shell():
    names = {p.values[0] for p in PAGES}
    assert {"accounts:home", "accounts:audit_log"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "allowed"), PAGES)
def test_anonymous_is_sent_to_login(client, url_name, allowed):
    response = _request(client, reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.fixture
def other_agency(db):
    """A second agency with records of every kind, each named with its marker; the users' own agency
    (the default test agency) has an area of its own."""
    from programs.models import AgencyArea
    from tests.agency_world import agency_world, province
    from tests.programs.factories import AgencyFactory

    AgencyArea.objects.create(agency=AgencyFactory(), unit=province("Tỉnh của các người dùng"))
    return agency_world(code="agency-b", marker="BETAZ")


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "allowed"), PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_role_gets_the_promised_answer(client_for, make_user, other_agency, url_name, allowed, role):
    user = make_user(role)
    c = client_for(user)
    url = reverse(url_name)
    response = _request(c, url)
    if role in allowed:
        assert response.status_code not in (403, 404), (url, role, response.status_code)
        assert response.status_code < 500, (url, role, response.status_code)
        # Internal users see no record of another agency (enterprise and partner pages are scoped
        # by their enterprise or organisation; a plan not in draft is public anyway).
        if role in INTERNAL_ROLES and response.get("Content-Type", "").startswith("text/html"):
            assert other_agency.marker not in response.content.decode(), (url, role, "another agency's record")
    else:
        assert response.status_code == 403, (url, role, response.status_code)
        assert c.post(url, {}).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["staff", "finance", "leader", "admin", "national"])
def test_internal_roles_without_totp_reach_only_mfa_setup(client_for, make_user, role, settings):
    settings.MFA_REQUIRED_FOR_INTERNAL = True
    c = client_for(make_user(role, mfa=False))
    for param in PAGES:
        url_name, allowed = param.values
        if role not in allowed:
            continue
        response = _request(c, reverse(url_name))
        assert response.status_code == 302, url_name
        assert response["Location"] == reverse("mfa_activate_totp")
    assert c.get(reverse("admin:index")).status_code == 302  # admin refuses too (to its login)


@pytest.mark.django_db
def test_enterprise_users_need_no_totp(client_for, make_user):
    c = client_for(make_user("enterprise", mfa=False))
    assert c.get(reverse("accounts:home")).status_code == 200


@pytest.mark.django_db
def test_expected_answers_of_the_shell_pages(client_for, users):
    expected = {
        "accounts:audit_log": {
            "admin": 200,
            "leader": 200,
            "staff": 403,
            "finance": 403,
            "partner": 403,
            "enterprise": 403,
        },
        "accounts:home": dict.fromkeys(ROLES, 200),
    }
    for url_name, answers in expected.items():
        for role, status in answers.items():
            assert client_for(users[role]).get(reverse(url_name)).status_code == status, (url_name, role)


@pytest.mark.django_db
def test_admin_is_for_staff_and_admins(client_for, users):
    assert client_for(users["admin"]).get(reverse("admin:index")).status_code == 200
    assert client_for(users["staff"]).get(reverse("admin:index")).status_code == 200
    for role in ("enterprise", "partner", "finance", "leader"):
        assert client_for(users[role]).get(reverse("admin:index")).status_code == 302, role
