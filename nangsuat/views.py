"""Project-level views: health and the friendly error pages."""

import sys

import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from core.errorpages import is_database_failure, static_error_response


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means "down"
        return "down"
    return "ok"


def _broker_state() -> str:
    if not settings.REDIS_URL:
        return "ok"  # quick-start: tasks run in-process, there is no broker to lose
    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
    except redis.RedisError:
        return "down"
    return "ok"


@never_cache
def healthz(request):
    """JSON state of the database and the broker; 503 when the database is down."""
    state = {"database": _database_state(), "broker": _broker_state()}
    return JsonResponse(state, status=200 if state["database"] == "ok" else 503)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """The friendly 500 page; when the database is down, or the page itself cannot be rendered
    (it needs the session, the user, the menus), a static page with the security headers."""
    failure = sys.exc_info()[1]
    if is_database_failure(failure):
        return static_error_response(status=503)
    try:
        return render(request, "500.html", status=500)
    except Exception:  # noqa: BLE001 - the error page must never fail in turn
        return static_error_response(status=500)
