"""Every page each demo role reaches, rendered in Vietnamese: full documents, no dead links, no
internal codes or English words, valid HTML (the Nu Html Checker, when its jar is installed)."""

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.db import models

# The main object pages each role must reach (URL pattern names): the crawler found them.
EXPECTED = {
    "public": {"public_home", "account_login", "account_signup", "programs:public_dashboard", "training:course_public"},
    "enterprise": {"applications:detail", "applications:timeline", "enterprises:detail", "training:enrolment_detail"},
    "staff": {"applications:queue", "applications:detail", "enterprises:detail", "training:course_detail"},
    "finance": {"applications:budget_queue", "applications:detail", "programs:estimate_detail"},
    "leader": {"programs:dashboard", "applications:decide", "reports:detail", "accounts:audit_log"},
    "partner": {"programs:partner_report_list", "programs:partner_report_detail"},
    "admin": {"programs:plan_detail", "accounts:audit_log", "enterprises:list"},
}

# English words that must not appear on a Vietnamese page (whole words, case-sensitive).
ENGLISH = (
    "descending ascending Organisation Organization edited expert manager apo five-year annual byte bytes "
    "draft submitted approved rejected pending created updated deleted None True False Submit Save Cancel "
    "Search Filter Status Name Date Unknown Next Previous Page Yes No Any All Sign Register Language "
    "Dashboard Home Reports Training Applications Enterprises Programs Budget Plan Plans Download Edit "
    "Delete Add Back Close Show Hide Required Optional Total Amount Source Remaining Ordering Contains"
).split()
# Dotted audit keys: "application.budget_approved", "programs.partner_report.create".
AUDIT_KEY = re.compile(r"(?<![\w@./-])[a-z]+(?:_[a-z]+)*(?:\.[a-z]+(?:_[a-z]+)*)+(?![\w@/-]|\.[a-z])")
NOT_KEYS = re.compile(r"\.(?:vn|com|org|net|pdf|xlsx|csv|docx?|png|jpe?g|html?)$")


class _Text(HTMLParser):
    """The text a reader sees: no <script>, <style> or <template>; plus alt, title, placeholder,
    aria-label texts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.skip += 1
        for name, value in attrs:
            if name in ("alt", "title", "placeholder", "aria-label") and value:
                self.chunks.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.chunks.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "\n".join(parser.chunks)


def status_codes() -> set[str]:
    """The stored values of every TextChoices in the project's apps that look like codes
    (``budget_approved``, ``in_review``): shown to a user they are untranslated."""
    codes = set()
    for cls in _subclasses(models.TextChoices):
        if not cls.__module__.startswith(("core", "accounts", "enterprises", "programs", "training", "reports")):
            continue
        codes |= {value for value in cls.values if re.fullmatch(r"[a-z]+(?:_[a-z]+)+", value)}
    return codes


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def untranslated(html: str, codes: set[str]) -> list[str]:
    """The audit keys, status codes and English words in the page's visible text."""
    text = visible_text(html)
    hits = [k for k in AUDIT_KEY.findall(text) if not NOT_KEYS.search(k) and ("_" in k or k.split(".")[0] in _APPS)]
    words = set(re.findall(r"[A-Za-z][A-Za-z_-]*", text))
    hits += sorted(words & (set(ENGLISH) | codes))
    return hits


_APPS = {
    "application",
    "applications",
    "enterprise",
    "enterprises",
    "programs",
    "program",
    "training",
    "reports",
    "report",
    "course",
    "plan",
    "accounts",
    "account",
    "user",
    "news",
    "partner_report",
    "indicator",
}


def test_each_role_reaches_its_navigation_and_main_object_pages(demo_site):
    for role, expected in EXPECTED.items():
        names = {page.name for page in demo_site[role].pages}
        assert expected <= names, (role, expected - names)
    assert sum(len(c.pages) for c in demo_site.values()) > 150


def test_no_page_links_to_a_page_its_reader_may_not_open(demo_site):
    dead = {role: c.dead_links for role, c in demo_site.items() if c.dead_links}
    assert dead == {}


def test_every_page_opened_directly_is_a_full_document(demo_site):
    bare = [
        (role, p.url)
        for role, c in demo_site.items()
        for p in c.pages
        if not p.html.lstrip().lower().startswith("<!doctype html>")
    ]
    assert bare == []


def test_vietnamese_pages_show_no_codes_and_no_english(demo_site):
    codes = status_codes()
    assert len(codes) > 10  # the list is read from the models
    found = {}
    for role, c in demo_site.items():
        for page in c.pages:
            hits = untranslated(page.html, codes)
            if hits:
                found[f"{role} {page.url}"] = hits
    assert found == {}, "\n".join(f"{page}: {hits}" for page, hits in found.items())


def test_the_checker_finds_the_words_and_codes_it_looks_for():
    html = (
        "<main><p>Tên (descending)</p><td>application.budget_approved</td><td>in_review</td><p>69 byte</p>"
        "<p title='Organisation'>x</p><p>daidien@demo.vn bao-cao.pdf Sở KH&amp;CN</p><script>var a = 'None';</script></main>"
    )
    assert untranslated(html, {"in_review"}) == [
        "application.budget_approved",
        "Organisation",
        "byte",
        "descending",
        "in_review",
    ]


VNU_JAR = Path(settings.BASE_DIR) / "var" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_the_nu_html_checker_finds_no_error(demo_site, tmp_path):
    """``make vnu`` installs the checker (npm, into var/vnu); CI (CI=true) never skips this test."""
    if not VNU_JAR.exists() or not shutil.which("java"):
        if os.environ.get("CI") == "true":
            pytest.fail(f"the Nu Html Checker is missing in CI ({VNU_JAR}); run make vnu")
        pytest.skip("the Nu Html Checker is not installed (make vnu)")
    files = {}
    for role, c in demo_site.items():
        for page in c.pages:
            name = f"{role}{page.url}".strip("/").replace("/", "_") + ".html"
            (tmp_path / name).write_text(page.html)
            files[name] = f"{role} {page.url}"
    result = subprocess.run(
        ["java", "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors = sorted(
        {(files.get(Path(m.get("url", "")).name, m.get("url")), m["message"]) for m in messages if m["type"] == "error"}
    )
    assert errors == [], "\n".join(f"{page}: {message}" for page, message in errors[:80])
