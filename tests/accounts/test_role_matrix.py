"""Every page × every role against the matrix (``tests/role_matrix.py``), which is data: nothing here
reads a view's decorator. Each row is requested as an anonymous visitor, as an internal user without
TOTP and as each of the six roles, in ``tests.role_world``: the users' agency has a record of every
kind (and applications in the states each role acts on), a second agency has records of every kind
that no internal page may show. Requests run in a savepoint rolled back after each, so a POST that
succeeds changes nothing for the next one.
"""

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import mark_session_mfa
from tests.role_docs import README, render
from tests.role_matrix import MATRIX, ROLES
from tests.role_world import role_world

INTERNAL = ("staff", "finance", "leader", "admin")
# URLs of the packages the portal mounts (sign-in and MFA pages, Django admin, i18n): not pages of
# ours; Django admin is checked below.
FOREIGN_NAMESPACES = {"admin"}
FOREIGN_MODULES = ("allauth.", "django.")


def _walk(patterns, prefix="", namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p, namespace


def portal_url_names() -> set[str]:
    names = set()
    for _route, pattern, namespace in _walk(get_resolver().url_patterns):
        module = getattr(pattern.callback, "__module__", "")
        if namespace in FOREIGN_NAMESPACES or module.startswith(FOREIGN_MODULES) or pattern.name is None:
            continue
        names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def test_the_matrix_covers_every_url_of_the_portal():
    assert {row[0] for row in MATRIX} == portal_url_names()
    assert len({row[0] for row in MATRIX}) >= 130


def test_readme_role_table_is_generated_from_the_matrix():
    readme = README.read_text(encoding="utf-8")
    assert render(readme) == readme, "The README's role table differs from tests/role_matrix.py: run `make docs`."


def _storages(location) -> dict:
    return {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": location, "base_url": "/_private/"},
        },
    }


@pytest.fixture(scope="module")
def world_build(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, built once for the module inside a transaction rolled back at the end; its files
    in a media folder of its own."""
    media = tmp_path_factory.mktemp("role-world-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media, STORAGES=_storages(media)):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield role_world(), media
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(world_build, settings):
    world, media = world_build
    settings.MEDIA_ROOT, settings.STORAGES = media, _storages(media)
    return world


def _client(user=None, *, totp=True) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
        if totp:
            mark_session_mfa(client, user)
    return client


def _answer(client, url: str, method: str):
    """The answer in the matrix's words, and the response; nothing the request did is kept."""
    with transaction.atomic():
        response = client.get(url) if method == "GET" else client.post(url, {})
        transaction.set_rollback(True)
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("account_login")):
            return "login", response
        if location == reverse("mfa_activate_totp"):
            return "mfa", response
    return str(response.status_code), response


@pytest.mark.django_db
@pytest.mark.parametrize("row", MATRIX, ids=lambda row: f"{row[0]}[{row[1]}]" if row[1] else row[0])
def test_every_role_gets_the_answer_of_the_matrix(world, row):
    name, arguments, method, anonymous, no_totp, answers, *_note = row
    url = reverse(name, args=[world.argument(token) for token in arguments.split()])
    expected = {"anonymous": anonymous, "no TOTP": no_totp} | dict(zip(ROLES, answers.split(), strict=True))
    clients = {"anonymous": _client(), "no TOTP": _client(world.no_totp, totp=False)}
    clients |= {role: _client(world.users[role]) for role in ROLES}
    actual = {}
    for who, client in clients.items():
        actual[who], response = _answer(client, url, method)
        # Internal users see no record of another agency on an internal page (enterprise and partner
        # pages are scoped by their enterprise or organisation; public pages show every agency's).
        if anonymous == "login" and who in INTERNAL and response.get("Content-Type", "").startswith("text/html"):
            assert world.other.marker not in response.content.decode(), (url, who, "another agency's record")
        # A refused page refuses a POST too (nothing happens behind a GET-only check).
        if actual[who] == "403" and method == "GET":
            assert _answer(client, url, "POST")[0] == "403", (url, who, "POST")
    assert actual == expected, url


@pytest.mark.django_db
def test_enterprise_users_need_no_totp(client_for, make_user):
    c = client_for(make_user("enterprise", mfa=False))
    assert c.get(reverse("accounts:home")).status_code == 200


@pytest.mark.django_db
def test_admin_is_for_staff_and_admins(client_for, make_user):
    # Not in the matrix: Django admin is its own site, with its own login (a redirect to it).
    for role in ROLES:
        expected = 200 if role in ("staff", "admin") else 302
        user = make_user(role, email=f"{role}-admin-door@test.vn")
        assert client_for(user).get(reverse("admin:index")).status_code == expected, role


def test_the_national_role_without_totp_reaches_only_the_mfa_set_up(client_for, make_user, settings):
    settings.MFA_REQUIRED_FOR_INTERNAL = True
    c = client_for(make_user("national", mfa=False))
    response = c.get(reverse("national:rollup"))
    assert (response.status_code, response["Location"]) == (302, reverse("mfa_activate_totp"))
