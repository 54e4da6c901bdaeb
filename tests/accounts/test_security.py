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
