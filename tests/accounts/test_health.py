import pytest
from django.db import connection
from django.urls import reverse


@pytest.mark.django_db
def test_healthz_reports_database_and_broker(client, settings):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["broker"] == ("ok" if settings.REDIS_URL else "ok")


@pytest.mark.django_db
def test_healthz_reports_broker_down_on_closed_port(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "down"}


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_is_down(client, monkeypatch):
    from django.db.utils import OperationalError

    def fail(*args, **kwargs):
        raise OperationalError("database is down")

    monkeypatch.setattr(connection, "cursor", fail)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "down"


@pytest.mark.django_db
def test_pages_keep_working_when_redis_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    assert client.get("/").status_code == 200
    assert client.get(reverse("account_login")).status_code == 200
