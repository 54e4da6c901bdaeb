"""The role-aware navigation and home-page sections. Higher apps register their entries in
their ``AppConfig.ready()``, so this app never imports them."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    roles: tuple[str, ...] = ()  # empty: everyone, signed in or not
    order: int = 100
    public_only: bool = False  # shown only to visitors who are not signed in

    def visible_to(self, user) -> bool:
        if self.public_only:
            return not user.is_authenticated
        if not self.roles:
            return True
        return user.is_authenticated and user.has_role(*self.roles)

    @property
    def url(self) -> str:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return ""


@dataclass(frozen=True)
class HomeSection:
    """A block on the signed-in home page: a template and a function giving its context."""

    template: str
    context: Callable = field(default=lambda request: {})
    roles: tuple[str, ...] = ()
    order: int = 100


_nav: list[NavItem] = []
_sections: list[HomeSection] = []
_public_sections: list[HomeSection] = []


def register_nav(item: NavItem) -> None:
    if item not in _nav:
        _nav.append(item)


def register_home_section(section: HomeSection) -> None:
    if section not in _sections:
        _sections.append(section)


def nav_for(user) -> list[NavItem]:
    return sorted((i for i in _nav if i.visible_to(user) and i.url), key=lambda i: (i.order, str(i.label)))


def home_sections_for(user) -> list[HomeSection]:
    return sorted((s for s in _sections if not s.roles or user.has_role(*s.roles)), key=lambda s: s.order)


def register_public_section(section: HomeSection) -> None:
    """A block on the public front page (no personal data)."""
    if section not in _public_sections:
        _public_sections.append(section)


def public_sections() -> list[HomeSection]:
    return sorted(_public_sections, key=lambda s: s.order)


@dataclass(frozen=True)
class NavGroup:
    """Several entries of one app shown as one drop-down menu."""

    label: str
    items: tuple[NavItem, ...]

    @property
    def order(self) -> int:
        return min(i.order for i in self.items)


# Entries that stay on the bar whatever their number; admin entries group under "System".
_TOP_LEVEL = {"accounts:home"}
_SYSTEM = {"accounts", "admin"}
MAX_FLAT_ENTRIES = 6


def nav_entries_for(user) -> list[NavItem | NavGroup]:
    """The navigation bar: flat when short, otherwise one drop-down per app (by URL namespace)."""
    from django.apps import apps
    from django.utils.translation import gettext as _

    items = nav_for(user)
    if len(items) <= MAX_FLAT_ENTRIES:
        return list[NavItem | NavGroup](items)
    groups: dict[str, list[NavItem]] = {}
    entries: list[NavItem | NavGroup] = []
    for item in items:
        if item.url_name in _TOP_LEVEL or ":" not in item.url_name:
            entries.append(item)
            continue
        namespace = item.url_name.split(":", 1)[0]
        groups.setdefault("system" if namespace in _SYSTEM else namespace, []).append(item)
    for key, members in groups.items():
        if len(members) == 1:
            entries.append(members[0])
            continue
        label = _("System") if key == "system" else apps.get_app_config(key).verbose_name
        entries.append(NavGroup(str(label), tuple(members)))
    return sorted(entries, key=lambda e: e.order)
