"""The main pages, rendered in Vietnamese on the demo data, show no audit key, no status or kind code
and none of the English words that used to leak (django-filter's sort menu, model field names,
recorded reasons, file sizes)."""

import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse

from accounts.models import User
from core.labels import registry
from programs.applications.models import SupportApplication
from programs.models import BudgetEstimate, PartnerReport, Plan
from reports.models import ReportRun

# Words that are English on a Vietnamese page (whole words, case-sensitive).
ENGLISH = [
    "descending",
    "ascending",
    "Organisation",
    "Plan",
    "byte",
    "bytes",
    "edited",
    "retry",
    "finalise",
    "worker lost",
    "expert",
    "manager",
    "apo",
    "Any date",
    "Yes",
    "No",
    "Unknown",
    "Submit",
    "five-year",
    "two-year",
    "five_year",
    "created",
    "updated",
    "None",
    "Action",
    "Status",
    "Name",
]


class VisibleText(HTMLParser):
    """The text a reader meets: text nodes (not scripts or styles) and the attributes read aloud."""

    READ = {"title", "aria-label", "placeholder", "alt", "data-confirm"}

    def __init__(self):
        super().__init__()
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.hidden += 1
        self.parts += [value for name, value in attrs if name in self.READ and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def internal_codes() -> list[str]:
    """Audit actions, measure keys and the status codes a person could not read as words."""
    from programs.applications.models import Status
    from programs.measures import registered_keys

    return [*registry()[0], *sorted(registered_keys()), *(value for value in Status.values if "_" in value)]


def leaks(text: str) -> list[str]:
    codes = [code for code in internal_codes() if re.search(rf"(?<![\w.]){re.escape(code)}(?![\w])", text)]
    words = [word for word in ENGLISH if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]
    return codes + words


@pytest.mark.django_db
def test_the_main_pages_speak_vietnamese(settings, client_for):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False
    application = SupportApplication.objects.annotate(n=Count("events")).order_by("-n", "pk").first()
    enterprise = application.enterprise
    measured_plan = Plan.objects.filter(objectives__indicators__measure="training.person_times").order_by("pk")[0]
    staff, leader, admin = (User.objects.get(email=f"{r}@demo.vn") for r in ("staff", "leader", "admin"))
    partner = User.objects.get(email="partner@demo.vn")
    pages = [
        (staff, reverse("applications:detail", args=[application.pk])),
        (staff, reverse("applications:timeline", args=[application.pk])),
        (staff, reverse("applications:queue")),
        (leader, reverse("accounts:audit_log")),
        (admin, reverse("accounts:audit_log")),
        (staff, reverse("enterprises:list") + "?sort=-name"),
        (staff, reverse("enterprises:detail", args=[enterprise.pk])),
        (staff, reverse("training:course_list")),
        (staff, reverse("training:person_times")),
        (staff, reverse("reports:list")),
        (staff, reverse("reports:detail", args=[ReportRun.objects.order_by("pk").first().pk])),
        (staff, reverse("programs:estimate_detail", args=[BudgetEstimate.objects.order_by("pk").first().pk])),
        (staff, reverse("programs:partner_report_detail", args=[PartnerReport.objects.order_by("pk").first().pk])),
        (staff, reverse("programs:plan_detail", args=[measured_plan.pk])),
        (partner, reverse("programs:partner_report_create")),
    ]
    found = {}
    for user, url in pages:
        client = client_for(user)
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
        assert response.status_code == 200, url
        problems = leaks(visible_text(response.content.decode()))
        if problems:
            found[url] = problems
    assert found == {}


def test_the_checker_finds_what_it_looks_for():
    html = (
        '<p title="Organisation">application.budget_approved · Tên (descending)</p><script>var No = 1;</script>'
        "<p>69 byte · chuyên gia expert · APO · training.person_times · under_review</p>"
    )
    assert leaks(visible_text(html)) == [
        "application.budget_approved",
        "training.person_times",
        "under_review",
        "descending",
        "Organisation",
        "byte",
        "expert",
    ]
