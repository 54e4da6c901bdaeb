import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from nangsuat.celery import app as celery_app
from tests.applications.factories import ApplicationFactory, RepresentativeFactory


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
def test_pages_keep_working_when_redis_is_down(throwaway_redis, settings, make_user, client_for):
    """A real redis-server is the broker (and result backend), then it is stopped: /healthz says so
    and the main pages still answer 200 with their content. The cache stays what production uses
    with Redis configured (the database), as in ``nangsuat/settings.py``."""
    application = ApplicationFactory()
    rep = RepresentativeFactory(enterprise=application.enterprise).user
    staff, leader = make_user("staff"), make_user("leader")
    previous = celery_app.conf.broker_url, celery_app.conf.result_backend  # read before the change
    settings.REDIS_URL = throwaway_redis.url
    celery_app.conf.broker_url = celery_app.conf.result_backend = throwaway_redis.url
    celery_app.conf.task_always_eager = False
    forget_broker_connections()
    pages = [
        (Client(), "/", "Năng suất"),
        (client_for(staff), reverse("accounts:home"), reverse("account_logout")),
        (client_for(rep), reverse("applications:mine"), application.reference_code),
        (client_for(staff), reverse("applications:queue"), application.reference_code),
        (client_for(leader), reverse("programs:dashboard"), reverse("account_logout")),
    ]
    try:
        assert Client().get(reverse("healthz")).json() == {"database": "ok", "broker": "ok"}
        throwaway_redis.stop()
        assert Client().get(reverse("healthz")).json() == {"database": "ok", "broker": "down"}
        for client, url, expected in pages:
            response = client.get(url)
            assert (url, response.status_code) == (url, 200)
            assert expected in response.content.decode()
    finally:
        celery_app.conf.broker_url, celery_app.conf.result_backend = previous
        forget_broker_connections()


def forget_broker_connections() -> None:
    """Drop the connection pools and result backend Celery cached for the stopped server."""
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
        celery_app._pool = None
    celery_app.amqp._producer_pool = None
    celery_app._local.__dict__.pop("backend", None)
