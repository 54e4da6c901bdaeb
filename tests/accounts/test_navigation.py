import pytest

from core.navigation import MAX_FLAT_ENTRIES, NavGroup, nav_entries_for, nav_for


@pytest.mark.django_db
def test_navigation_is_role_aware(users):
    for role, user in users.items():
        urls = {item.url_name for item in nav_for(user)}
        assert "accounts:home" in urls, role
        assert ("accounts:audit_log" in urls) == (role in {"admin", "leader"}), role
        assert ("admin:index" in urls) == (role in {"staff", "admin"}), role


@pytest.mark.django_db
def test_long_navigation_groups_by_app_and_keeps_every_entry(users):
    staff = users["staff"]
    flat = nav_for(staff)
    entries = nav_entries_for(staff)
    flattened = [i for e in entries for i in (e.items if isinstance(e, NavGroup) else (e,))]
    assert sorted(i.url_name for i in flattened) == sorted(i.url_name for i in flat)
    if len(flat) > MAX_FLAT_ENTRIES:
        assert len(entries) < len(flat)
        assert entries[0].url_name == "accounts:home"


def test_anonymous_sees_only_public_entries():
    from django.contrib.auth.models import AnonymousUser

    for item in nav_for(AnonymousUser()):
        assert not item.roles


@pytest.mark.django_db
def test_the_menu_shows_each_role_exactly_the_pages_the_matrix_opens_to_it(users):
    """Menu and page take their roles from one table per app: for every menu entry of a signed-in
    page, a role sees it exactly when the role × page matrix answers it 200."""
    from core.navigation import _nav
    from tests.role_matrix import MATRIX, ROLES

    answers = {row[0]: dict(zip(ROLES, row[5].split(), strict=True)) for row in MATRIX if not row[1]}
    entries = [item for item in _nav if item.roles and item.url_name in answers]
    assert len(entries) >= 15
    disagreements = []
    for role in ROLES:
        shown = {item.url_name for item in nav_for(users[role])}
        for item in entries:
            if (item.url_name in shown) != (answers[item.url_name][role] == "200"):
                disagreements.append((role, item.url_name, item.url_name in shown))
    assert disagreements == []
