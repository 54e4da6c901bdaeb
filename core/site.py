"""The portal's own address and name, for what leaves the portal (e-mails): links are absolute on
``settings.SITE_URL``, greetings use ``settings.SITE_NAME`` — never the host a request came in on."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(location: str) -> str:
    """``/applications/5/`` → ``https://nangsuat.example.gov.vn/applications/5/``; an absolute URL
    (e.g. one allauth built from a request) is moved onto the configured site, keeping its path,
    query and fragment."""
    parts = urlsplit(location)
    path = parts.path or "/"
    if not path.startswith("/"):
        path = "/" + path
    query = f"?{parts.query}" if parts.query else ""
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return f"{settings.SITE_URL}{path}{query}{fragment}"


@dataclass(frozen=True)
class Site:
    """What allauth's e-mails read as ``current_site``: the portal's name and its host."""

    name: str
    domain: str


def current_site() -> Site:
    return Site(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)
