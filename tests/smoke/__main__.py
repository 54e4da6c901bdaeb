"""`make prod-check`: the production shape, run for real on loopback.

With DEBUG=0 and production-like settings, deploy/entrypoint.sh (the one the Dockerfile and
docker-compose.yml use) runs collectstatic and migrate, then gunicorn, a Celery worker and Celery
beat against PostgreSQL, Redis and an S3 API (moto's server mode standing in for MinIO). Over HTTP,
behind a simulated proxy, an enterprise representative files an application through to
submission and a specialist signs in with TOTP, asks for the five-year report, waits for the
worker to build it and downloads both files. Any failure prints the processes' logs and exits 1.

The few users and the plan the journey needs are created here, through Django with the same
production settings (the demo seeder refuses DEBUG=0, and the portal has no back door).

Environment: SMOKE_DATABASE_URL (a database this run may drop and re-create; default
postgres://postgres@127.0.0.1:5432/nangsuat_smoke), SMOKE_REDIS_URL (redis://127.0.0.1:6379/11,
flushed), SMOKE_PORT (8110, gunicorn), SMOKE_S3_PORT (8112, moto).
"""

import hashlib
import io
import os
import re
import secrets
import sys
import time
import traceback

from .portal import Portal, PortalError
from .stack import ROOT, Stack, StackError, production_environment, recreate_database, wait_for_port

DATABASE_URL = os.environ.get("SMOKE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/nangsuat_smoke")
REDIS_URL = os.environ.get("SMOKE_REDIS_URL", "redis://127.0.0.1:6379/11")
PORT = int(os.environ.get("SMOKE_PORT", "8110"))
S3_PORT = int(os.environ.get("SMOKE_S3_PORT", "8112"))
LOG_DIR = ROOT / "var" / "smoke"
BUCKET = "nangsuat-smoke"
S3_KEY, S3_SECRET = "smoke-access-key", secrets.token_urlsafe(24)
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
ALICE, BOB = "203.0.113.10", "198.51.100.20"  # two clients behind the one (simulated) proxy


def step(text: str) -> None:
    print(f"== {text}", flush=True)


def s3_client():
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{S3_PORT}",
        aws_access_key_id=S3_KEY,
        aws_secret_access_key=S3_SECRET,
        region_name="us-east-1",
    )


def environment() -> dict[str, str]:
    return production_environment(
        database_url=DATABASE_URL,
        redis_url=REDIS_URL,
        port=PORT,
        S3_BUCKET=BUCKET,
        S3_ENDPOINT_URL=f"http://127.0.0.1:{S3_PORT}",
        S3_REGION="us-east-1",
        S3_ACCESS_KEY_ID=S3_KEY,
        S3_SECRET_ACCESS_KEY=S3_SECRET,
        WEB_CONCURRENCY="2",
        CELERY_BEAT_SCHEDULE_FILE=str(LOG_DIR / "celerybeat-schedule"),
    )


def create_people_and_plan() -> dict:
    """Through Django with the production settings: a plan in force this year with an open scheme
    (#12: a scheme takes applications only for a year of its plan in force), a verified enterprise
    representative, and a specialist of the plan's agency whose TOTP secret this script enrolls."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nangsuat.settings")
    django.setup()
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from core import clock
    from tests.accounts.factories import UserFactory
    from tests.applications.factories import (
        EstimateFactory,
        PlanFactory,
        PolicyFactory,
        RepresentativeFactory,
        RequiredDocumentFactory,
        SchemeFactory,
    )

    password = secrets.token_urlsafe(18)
    year = clock.today().year
    plan = PlanFactory(title="Kế hoạch năng suất chất lượng (kiểm tra vận hành)", start_year=year, end_year=year + 4)
    estimate = EstimateFactory(plan=plan)
    scheme = SchemeFactory(plan=plan, funding_source=estimate.source, title="Hỗ trợ áp dụng ISO 9001 (kiểm tra)")
    RequiredDocumentFactory(policy_version=PolicyFactory(scheme=scheme), name="Đơn đề nghị hỗ trợ")
    rep = RepresentativeFactory(user__email="doanhnghiep@smoke.example.vn", user__password=password)
    staff = UserFactory(roles=("staff",), email="chuyenvien@smoke.example.vn", password=password, mfa=False)
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)
    plan.agency.members.add(staff)  # staff see their agency's applications only
    return {
        "password": password,
        "plan": plan.pk,
        "scheme": scheme.pk,
        "enterprise": rep.user.email,
        "tax_code": rep.enterprise.tax_code,
        "code_prefix": plan.agency.code_prefix,
        "year": year,
        "staff": staff.email,
        "totp_secret": secret,
    }


def totp_code(secret: str) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def check(condition: bool, message: str) -> None:
    if not condition:
        raise PortalError(message)


def journey(stack: Stack, world: dict) -> None:
    base = f"http://127.0.0.1:{PORT}"

    step("static files and pages: whitenoise (hashed, compressed), gzip, security headers")
    visitor = Portal(base, client_address=ALICE)
    home = visitor.get("/")
    check(home.headers.get("Content-Encoding") == "gzip", "the home page is not gzipped")
    check("nâng cao năng suất" in home.text, "the home page is not the Vietnamese one")
    check("Strict-Transport-Security" in home.headers, "no HSTS header behind the https proxy")
    check("script-src 'self'" in home.headers.get("Content-Security-Policy", ""), "no CSP header")
    match = re.search(r'href="(/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css)"', home.text)
    check(match is not None, "the stylesheet has no hashed name (manifest storage is off)")
    css = visitor.get(match.group(1), headers={"Accept-Encoding": "gzip"})
    check(css.headers.get("Content-Encoding") == "gzip", "whitenoise did not serve the compressed stylesheet")
    check("immutable" in css.headers.get("Cache-Control", ""), "a hashed static file is not cached for ever")

    step("enterprise representative: sign in, file an application through to submission")
    rep = Portal(base, client_address=ALICE)
    rep.sign_in(world["enterprise"], world["password"])
    response = rep.post("/applications/new/", {"scheme": world["scheme"]})
    pk = int(re.search(r"/applications/(\d+)/tasks/", response.headers["Location"]).group(1))
    rep.post(
        f"/applications/{pk}/project/",
        {
            "project_title": "Áp dụng ISO 9001:2015 tại phân xưởng đóng gói",
            "project_description": "Xây dựng, áp dụng và chứng nhận hệ thống quản lý chất lượng.",
            "eligible_cost": "180000000",
            "requested_amount": "90000000",
        },
    )
    response = rep.post(
        f"/applications/{pk}/figures/baseline/",
        {"year": str(world["year"] - 1), "revenue": "12000", "value_added": "3000", "employees": "50"},
    )
    check(response.status_code == 302, "the figures of the last full year were refused")
    page = rep.get(f"/applications/{pk}/documents/").text
    field = re.search(r'name="(doc_\d+)"', page).group(1)
    rep.post(
        f"/applications/{pk}/documents/",
        {"continue": "1"},
        files={field: ("don-de-nghi.pdf", PDF, "application/pdf")},
    )
    rep.post(f"/applications/{pk}/declaration/", {"declaration_accepted": "on"})
    response = rep.post(f"/applications/{pk}/check/", {})
    check(response.headers["Location"].endswith(f"/applications/{pk}/confirmation/"), "the submission was refused")
    confirmation = rep.get(f"/applications/{pk}/confirmation/").text
    code = re.search(rf"{re.escape(world['code_prefix'])}-\d{{4}}-\d{{4,}}", confirmation)
    check(code is not None, "the confirmation page shows no reference code")
    reference = code.group(0)
    print(f"  submitted {reference}")
    detail = rep.get(f"/applications/{pk}/").text
    document = re.search(rf"/applications/{pk}/files/(\d+)/", detail).group(1)
    body = rep.get(f"/applications/{pk}/files/{document}/").content
    check(body == PDF, "the uploaded document does not come back from the object store unchanged")
    keys = [item["Key"] for item in s3_client().list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    check(any(key.endswith(".pdf") and key.startswith("applications/") for key in keys), f"not in the bucket: {keys}")

    step("status lookup: 10 a minute per client address, behind the proxy")
    for n in range(11):
        expect = 200 if n < 10 else 429
        visitor.post(
            "/applications/status/", {"reference_code": reference, "tax_code": world["tax_code"]}, expect=expect
        )
    other = Portal(base, client_address=BOB)
    response = other.post(
        "/applications/status/", {"reference_code": reference, "tax_code": world["tax_code"]}, expect=200
    )
    check(f'<h2 class="h5">{reference}</h2>' in response.text, "the lookup from another address found nothing")

    step("specialist: sign in with TOTP, see the application, ask for the five-year report")
    staff = Portal(base, client_address=BOB)
    staff.sign_in(world["staff"], world["password"], totp=lambda: totp_code(world["totp_secret"]))
    check(reference in staff.get("/applications/queue/").text, "the submitted application is not in the queue")
    response = staff.post("/reports/new/", {"plan": world["plan"], "kind": "five_year"})
    report = int(re.search(r"/reports/(\d+)/", response.headers["Location"]).group(1))

    step("worker: build the report; download both files")
    deadline = time.monotonic() + 240
    while True:
        stack.check_alive()
        fragment = staff.get(f"/reports/{report}/status/").text
        check('data-status="failed"' not in fragment, f"the worker could not build the report:\n{fragment}")
        if f"/reports/{report}/download/pdf/" in fragment:
            break
        check(time.monotonic() < deadline, f"the report was not built within 240 s:\n{fragment[:1500]}")
        time.sleep(2)
    # The page shows the checksums the worker recorded, XLSX first.
    xlsx_sha256, pdf_sha256 = re.findall(r"SHA-256 ([0-9a-f]{64})", fragment)
    pdf = staff.get(f"/reports/{report}/download/pdf/")
    check(pdf.content.startswith(b"%PDF-"), "the PDF download is not a PDF")
    check(hashlib.sha256(pdf.content).hexdigest() == pdf_sha256, "the PDF is not the file the worker stored")
    check("Content-Encoding" not in pdf.headers, "a download was re-compressed")
    xlsx = staff.get(f"/reports/{report}/download/xlsx/")
    check(hashlib.sha256(xlsx.content).hexdigest() == xlsx_sha256, "the XLSX is not the file the worker stored")
    keys = [item["Key"] for item in s3_client().list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    check(sum(key.startswith("reports/") for key in keys) == 2, f"the report files are not in the bucket: {keys}")
    import openpyxl
    from pypdf import PdfReader

    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.content), read_only=True)
    check(len(workbook.sheetnames) >= 2, f"the workbook has sheets {workbook.sheetnames}")
    pages = len(PdfReader(io.BytesIO(pdf.content)).pages)
    print(f"  report {report}: PDF {len(pdf.content):,} bytes, {pages} pages; XLSX sheets {workbook.sheetnames}")
    # Someone who may not see reports gets the same answer as for a report that does not exist.
    rep.get(f"/reports/{report}/download/pdf/", expect=404)

    step("worker: the submission e-mails went out")
    stack.wait_for_log("worker", f"To: {world['enterprise']}", timeout=120)

    step("beat is running; health")
    stack.wait_for_log("beat", "beat: Starting...", timeout=30)
    health = visitor.get("/healthz").json()
    check(health == {"database": "ok", "broker": "ok"}, f"health: {health}")
    stack.check_alive()


def main() -> int:
    if LOG_DIR.exists():
        for old in LOG_DIR.glob("*"):
            old.unlink()
    env = environment()
    stack = Stack(env, LOG_DIR)
    started = time.monotonic()
    try:
        step(f"fresh database {DATABASE_URL.rsplit('/', 1)[-1]}, Redis {REDIS_URL}, S3 API on port {S3_PORT}")
        recreate_database(DATABASE_URL)
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
        stack.start("s3", command=[sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(S3_PORT)])
        wait_for_port(S3_PORT, stack)
        s3_client().create_bucket(Bucket=BUCKET)

        step("entrypoint.sh collectstatic, migrate (DEBUG=0)")
        stack.run("collectstatic", "collectstatic")
        stack.run("migrate", "migrate")

        step("users and the plan, through Django with the production settings")
        os.environ.update(env)
        world = create_people_and_plan()

        step("entrypoint.sh web, worker, beat")
        stack.start("web", "web")
        stack.start("worker", "worker")
        stack.start("beat", "beat")
        health = stack.wait_for_health(f"http://127.0.0.1:{PORT}/healthz")
        stack.wait_for_log("worker", "ready.", timeout=90)
        print(f"  health {health}")

        journey(stack, world)
    except (StackError, PortalError, AssertionError, Exception) as error:  # noqa: BLE001 - report any failure with the logs
        traceback.print_exc()
        stack.stop()
        stack.print_logs()
        print(f"\nprod-check FAILED: {error}", file=sys.stderr)
        return 1
    stack.stop()
    print(f"\nprod-check passed in {time.monotonic() - started:.0f} s (logs in {LOG_DIR.relative_to(ROOT)}/)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
