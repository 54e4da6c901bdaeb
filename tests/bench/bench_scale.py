"""Generated data at province scale (``core.scale``): the generator's time, the leader dashboard
against its SQL floor, the five-year report against the bare openpyxl + WeasyPrint baseline, and
(opt-in, long) the same at ten times a province and the national run.

- Dashboard: best of 5 requests through the whole stack (test client, DEBUG off) with the figures
  built from the facts (cache cleared before each) and read from the cache (a second visit), the
  query counts, against the SQL floor: the database's time for the statements of the fastest built
  request, and for its aggregates (COUNT/SUM) alone.
- Lists: each list page against Django's admin changelist of the same model (best of 5 each).
- Five-year report: ``bench_reports._measure`` (best of 3 builds as the worker runs them, in turns with the
  baseline on the same SQL, tracemalloc peaks).
- ``BENCH_X10=1``: a second agency at ten times a province (≈7 min to generate), same figures.
- ``BENCH_NATIONAL=1``: 33 more agencies at province scale (≈25 min), then the 34 five-year reports
  requested at once and built by 4 Celery worker processes (solo pool, queue of their own,
  against this throw-away database): wall time and each worker's peak RSS (VmHWM).
``BENCH_SCALE=tiny`` runs every step on the tests' tiny size (a check of the bench itself).
Run by `make bench` inside the throw-away test database (tests/bench/__main__.py).
"""

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

REPEAT = 5
WORKERS = 4
# BENCH_SCALE=tiny runs every step on the tests' two-agency size: a quick check of the bench itself.
SCALE = os.environ.get("BENCH_SCALE", "province")


def _generate(figures: dict, label: str, **kwargs) -> None:
    from core.scale import generate

    result = generate(scale=SCALE, log=lambda line: print(f"   {line}", flush=True), **kwargs)
    figures[f"{label}_generate_seconds"] = result["seconds"]
    figures[f"{label}_rows"] = {k: v for k, v in result["rows"].items() if v >= 1000}


def _mark_mfa(client, user) -> None:
    """As tests/conftest.py: the session says the sign-in passed password and TOTP."""
    from allauth.account.internal.flows import login as flows

    now = time.time()
    session = client.session
    session[flows.AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    session[flows._AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()


def _leader(agency):
    from tests.accounts.factories import UserFactory

    user = UserFactory(roles=("leader",), mfa=True, email=f"bench.leader.{agency.code}@thu-tai.example.vn")
    agency.members.add(user)
    return user


def _best(fn, repeat=REPEAT) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def _dashboard(plan, label: str) -> dict:
    """The dashboard as built from the facts (the cache cleared before each request) and as read
    from the cache (a second visit), against the SQL floor of the built request."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import reverse

    client = Client()
    user = _leader(plan.agency)
    client.force_login(user)
    _mark_mfa(client, user)
    url = f"{reverse('programs:dashboard')}?plan={plan.pk}"
    with override_settings(DEBUG=False):

        def get():
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        def built():  # the figures computed from the facts: nothing in the cache
            cache.clear()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                get()
                elapsed = time.perf_counter() - started
            return elapsed, captured.captured_queries

        get()  # warm-up (templates)
        runs = [built() for _ in range(REPEAT)]
        page = _best(get)  # the figures read from the cache
        with CaptureQueriesContext(connection) as warm_captured:
            get()
    # The SQL floor: the time the database took for the statements of the fastest built request
    # (Django's own timing of each query), and of its aggregates (COUNT/SUM) alone.
    cold, queries = min(runs, key=lambda run: run[0])

    def seconds(statements):
        return sum(float(q["time"]) for q in statements)

    floor = seconds(queries)
    floor_aggregates = seconds(q for q in queries if "COUNT(" in q["sql"] or "SUM(" in q["sql"])
    return {
        f"{label}_dashboard_built_ms": round(cold * 1000, 1),
        f"{label}_dashboard_built_ratio_to_sql_floor": round(cold / floor, 2),
        f"{label}_dashboard_ms": round(page * 1000, 1),
        f"{label}_dashboard_queries": len(queries),
        f"{label}_dashboard_cached_queries": len(warm_captured.captured_queries),
        f"{label}_dashboard_sql_floor_ms": round(floor * 1000, 1),
        f"{label}_dashboard_aggregate_sql_ms": round(floor_aggregates * 1000, 1),
    }


# Each list page and, where Django's admin lists the same model, its changelist (100 rows a page,
# a COUNT and a search box, as the target compares): server time best of 5 and the query count.
LIST_PAGES = [
    ("enterprises", "enterprises:list", "admin:enterprises_enterprise_changelist"),
    ("participants", "training:participant_list", "admin:training_participant_changelist"),
    ("courses", "training:course_list", "admin:training_course_changelist"),
    ("queue", "applications:queue", "admin:applications_supportapplication_changelist"),
    ("staff_home", "accounts:home", None),
    ("enterprise_search", "enterprises:list", "admin:enterprises_enterprise_changelist"),
]


def _pages(pairs) -> list[tuple[float, int]]:
    """(best time of 5, queries) of each (client, url) of ``pairs``, measured in turns so that
    whatever else the machine does weighs on each alike."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings

    def get(client, url):
        started = time.perf_counter()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return time.perf_counter() - started

    with override_settings(DEBUG=False):
        for client, url in pairs:
            get(client, url)  # warm-up
        best = [min(times) for times in zip(*[[get(c, u) for c, u in pairs] for _ in range(REPEAT)], strict=True)]
        counts = []
        for client, url in pairs:
            with CaptureQueriesContext(connection) as captured:
                get(client, url)
            counts.append(len(captured.captured_queries))
    return list(zip(best, counts, strict=True))


def _lists(plan, label: str) -> dict:
    from django.test import Client
    from django.urls import reverse

    from tests.accounts.factories import UserFactory

    staff = UserFactory(roles=("staff",), mfa=True, email=f"bench.staff.{label}@thu-tai.example.vn")
    plan.agency.members.add(staff)
    admin = UserFactory(roles=("staff",), mfa=True, email=f"bench.admin.{label}@thu-tai.example.vn")
    admin.is_superuser = True
    admin.save(update_fields=["is_superuser"])
    plan.agency.members.add(admin)
    portal, site = Client(), Client()
    portal.force_login(staff)
    _mark_mfa(portal, staff)
    site.force_login(admin)
    _mark_mfa(site, admin)
    figures: dict = {}
    for name, page, changelist in LIST_PAGES:
        query = "?q=cong+ty+thu+nghiem+so+12" if name == "enterprise_search" else ""
        pairs = [(portal, reverse(page) + query)] + ([(site, reverse(changelist) + query)] if changelist else [])
        measured = _pages(pairs)
        seconds, queries = measured[0]
        figures[f"{label}_{name}_ms"] = round(seconds * 1000, 1)
        figures[f"{label}_{name}_queries"] = queries
        if changelist:
            admin_seconds = measured[1][0]
            figures[f"{label}_{name}_admin_ms"] = round(admin_seconds * 1000, 1)
            figures[f"{label}_{name}_ratio_to_admin"] = round(seconds / admin_seconds, 2)
    return figures


def _five_year(plan, label: str, version: int) -> dict:
    from tests.bench.bench_reports import _measure

    return _measure(plan, label, version=version)


def _plan(number: int):
    from core.scale.setup import agency_code
    from programs.models import Plan

    return Plan.objects.select_related("agency").get(agency__code=agency_code(number))


def run() -> dict:
    for noisy in ("weasyprint", "fontTools"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    figures: dict = {}

    def add(section: dict) -> None:  # printed as it comes: the whole run is long
        print(f"   {section}", flush=True)
        figures.update(section)

    _generate(figures, "province", agencies=1, first=1)
    plan = _plan(1)
    add(_dashboard(plan, "province"))
    add(_lists(plan, "province"))
    add(_five_year(plan, "province", version=1))
    if os.environ.get("BENCH_X10") == "1":
        _generate(figures, "x10", agencies=1, first=2, factor=10)
        add(_dashboard(_plan(2), "x10"))
        add(_lists(_plan(2), "x10"))
        add(_five_year(_plan(2), "x10", version=1))
        figures["x10_dashboard_built_over_province"] = round(
            figures["x10_dashboard_built_ms"] / figures["province_dashboard_built_ms"], 2
        )
        figures["x10_report_peak_over_province"] = round(figures["x10_peak_mib"] / figures["province_peak_mib"], 2)
    if os.environ.get("BENCH_NATIONAL") == "1":
        figures |= _national()
    return figures


# --- The national run ---------------------------------------------------------------------------------
def _spawn(queue: str, index: int, log_dir: Path):
    """A worker in the production shape (tests/smoke/stack.py's environment: DEBUG off, console
    mail), on a queue of its own, against this throw-away database; its log in ``log_dir``."""
    from django.conf import settings
    from django.db import connection

    from tests.smoke.stack import production_environment

    db = connection.settings_dict
    env = production_environment(
        database_url=f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        redis_url=settings.REDIS_URL,
        port=8000,
        CELERY_DEFAULT_QUEUE=queue,
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
    )
    command = [sys.executable, "-m", "celery", "-A", "nangsuat", "worker", "-Q", queue, "-P", "solo"]
    command += ["-n", f"bench{index}-{os.getpid()}@%h", "--without-mingle", "--without-gossip", "-l", "warning"]
    log = (log_dir / f"worker{index}.log").open("w")
    return subprocess.Popen(command, env=env, cwd=settings.BASE_DIR, stdout=log, stderr=subprocess.STDOUT)


def _peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _national() -> dict:
    from django.conf import settings
    from django.db import connection

    from core.scale import generated_agencies
    from nangsuat.celery import app as celery_app
    from programs.models import Plan
    from reports.models import ReportKind, ReportRun, ReportStatus
    from reports.services import report_request

    if connection.vendor != "postgresql":
        return {"national": "skipped: needs PostgreSQL and Redis (worker processes)"}
    figures: dict = {}
    present = generated_agencies().count()
    _generate(figures, "national", agencies=34 - present, first=present + 1)
    queue = f"bench-national-{os.getpid()}"
    celery_app.conf.task_default_queue = queue
    celery_app.conf.task_always_eager = False
    log_dir = Path(settings.BASE_DIR) / "var" / "bench" / "workers"
    log_dir.mkdir(parents=True, exist_ok=True)
    workers = [_spawn(queue, i, log_dir) for i in range(WORKERS)]
    try:
        time.sleep(8)  # the workers connect to the broker
        dead = [i for i, w in enumerate(workers) if w.poll() is not None]
        if dead:
            raise RuntimeError(f"worker(s) {dead} exited at start: see {log_dir}")
        plans = list(Plan.objects.filter(agency__in=generated_agencies()).select_related("agency"))
        started = time.perf_counter()
        runs = []
        for plan in plans:
            staff = plan.agency.members.filter(groups__name="staff").first()
            run, _created = report_request(
                plan=plan,
                kind=ReportKind.FIVE_YEAR,
                actor=staff,
                signer_name="Lê Quang Huy",
                signer_title="Giám đốc",
                number="01/BC-SKHCN",
            )
            runs.append(run.pk)
        pending = ReportRun.objects.filter(pk__in=runs).exclude(
            status__in=(ReportStatus.SUCCEEDED, ReportStatus.FAILED)
        )
        while pending.exists() and time.perf_counter() - started < 3600:
            if all(w.poll() is not None for w in workers):
                raise RuntimeError(f"every worker exited: see {log_dir}")
            time.sleep(2)
        wall = time.perf_counter() - started
        peaks = [_peak_rss_mib(w.pid) for w in workers]
        done = ReportRun.objects.filter(pk__in=runs, status=ReportStatus.SUCCEEDED).count()
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)
    return figures | {
        "national_reports": len(runs),
        "national_reports_succeeded": done,
        "national_wall_seconds": round(wall, 1),
        "national_worker_peak_rss_mib": peaks,
    }
