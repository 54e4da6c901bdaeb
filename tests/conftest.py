"""Shared fixtures: users per role (internal ones with TOTP), query counting, Celery, browser."""

import contextlib
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nangsuat.celery import app as celery_app
from tests.accounts.factories import UserFactory

ROLES = ("enterprise", "staff", "finance", "leader", "partner", "admin", "national")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres", "psql"))


def stale_catalogues(base_dir: Path) -> list[Path]:
    """The vi catalogues (.po) whose .mo is missing or older."""
    return sorted(
        po
        for po in Path(base_dir).glob("**/locale*/*/LC_MESSAGES/django.po")
        if not {".venv", "var", "node_modules"} & set(po.parts)
        and (not po.with_suffix(".mo").exists() or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime)
    )


def compile_catalogues(base_dir: Path, msgfmt: str | None) -> list[Path]:
    """Compile the stale catalogues with ``msgfmt``; without msgfmt, stop the run in one line that
    says why (the Vietnamese assertions would otherwise fail one by one with no hint)."""
    stale = stale_catalogues(base_dir)
    if stale and msgfmt is None:
        pytest.exit(
            f"{len(stale)} translation catalogue(s) are not compiled (e.g. {stale[0].relative_to(base_dir)}) "
            "and msgfmt is missing: install gettext (apt-get install gettext), then run pytest again.",
            returncode=4,
        )
    for po in stale:
        subprocess.run([msgfmt, "--check-format", "-o", str(po.with_suffix(".mo")), str(po)], check=True)
    return stale


def pytest_sessionstart(session):
    """Compile the vi catalogues whose .po is newer than their .mo (``make test`` compiles them; a
    bare ``pytest`` after a merge would otherwise assert Vietnamese text against stale catalogues)."""
    if compile_catalogues(Path(settings.BASE_DIR), shutil.which("msgfmt")):
        from django.utils.translation.reloader import translation_file_changed

        translation_file_changed(None, Path("django.mo"))  # forget catalogues loaded before


@pytest.fixture(autouse=True)
def _celery_eager(settings):
    """Tasks run in-process unless a test starts a real worker."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = True


@pytest.fixture(autouse=True)
def _outbox_nudges_on():
    """A test that stopped the broker must not leave the next test's nudges paused."""
    from core import outbox

    outbox._nudge_paused_until = 0.0


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media", "base_url": "/_private/"},
        },
    }


@pytest.fixture(scope="session")
def _empty_static_root(tmp_path_factory):
    return tmp_path_factory.mktemp("static-root")


@pytest.fixture(autouse=True)
def _no_collected_static_files(settings, _empty_static_root):
    """WhiteNoise indexes every file under STATIC_ROOT each time a request handler is built (every
    test client) unless it refreshes on each request; once ``make prod-check`` has collected its
    1,161 files there, that made the suite half as slow again (the role matrix 84 → 150-193 s).
    Tests render ``{% static %}`` URLs and read the sources; none serves collected files."""
    settings.STATIC_ROOT = str(_empty_static_root)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _role_groups(request):
    """Role groups come from a data migration; a transactional test's flush removes them.

    Tests with ``serialized_rollback`` get them back from the serialized database instead.
    """
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    marker = request.node.get_closest_marker("django_db")
    if (marker and marker.kwargs.get("serialized_rollback")) or "django_db_serialized_rollback" in request.fixturenames:
        return  # ids change when a transactional test re-creates them
    try:
        if Group.objects.count() < len(ROLES):
            for role in ROLES:
                Group.objects.get_or_create(name=role)
    except RuntimeError:
        pass  # no database access in this test


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    try:
        cache.clear()
    except RuntimeError:
        pass  # a database cache in a test without database access: nothing to clear


INTERNAL = {"staff", "finance", "leader", "admin"}


@pytest.fixture
def make_user(db):
    """make_user("staff", "leader", email=..., mfa=True, agency=...) -> User with those roles.

    An internal user belongs to ``agency`` (default: the default test agency that the factories'
    plans, courses and partners belong to); ``agency=None`` leaves them without one."""
    from tests.programs.factories import AgencyFactory

    def factory(*roles, mfa=True, agency=..., **kwargs):
        user = UserFactory(roles=roles, mfa=mfa, **kwargs)
        if INTERNAL & set(roles):
            agency = AgencyFactory() if agency is ... else agency
            if agency is not None:
                agency.members.add(user)
        return user

    return factory


@pytest.fixture
def users(make_user):
    """One user per role, internal ones with TOTP."""
    return {role: make_user(role, email=f"{role}@test.vn") for role in ROLES}


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client signed in as ``user`` (a fresh client each call)."""
    from django.test import Client

    def factory(user):
        c = Client()
        c.force_login(user)
        mark_session_mfa(c, user)
        return c

    return factory


def mark_session_mfa(client, user) -> None:
    """Record in the client's session that its sign-in passed password and TOTP, as the portal's
    login does (force_login skips both; internal pages require the second factor)."""
    from allauth.account.internal.flows import login as flows

    now = time.time()
    session = client.session
    session[flows.AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    session[flows._AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()


@pytest.fixture
def post_and_follow(django_capture_on_commit_callbacks):
    """post_and_follow(client, url, data) -> the page a POST redirects to, once the work it queued
    (outbox, background job; Celery eager) has run."""

    def run(client, url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data or {})
        assert response.status_code == 302, response.content.decode()[:2000]
        return client.get(response["Location"])

    return run


@pytest.fixture
def count_queries():
    """count_queries(callable) -> (result, number of queries it ran)."""

    def run(fn, *args, **kwargs):
        with CaptureQueriesContext(connection) as ctx:
            result = fn(*args, **kwargs)
        return result, len(ctx.captured_queries)

    return run


def page_query_count(client, url) -> int:
    """The number of queries one GET of ``url`` runs (asserts HTTP 200)."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


@pytest.fixture
def page_queries():
    return page_query_count


# --- Celery: a real worker -------------------------------------------------------------------
def worker_database_url() -> str:
    """The URL of the test database, for a worker process (PostgreSQL only)."""
    db = connection.settings_dict
    if not db["ENGINE"].endswith("postgresql"):
        pytest.skip("a worker process cannot share an in-memory SQLite test database")
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def spawn_worker(*, queue: str, beat_schedule: Path | None = None, env_extra: dict | None = None):
    """A real Celery worker process on ``queue`` against the test database (with beat embedded
    when ``beat_schedule`` is given)."""
    env = dict(os.environ)
    env["DATABASE_URL"] = worker_database_url()
    env["CELERY_DEFAULT_QUEUE"] = queue
    env["DEBUG"] = "1"
    env.update(env_extra or {})
    command = [sys.executable, "-m", "celery", "-A", "nangsuat", "worker", "-Q", queue, "-c", "1", "-P", "prefork"]
    command += ["--without-mingle", "--without-gossip", "-l", "warning"]
    if beat_schedule is not None:
        command += ["-B", "-s", str(beat_schedule)]
    return subprocess.Popen(
        command,
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: a test can kill the whole worker
    )


def stop_process(proc) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def celery_worker_process(transactional_db):
    """Start a real Celery worker on Redis against the test database; yield; stop it."""
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is not set: a real worker needs Redis")
    queue = f"test-{uuid.uuid4().hex[:8]}"
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    proc = spawn_worker(queue=queue)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            replies = celery_app.control.ping(timeout=0.5)
            if replies:
                break
        yield proc
    finally:
        stop_process(proc)
        celery_app.conf.task_default_queue = "celery"


@contextlib.contextmanager
def append_only_suspended(*tables: str):
    """For tests that rebuild history as it was before a feature existed: the append-only triggers
    of ``tables`` are off inside the block (PostgreSQL; the test's transaction undoes it anyway)."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred checks pending on these tables
        for table in tables:
            cursor.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER "{table}_append_only"')
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table in tables:
                cursor.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER "{table}_append_only"')
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


class ThrowawayRedis:
    """A redis-server of the test's own (no persistence) that the test can stop and start again."""

    def __init__(self, port: int):
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.proc = None

    def start(self) -> None:
        import redis

        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                client.ping()
                return
            except redis.RedisError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server on port {self.port} did not start")

    def stop(self) -> None:
        if self.proc is not None:
            stop_process(self.proc)
            self.proc = None


def free_port() -> int:
    """A TCP port nothing listens on now (the kernel's choice)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def throwaway_redis():
    """A redis-server on THROWAWAY_REDIS_PORT, else on a free port (several runs share the machine);
    started; the test may stop and restart it on the same port; stopped at the end."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    server = ThrowawayRedis(int(os.environ.get("THROWAWAY_REDIS_PORT") or free_port()))
    server.start()
    yield server
    server.stop()


# --- Browser ---------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Chromium is not installed")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", bypass_csp=False)
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


@pytest.fixture
def sign_in(browser, live_server):
    """sign_in(user) -> a Playwright page whose browser is signed in as ``user`` (session cookie)."""
    from django.test import Client

    contexts = []

    def factory(user):
        c = Client()
        c.force_login(user)
        mark_session_mfa(c, user)
        cookie = c.cookies[settings.SESSION_COOKIE_NAME]
        context = browser.new_context(base_url=live_server.url, locale="vi-VN")
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}])
        contexts.append(context)
        pg = context.new_page()
        pg.set_default_timeout(15000)
        return pg

    yield factory
    for context in contexts:
        context.close()


AXE_PATH = Path(settings.BASE_DIR) / "static" / "vendor" / "axe" / "axe.min.js"


def assert_accessible(pg, *, impacts=("serious", "critical")):
    """Run axe-core (served from the repo) on the page; fail on serious or critical violations."""
    pg.evaluate(AXE_PATH.read_text() + "\n;void 0")
    result = pg.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} → {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in impacts
    ]
    assert not bad, "axe-core violations on " + pg.url + ":\n" + "\n".join(bad)


@pytest.fixture(autouse=True, scope="session")
def _pdf_renders_once_per_html():
    """WeasyPrint renders the same HTML to the same bytes (the builds are reproducible); the demo
    data, seeded again for many tests, would render its reports each time. The suite keeps each
    distinct HTML's PDF for the session (tests that compare renders still render every new HTML)."""
    import hashlib

    import core.pdf
    import reports.builders.pdf

    render = core.pdf.html_to_pdf
    kept: dict[str, bytes] = {}

    def html_to_pdf(html: str) -> bytes:
        key = hashlib.sha256(html.encode()).hexdigest()
        if key not in kept:
            kept[key] = render(html)
        return kept[key]

    patcher = pytest.MonkeyPatch()
    for module in (core.pdf, reports.builders.pdf):
        patcher.setattr(module, "html_to_pdf", html_to_pdf)
    yield kept
    patcher.undo()
