"""A working day on the portal, for Locust (`make load` runs it headless; see tests/load/run.py).

Who and what, by weight: the public (home, programme, results, news, training calendar, a status
lookup), enterprise representatives (sign in with their password, read their applications, start
and fill in new ones, the receipt PDF), specialists (work queue, application detail and timeline,
enterprises, dashboard, reports), finance (budget queues, estimates) and leaders (dashboard,
decisions, reports). Each simulated person comes through the proxy from an address of their own
(X-Forwarded-For, TRUSTED_PROXY_COUNT=1), so per-address rate limits apply per person.

Internal users' sessions are prepared by run.py (their TOTP codes cannot be replayed by twenty
people sharing one demo account); the enterprise representatives sign in over HTTP.

The ids come from LOAD_FIXTURE (JSON written by run.py); the figures go to LOAD_RESULT.
"""

import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, between, events, task

FIXTURE = json.loads(Path(os.environ.get("LOAD_FIXTURE", "var/load/fixture.json")).read_text())
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


class PortalUser(HttpUser):
    abstract = True
    wait_time = between(1, 4)
    role = ""

    def on_start(self):
        self.origin = "https://" + self.host.split("://", 1)[1]
        self.client.headers.update(
            {
                "X-Forwarded-For": f"198.51.{random.randint(0, 255)}.{random.randint(1, 254)}",
                "X-Forwarded-Proto": "https",
                "Accept-Language": "vi",
                "Accept-Encoding": "gzip",
            }
        )
        if self.role in FIXTURE["sessions"]:
            self.client.cookies.set(FIXTURE["session_cookie"], FIXTURE["sessions"][self.role])

    def _plain_cookies(self):
        """The portal sets Secure cookies; the proxy would speak TLS to the browser, here we are both."""
        for cookie in self.client.cookies:
            cookie.secure = False

    def page(self, path, name=None):
        """GET ``path``; for a signed-in user, a failure when it ends on the login page (a session the
        portal refused, e.g. without its TOTP step, would otherwise measure the login page)."""
        self._plain_cookies()
        with self.client.get(path, name=name or path, catch_response=True) as response:
            if self.role and "/accounts/login/" in response.url:
                response.failure("signed out: sent to the login page")
            elif response.ok:
                response.success()
            return response

    def form(self, path, data, *, page=None, name=None, files=None, expect=302):
        """GET the form page, POST ``data`` with its CSRF token; a failure unless ``expect``."""
        html = self.client.get(page or path, name=name or page or path).text
        self._plain_cookies()
        match = CSRF.search(html)
        with self.client.post(
            path,
            data={"csrfmiddlewaretoken": match.group(1) if match else "", **data},
            files=files,
            headers={"Origin": self.origin, "Referer": self.origin + (page or path)},
            allow_redirects=False,
            name=name or path,
            catch_response=True,
        ) as response:
            if response.status_code != expect:
                response.failure(f"{response.status_code}, expected {expect}")
            else:
                response.success()
            return response


class PublicVisitor(PortalUser):
    weight = 15

    @task(6)
    def home(self):
        self.page("/")

    @task(3)
    def programme(self):
        self.page("/programs/public/")

    @task(3)
    def results(self):
        self.page("/programs/public/results/")

    @task(2)
    def news(self):
        self.page("/programs/news/")
        if FIXTURE["news"]:
            self.page(f"/programs/news/{random.choice(FIXTURE['news'])}/", name="/programs/news/[slug]/")

    @task(2)
    def training_calendar(self):
        self.page("/training/")
        if FIXTURE["courses"]:
            self.page(f"/training/courses/{random.choice(FIXTURE['courses'])}/", name="/training/courses/[id]/")

    @task(1)
    def status_lookup(self):
        reference, tax_code = random.choice(FIXTURE["lookups"])
        self.form("/applications/status/", {"reference_code": reference, "tax_code": tax_code}, expect=200)


class EnterpriseRepresentative(PortalUser):
    weight = 15
    role = "enterprise"

    def on_start(self):
        super().on_start()
        account = FIXTURE["enterprise_login"]
        self.form("/accounts/login/", {"login": account["email"], "password": account["password"]})

    @task(5)
    def my_applications(self):
        self.page("/applications/")

    @task(5)
    def application_detail(self):
        pk = random.choice(FIXTURE["enterprise_applications"])
        self.page(f"/applications/{pk}/", name="/applications/[id]/ (own)")
        self.page(f"/applications/{pk}/timeline/", name="/applications/[id]/timeline/ (own)")

    @task(2)
    def home(self):
        self.page("/home/")

    @task(2)
    def start_and_fill_in_an_application(self):
        response = self.form("/applications/new/", {"scheme": FIXTURE["scheme"]})
        found = re.search(r"/applications/(\d+)/tasks/", response.headers.get("Location", ""))
        if not found:
            return
        pk = found.group(1)
        self.page(f"/applications/{pk}/tasks/", name="/applications/[id]/tasks/")
        self.form(
            f"/applications/{pk}/project/",
            {
                "project_title": "Áp dụng công cụ 5S tại xưởng sản xuất",
                "project_description": "Đào tạo, áp dụng và duy trì 5S.",
                "eligible_cost": "120000000",
                "requested_amount": "60000000",
            },
            name="/applications/[id]/project/",
        )
        self.form(
            f"/applications/{pk}/figures/baseline/",
            {"year": "2025", "revenue": "8000", "material_costs": "6000", "employees": "40"},
            name="/applications/[id]/figures/baseline/",
        )
        self.form(
            f"/applications/{pk}/documents/",
            {"continue": "1"},
            files={f"doc_{FIXTURE['required_document']}": ("don-de-nghi.pdf", PDF, "application/pdf")},
            name="/applications/[id]/documents/",
        )

    @task(1)
    def receipt(self):
        pk = random.choice(FIXTURE["enterprise_submitted"])
        self.page(f"/applications/{pk}/receipt.pdf", name="/applications/[id]/receipt.pdf")


class Specialist(PortalUser):
    weight = 12
    role = "staff"

    @task(6)
    def work_queue(self):
        self.page("/applications/queue/")

    @task(2)
    def work_queue_filtered(self):
        self.page("/applications/queue/?status=submitted", name="/applications/queue/?status=")

    @task(6)
    def application_detail(self):
        pk = random.choice(FIXTURE["applications"])
        self.page(f"/applications/{pk}/", name="/applications/[id]/")
        self.page(f"/applications/{pk}/timeline/", name="/applications/[id]/timeline/")

    @task(3)
    def enterprises(self):
        self.page("/enterprises/")
        self.page(f"/enterprises/{random.choice(FIXTURE['enterprises'])}/", name="/enterprises/[id]/")

    @task(1)
    def enterprise_search(self):
        self.page("/enterprises/?q=quang+nam", name="/enterprises/?q=")

    @task(2)
    def dashboard(self):
        self.page("/programs/dashboard/")

    @task(1)
    def reports(self):
        self.page("/reports/")

    @task(1)
    def home(self):
        self.page("/home/")


class FinanceOfficer(PortalUser):
    weight = 4
    role = "finance"

    @task(3)
    def budget_queue(self):
        self.page("/applications/budget/")

    @task(2)
    def disbursements(self):
        self.page("/applications/disbursements/")

    @task(2)
    def budget(self):
        self.page("/programs/budget/")

    @task(1)
    def application_detail(self):
        self.page(f"/applications/{random.choice(FIXTURE['applications'])}/", name="/applications/[id]/")


class Leader(PortalUser):
    weight = 4
    role = "leader"

    @task(4)
    def dashboard(self):
        self.page("/programs/dashboard/")

    @task(2)
    def decisions(self):
        self.page("/applications/decisions/")

    @task(1)
    def reports(self):
        self.page("/reports/")

    @task(1)
    def home(self):
        self.page("/home/")


@events.quitting.add_listener
def write_figures(environment, **_kwargs):
    """requests/s, p50/p95/p99 and failures, overall and for the slowest pages, to LOAD_RESULT."""
    target = os.environ.get("LOAD_RESULT")
    if not target:
        return
    stats = environment.stats

    def figures(entry):
        return {
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "requests_per_s": round(entry.total_rps, 2),
            "p50_ms": entry.get_response_time_percentile(0.5),
            "p95_ms": entry.get_response_time_percentile(0.95),
            "p99_ms": entry.get_response_time_percentile(0.99),
            "max_ms": round(entry.max_response_time or 0),
        }

    entries = sorted(stats.entries.values(), key=lambda e: e.get_response_time_percentile(0.95), reverse=True)
    result = {
        "users": environment.parsed_options.num_users if environment.parsed_options else None,
        "run_time_s": environment.parsed_options.run_time if environment.parsed_options else None,
        "total": figures(stats.total),
        "errors": {str(error.error): error.occurrences for error in stats.errors.values()},
        "slowest": {f"{e.method} {e.name}": figures(e) for e in entries[:8]},
    }
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    Path(target).write_text(json.dumps(result, indent=2, ensure_ascii=False))
