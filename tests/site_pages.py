"""The pages each role reaches: a crawler shared by the whole-site acceptance checks.

``crawl(client)`` starts from the signed-in (or public) home page and the navigation bar, then
follows the links found in the pages' ``<main>`` a few levels deep, keeping one page per URL pattern
(one application, one enterprise, one course, one plan, one report...): every template is seen
without walking through every record. Only HTML pages answering 200 to a GET are kept; downloads,
admin pages and links that leave the portal are not followed.
"""

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from django.urls import Resolver404, resolve

DEMO_ROLES = {
    "public": None,
    "enterprise": "enterprise@demo.vn",
    "staff": "staff@demo.vn",
    "finance": "finance@demo.vn",
    "leader": "leader@demo.vn",
    "partner": "partner@demo.vn",
    "admin": "admin@demo.vn",
}

# Paths never followed: the Django admin (not our templates), sign-out, static and private files,
# the language switch and machine endpoints.
SKIPPED_PREFIXES = ("/admin/", "/static/", "/_private/", "/i18n/", "/jsi18n/", "/healthz", "/accounts/logout/")
# URL names (or parts of them) of downloads and exports (not HTML, slow to build) and of the
# option lists HTMX fills a <select> with.
SKIPPED_NAMES = {"applications:document"}  # an uploaded file
SKIPPED_NAME_PARTS = ("_options", "download", "export", "pdf", "xlsx", "csv", "file", "attachment", "evidence", "photo")
PUBLIC_STARTS = (
    "/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
)
# The account pages (allauth) of a signed-in user; those that redirect for a role are left out.
ACCOUNT_PAGES = (
    "/accounts/password/change/",
    "/accounts/password/set/",
    "/accounts/email/",
    "/accounts/2fa/",
    "/accounts/2fa/totp/activate/",
    "/accounts/2fa/totp/deactivate/",
    "/accounts/2fa/recovery-codes/",
    "/accounts/2fa/recovery-codes/generate/",
    "/accounts/reauthenticate/",
    "/accounts/logout/",
)


@dataclass
class Page:
    url: str
    name: str  # the URL pattern's name
    html: str


class _Links(HTMLParser):
    """The hrefs of <a> elements and the HTMX GET URLs inside <main> and the navigation bar (<nav>)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("main", "nav"):
            self.depth += 1
        elif self.depth:
            attrs = dict(attrs)
            # Links, and the URLs HTMX fetches into the page: opened directly they are pages too.
            href = attrs.get("href") if tag == "a" else attrs.get("data-hx-get")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag):
        if tag in ("main", "nav") and self.depth:
            self.depth -= 1


def links_of(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


def _pattern(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def _followable(href: str) -> str | None:
    href, _ = urldefrag(href)
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.query:
        return None
    if parts.path.startswith(SKIPPED_PREFIXES):
        return None
    return parts.path


@dataclass
class Crawl:
    pages: list[Page]
    # Links shown to the user that answer an error: (page, link, status).
    dead_links: list[tuple[str, str, int]]


def crawl(client, *, depth: int = 3, starts=("/home/",)) -> Crawl:
    """The HTML pages the client's user reaches from ``starts`` (and the navigation found there),
    and the links on them that answer 403, 404 or 500 to that user."""
    pages: dict[str, Page] = {}
    seen_patterns: set[str] = set()
    dead_links: list[tuple[str, str, int]] = []
    frontier = [("", path) for path in starts]
    for _level in range(depth + 1):
        following: list[tuple[str, str]] = []
        for origin, path in frontier:
            name = _pattern(path)
            if (
                name is None
                or name in seen_patterns
                or name in SKIPPED_NAMES
                or any(p in name for p in SKIPPED_NAME_PARTS)
            ):
                continue
            seen_patterns.add(name)
            response = client.get(path, HTTP_ACCEPT_LANGUAGE="vi")
            if origin and response.status_code in (403, 404, 500):  # a start is not a link
                dead_links.append((origin, path, response.status_code))
                seen_patterns.discard(name)  # another link of that pattern may be a good one
            if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
                continue
            html = response.content.decode()
            pages[path] = Page(path, name, html)
            following += [(path, p) for p in map(_followable, links_of(html)) if p]
        frontier = following
    return Crawl(list(pages.values()), dead_links)


def signed_in_client(email: str | None):
    """A test client signed in (password and TOTP) as the demo account ``email``; anonymous for None."""
    from django.test import Client

    from accounts.models import User
    from tests.conftest import mark_session_mfa

    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    if email is not None:
        user = User.objects.get(email=email)
        client.force_login(user)
        mark_session_mfa(client, user)
    return client


def crawl_demo_roles() -> dict[str, Crawl]:
    """role -> what that demo role reaches (public: the visitor's pages)."""
    result = {}
    for role, email in DEMO_ROLES.items():
        starts = PUBLIC_STARTS if email is None else ("/home/", "/", *ACCOUNT_PAGES)
        result[role] = crawl(signed_in_client(email), starts=starts)
    return result
