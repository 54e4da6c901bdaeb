"""Writes on users and roles. Role changes are audited."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from core.audit import audit_record

from .models import Role, User
from .permissions import ROLES


def role_group(role: str) -> Group:
    """The auth group of ``role`` (created by a migration; re-created if a flush removed it)."""
    return Group.objects.get_or_create(name=role)[0]


@transaction.atomic
def user_set_roles(*, user: User, roles: set[str], actor: User | None, reason: str = "") -> User:
    """Give ``user`` exactly ``roles``; audit what was added and removed. The actor is an
    administrator, the system (``None``: seeding, commands) or a new user signing up as an
    enterprise (their own first role)."""
    signing_up = actor is not None and actor.pk == user.pk and set(roles) == {Role.ENTERPRISE} and not user.roles
    if actor is not None and not signing_up:
        ROLES.check(actor, "user_roles_set")
    unknown = set(roles) - set(Role.values)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    before = set(user.groups.values_list("name", flat=True))
    after = set(roles)
    if before == after:
        return user
    user.groups.set([role_group(name) for name in sorted(after)])
    user.__dict__.pop("_roles_cache", None)
    # Staff and admins reach Django admin for reference data; the others never do.
    user.is_staff = bool(after & {Role.STAFF, Role.ADMIN})
    user.save(update_fields=["is_staff"])
    audit_record(
        actor=actor,
        action="user.roles_changed",
        obj=user,
        reason=reason,
        added=sorted(after - before),
        removed=sorted(before - after),
    )
    return user


def user_roles_changed_in_admin(*, user: User, before: set[str], actor: User) -> None:
    """Audit a role change made through Django admin's group widget (administrators, or a
    superuser the admin let in)."""
    if not actor.is_superuser:
        ROLES.check(actor, "user_roles_set")
    after = set(user.groups.values_list("name", flat=True))
    if before != after:
        audit_record(
            actor=actor,
            action="user.roles_changed",
            obj=user,
            reason="admin",
            added=sorted(after - before),
            removed=sorted(before - after),
        )


@transaction.atomic
def user_ensure_demo(*, email: str, role: str, full_name: str, password: str, totp_secret: str) -> User:
    """Create a demo account once (verified e-mail; TOTP pre-enrolled for internal roles)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=password, full_name=full_name)
        user_set_roles(user=user, roles={role}, actor=None, reason="seed_demo")
        if role == Role.ADMIN:
            user.is_staff = True
            user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    if user.needs_strong_auth and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, totp_secret)
    return user
