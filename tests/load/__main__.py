"""`make load`: Locust, headless, against the production shape on PostgreSQL with the demo data.

A fresh database gets the migrations and the Quảng Nam demo data (seed_demo, which runs only with
DEBUG on, in its own process), then deploy/entrypoint.sh serves it with DEBUG=0: gunicorn with 4
workers and one Celery worker (the e-mails of new applications). Locust plays a working day
(tests/load/locustfile.py) for LOAD_TIME (2m) at LOAD_USERS (50) and the figures — requests/s,
p50/p95/p99, failures — go to var/bench/load.json. A measurement, not a test: it fails only when
the stack cannot run.

Environment: LOAD_DATABASE_URL (dropped and re-created; default
postgres://postgres@127.0.0.1:5432/nangsuat_load), LOAD_REDIS_URL (redis://127.0.0.1:6379/11,
flushed), LOAD_PORT (8113), LOAD_USERS, LOAD_SPAWN_RATE (5/s), LOAD_TIME, LOAD_WEB_WORKERS (4).
"""

import json
import os
import subprocess
import sys
import time
import traceback

from tests.smoke.stack import ROOT, Stack, StackError, production_environment, recreate_database

DATABASE_URL = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/nangsuat_load")
REDIS_URL = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/11")
PORT = int(os.environ.get("LOAD_PORT", "8113"))
USERS = os.environ.get("LOAD_USERS", "50")
SPAWN_RATE = os.environ.get("LOAD_SPAWN_RATE", "5")
RUN_TIME = os.environ.get("LOAD_TIME", "2m")
WEB_WORKERS = os.environ.get("LOAD_WEB_WORKERS", "4")
WORK_DIR = ROOT / "var" / "load"
FIXTURE = WORK_DIR / "fixture.json"
RESULT = ROOT / "var" / "bench" / "load.json"


def step(text: str) -> None:
    print(f"== {text}", flush=True)


def environment() -> dict[str, str]:
    return production_environment(
        database_url=DATABASE_URL,
        redis_url=REDIS_URL,
        port=PORT,
        MEDIA_ROOT=str(WORK_DIR / "media"),
        WEB_CONCURRENCY=WEB_WORKERS,
        CELERY_BEAT_SCHEDULE_FILE=str(WORK_DIR / "celerybeat-schedule"),
        LOG_LEVEL="WARNING",
    )


def prepare_fixture() -> dict:
    """Ids for the Locust tasks and the internal users' sessions, read with the production
    settings (the same SECRET_KEY signs the sessions gunicorn will check)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nangsuat.settings")
    django.setup()
    from django.conf import settings
    from django.test import Client

    from accounts.demo import DEMO_PASSWORD
    from accounts.models import User
    from core import clock
    from enterprises.models import Enterprise
    from programs.applications import selectors
    from programs.applications.models import Status, SupportApplication
    from programs.models import NewsPost
    from tests.conftest import mark_session_mfa
    from training.models import Course, CourseStatus

    sessions = {}
    for role in ("staff", "finance", "leader"):
        client, user = Client(), User.objects.get(email=f"{role}@demo.vn")
        client.force_login(user)
        mark_session_mfa(client, user)  # as if signed in with password and TOTP (#17)
        sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    rep = User.objects.get(email="enterprise@demo.vn")
    own = selectors.applications_visible_to(user=rep)
    # A scheme open today to the demo enterprise: of the agencies serving its place (#12).
    enterprise = Enterprise.objects.filter(representatives__user=rep).first()
    scheme = selectors.schemes_for(enterprise, selectors.open_schemes(day=clock.today())).order_by("pk").first()
    policy = selectors.policy_in_force(scheme_id=scheme.pk, day=clock.today())
    submitted = SupportApplication.objects.exclude(status=Status.DRAFT).exclude(reference_code="")
    return {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "sessions": sessions,
        "enterprise_login": {"email": rep.email, "password": DEMO_PASSWORD},
        "enterprise_applications": list(own.values_list("pk", flat=True)),
        "enterprise_submitted": list(own.exclude(status=Status.DRAFT).values_list("pk", flat=True)),
        "scheme": scheme.pk,
        "required_document": policy.required_documents.filter(is_mandatory=True).first().pk,
        "applications": list(submitted.values_list("pk", flat=True)[:200]),
        "enterprises": list(Enterprise.objects.values_list("pk", flat=True)[:200]),
        "lookups": list(submitted.values_list("reference_code", "enterprise__tax_code")[:50]),
        "news": list(NewsPost.objects.filter(is_published=True).values_list("slug", flat=True)[:20]),
        "courses": list(
            Course.objects.filter(status__in=(CourseStatus.OPEN, CourseStatus.RUNNING, CourseStatus.FINISHED))
            .order_by("-start_date")
            .values_list("pk", flat=True)[:50]
        ),
    }


def main() -> int:
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    env = environment()
    stack = Stack(env, WORK_DIR)
    try:
        step(f"fresh database {DATABASE_URL.rsplit('/', 1)[-1]} with the demo data")
        recreate_database(DATABASE_URL)
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
        stack.run("migrate", "migrate")
        # The demo seeder runs only with DEBUG on: a separate process, in-process tasks, same database.
        seed_env = {k: v for k, v in env.items() if k not in {"REDIS_URL", "EMAIL_URL"}} | {"DEBUG": "1"}
        with stack.log("seed").open("w") as out:
            subprocess.run(
                [sys.executable, "manage.py", "seed_demo"], env=seed_env, cwd=ROOT, stdout=out, stderr=out, check=True
            )
        stack.run("collectstatic", "collectstatic")
        os.environ.update(env)
        fixture = prepare_fixture()
        FIXTURE.write_text(json.dumps(fixture, indent=2))

        step(f"entrypoint.sh web ({WEB_WORKERS} gunicorn workers) and worker, DEBUG=0")
        stack.start("web", "web")
        stack.start("worker", "worker")
        stack.wait_for_health(f"http://127.0.0.1:{PORT}/healthz")

        step(f"locust: {USERS} users, {SPAWN_RATE}/s, {RUN_TIME}")
        started = time.monotonic()
        if RESULT.exists():
            RESULT.unlink()
        locust = subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(ROOT / "tests" / "load" / "locustfile.py"),
                "--headless",
                "--host",
                f"http://127.0.0.1:{PORT}",
                "--users",
                USERS,
                "--spawn-rate",
                SPAWN_RATE,
                "--run-time",
                RUN_TIME,
                "--only-summary",
                "--exit-code-on-error",
                "0",
            ],
            env=os.environ | {"LOAD_FIXTURE": str(FIXTURE), "LOAD_RESULT": str(RESULT)},
            cwd=ROOT,
            check=False,
        )
        stack.check_alive()
        if locust.returncode != 0 or not RESULT.exists():
            raise StackError(f"locust exited with {locust.returncode}")
        result = json.loads(RESULT.read_text())
        result |= {
            "web_workers": int(WEB_WORKERS),
            "database": "PostgreSQL",
            "cpus": os.cpu_count(),
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
            "wall_s": round(time.monotonic() - started),
        }
        RESULT.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    except Exception as error:  # noqa: BLE001 - report any failure with the logs
        traceback.print_exc()
        stack.stop()
        stack.print_logs()
        print(f"\nmake load FAILED: {error}", file=sys.stderr)
        return 1
    stack.stop()
    total = result["total"]
    print(
        f"\n{total['requests']} requests, {total['requests_per_s']} req/s, p50 {total['p50_ms']} ms, "
        f"p95 {total['p95_ms']} ms, p99 {total['p99_ms']} ms, {total['failures']} failures → {RESULT}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
