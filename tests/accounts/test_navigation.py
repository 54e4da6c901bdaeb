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
