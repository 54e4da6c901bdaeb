import os
import subprocess
import sys

import pytest
from django.conf import settings


def _manage(*args, env_extra):
    # Only what production sets: the test run's own switches (DEBUG, browser tests' async flag) stay out.
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "MFA_REQUIRED", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x7#kq!2vR9zL$4mWp8@Tn6bY3cF1hJ5sD0gA*eU&oI^rE-wQ+Zt9Lm2Xc7Vb",
    "ALLOWED_HOSTS": "nangsuat.example.gov.vn",
    "EMAIL_URL": "smtp://mail.example.gov.vn:587",
    "SITE_URL": "https://nangsuat.example.gov.vn",
    "REDIS_URL": "redis://redis.example.gov.vn:6379/0",
}


def test_check_deploy_is_clean_with_production_values():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env_extra=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret():
    env = dict(PRODUCTION)
    env.pop("SECRET_KEY")
    result = _manage("check", env_extra=env | {"SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_redis():
    result = _manage("check", env_extra=PRODUCTION | {"REDIS_URL": ""})
    assert result.returncode != 0
    assert "ImproperlyConfigured: REDIS_URL must be set when DEBUG is off" in result.stderr
    # The same values with a broker pass.
    assert _manage("check", env_extra=PRODUCTION).returncode == 0


def test_production_refuses_to_start_without_the_site_address():
    result = _manage("check", env_extra=PRODUCTION | {"SITE_URL": ""})
    assert result.returncode != 0
    assert "ImproperlyConfigured: SITE_URL must be set when DEBUG is off" in result.stderr
    result = _manage("check", env_extra=PRODUCTION | {"SITE_URL": "https://nangsuat.example.gov.vn/portal/"})
    assert "ImproperlyConfigured: SITE_URL must be a scheme and a host, without a path" in result.stderr


def test_seed_demo_refuses_without_debug():
    result = _manage("seed_demo", env_extra=PRODUCTION)
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/accounts/signup/", "/does-not-exist/"])
def test_every_html_response_carries_a_csp_header(client, url):
    response = client.get(url)
    assert response["Content-Type"].startswith("text/html")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp


@pytest.mark.django_db
def test_csrf_is_enforced(make_user):
    from django.test import Client

    c = Client(enforce_csrf_checks=True)
    response = c.post("/accounts/login/", {"login": "x@test.vn", "password": "y"})
    assert response.status_code == 403


@pytest.mark.django_db
def test_error_pages_speak_vietnamese(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_with_the_database_down_pages_get_a_static_page_with_the_security_headers(tmp_path):
    """A real gunicorn whose database does not answer: not gunicorn's bare 500, but our static 503."""
    import time
    import urllib.error
    import urllib.request

    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "MFA_REQUIRED", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(PRODUCTION)
    env.update(
        {
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:8179/nowhere",  # nothing listens there
            "REDIS_URL": "redis://127.0.0.1:6399/0",
        }
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "nangsuat.wsgi:application", "-b", "127.0.0.1:8171", "-w", "1"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        answers = {}
        for path in ("/", "/home/", "/enterprises/"):
            request = urllib.request.Request(
                f"http://127.0.0.1:8171{path}", headers={"Cookie": "sessionid=abcdefghijklmnopqrstuvwxyz012345"}
            )
            deadline = time.monotonic() + 30
            while True:
                try:
                    urllib.request.urlopen(request, timeout=10)  # noqa: S310 - our own local server
                except urllib.error.HTTPError as error:
                    answers[path] = (error.code, dict(error.headers), error.read().decode())
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=15)
    for path, (status, headers, body) in answers.items():
        assert status == 503, (path, status, body[:300])
        assert "Cổng thông tin tạm thời gián đoạn" in body
        assert "<link" not in body
        assert "<script" not in body
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "default-src 'none'" in headers["Content-Security-Policy"]
        assert headers["Cache-Control"] == "private, no-store"
        assert headers["Retry-After"] == "120"


def test_every_cookie_is_secure_and_samesite_in_production():
    code = (
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.LANGUAGE_COOKIE_SECURE, s.SESSION_COOKIE_SAMESITE, s.CSRF_COOKIE_SAMESITE, s.LANGUAGE_COOKIE_SAMESITE,"
        " s.LANGUAGE_COOKIE_HTTPONLY)"
    )
    result = _manage("shell", "--no-imports", "-c", code, env_extra=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["True", "True", "True", "Lax", "Lax", "Lax", "True"]


@pytest.mark.django_db
def test_signed_in_answers_are_private_and_not_stored(client, client_for, users):
    assert "no-store" not in client.get("/").get("Cache-Control", "")
    for role, url in (("staff", "/enterprises/"), ("enterprise", "/home/"), ("staff", "/enterprises/?page=1")):
        response = client_for(users[role]).get(url)
        assert response.status_code == 200, url
        assert set(response["Cache-Control"].replace(" ", "").split(",")) >= {"private", "no-store"}, url
