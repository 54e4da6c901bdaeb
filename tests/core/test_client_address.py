"""Rate limits key on the real client address behind our trusted proxies (TRUSTED_PROXY_COUNT):
allauth's login limit and the public status lookup count the same client the same way."""

import datetime

import pytest
from django.urls import reverse

from core import clock
from core.ratelimit import client_address

PROXY = "10.0.0.2"
ALICE = "203.0.113.5"
BOB = "198.51.100.7"


def behind_proxy(address, *, written_by_client=None):
    """The request headers our one proxy sends on: it appends the address it saw."""
    forwarded = f"{written_by_client}, {address}" if written_by_client else address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


@pytest.fixture
def one_trusted_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def test_the_address_is_the_one_our_proxy_saw_not_what_the_client_wrote(rf, one_trusted_proxy):
    assert client_address(rf.get("/", **behind_proxy(ALICE))) == ALICE
    assert client_address(rf.get("/", **behind_proxy(ALICE, written_by_client=BOB))) == ALICE
    # A request that reached us without the proxy (a health check on the node) keys on its peer.
    assert client_address(rf.get("/", REMOTE_ADDR=ALICE)) == ALICE


def test_without_trusted_proxies_x_forwarded_for_is_ignored(rf, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    assert client_address(rf.get("/", **behind_proxy(ALICE))) == PROXY


def test_ipv6_clients_are_counted_by_their_64_prefix_like_allauth_does(rf, one_trusted_proxy):
    first = client_address(rf.get("/", **behind_proxy("2001:db8:1:2::10")))
    second = client_address(rf.get("/", **behind_proxy("2001:db8:1:2:ffff::99")))
    assert first == second == "2001:db8:1:2::"


@pytest.mark.django_db
def test_two_clients_behind_one_proxy_get_separate_lookup_buckets(client, one_trusted_proxy):
    url = reverse("applications:lookup")
    data = {"reference_code": "NSCL-2025-0001", "tax_code": "0100233488"}
    with clock.frozen(datetime.datetime(2026, 11, 30, 9, 0, 5, tzinfo=datetime.UTC)):
        for _ in range(10):
            assert client.post(url, data, **behind_proxy(ALICE)).status_code == 200
        assert client.post(url, data, **behind_proxy(ALICE)).status_code == 429
        # Writing another address into X-Forwarded-For does not buy Alice a fresh bucket.
        assert client.post(url, data, **behind_proxy(ALICE, written_by_client=BOB)).status_code == 429
        # Bob, behind the same proxy, has his own.
        response = client.post(url, data, **behind_proxy(BOB))
    assert response.status_code == 200
    assert "quá nhiều lần" not in response.content.decode()


@pytest.mark.django_db
def test_two_clients_behind_one_proxy_get_separate_login_buckets(client, one_trusted_proxy, settings, make_user):
    # allauth's limit on login attempts per address, lowered from 30 a minute to 3.
    settings.ACCOUNT_RATE_LIMITS = {"login": "3/m/ip", "login_failed": "60/m/ip,5/15m/key"}
    make_user("enterprise", email="bob@test.vn")
    url = reverse("account_login")
    for n in range(3):
        response = client.post(url, {"login": f"nobody{n}@test.vn", "password": "wrong"}, **behind_proxy(ALICE))
        assert response.status_code == 200
    response = client.post(url, {"login": "nobody9@test.vn", "password": "wrong"}, **behind_proxy(ALICE))
    assert response.status_code == 429
    # Bob, behind the same proxy, signs in.
    response = client.post(url, {"login": "bob@test.vn", "password": "demo12345"}, **behind_proxy(BOB))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:home")
