"""Who may do what. Every view goes through ``role_required`` (or the mixin) and scopes its
objects through selectors, so what a user may not see is a 404.

Each app's ``permissions.py`` owns one ``RoleTable``: action → the roles that may attempt it. The
app's views take their ``role_required`` roles from it, its navigation entries their roles, and its
services check their actor against it first (``ROLES.check(actor, action)`` → PermissionDenied), so
menu, page and service cannot disagree. State and object (whose application, which agency) are
checked after the role, by the app's ``can_*`` functions and selectors.

Internal roles (staff, finance, leader, admin) must have TOTP set up before any internal page.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .models import INTERNAL_ROLES, Role

INTERNAL: tuple[str, ...] = INTERNAL_ROLES
ANY_ROLE: tuple[str, ...] = tuple(Role.values)


def has_totp(user) -> bool:
    """Whether the user has an active TOTP authenticator (cached on the instance)."""
    if not hasattr(user, "_has_totp_cache"):
        from allauth.mfa.models import Authenticator

        user._has_totp_cache = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    return user._has_totp_cache


def needs_mfa_setup(user) -> bool:
    """An internal user without TOTP may reach only the MFA set-up pages."""
    return settings.MFA_REQUIRED_FOR_INTERNAL and user.needs_strong_auth and not has_totp(user)


def session_used_mfa(request) -> bool:
    """Whether this session's sign-in passed a second factor (allauth records the methods used in
    the session). Always true when MFA enforcement is off (development only)."""
    if not settings.MFA_REQUIRED_FOR_INTERNAL:
        return True
    from allauth.account.authentication import get_authentication_records

    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def needs_fresh_sign_in(request) -> bool:
    """An internal user must sign in again when the session skipped the TOTP step (it did not come
    through the portal's login) or is older than 8 hours."""
    from .sessions import internal_session_expired

    return request.user.needs_strong_auth and (not session_used_mfa(request) or internal_session_expired(request))


def check_roles(user, roles) -> None:
    """Raise PermissionDenied unless ``user`` holds one of ``roles``."""
    if not user.is_authenticated or not user.has_role(*roles):
        raise PermissionDenied


def role_required(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """View decorator: anonymous → login; wrong role → 403; internal without TOTP → MFA set-up;
    internal whose session skipped the TOTP step or is older than 8 hours → signed out, to the login."""
    roles = roles or ANY_ROLE

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if needs_mfa_setup(user):
                return redirect("mfa_activate_totp")
            if needs_fresh_sign_in(request):
                logout(request)
                return redirect_to_login(request.get_full_path())
            check_roles(user, roles)
            return view(request, *args, **kwargs)

        wrapper.required_roles = roles
        return wrapper

    return decorator


class RoleRequiredMixin:
    """Class-based-view version of ``role_required``; set ``required_roles``."""

    required_roles: tuple[str, ...] = ANY_ROLE

    @classmethod
    def as_view(cls, **initkwargs):
        return role_required(*cls.required_roles)(super().as_view(**initkwargs))


def is_staff_member(user) -> bool:
    return ROLES.allows(user, "admin_site")


class RoleTable(Mapping[str, tuple[str, ...]]):
    """One app's table of roles per action (``ROLES["budget_approve"] == ("finance",)``)."""

    def __init__(self, app: str, actions: Mapping[str, Iterable[str]]) -> None:
        unknown = {str(r) for roles in actions.values() for r in roles} - set(ANY_ROLE)
        if unknown:
            raise ValueError(f"{app}: unknown roles {sorted(unknown)}")
        self.app = app
        self._actions = {action: tuple(roles) for action, roles in actions.items()}

    def __getitem__(self, action: str) -> tuple[str, ...]:
        return self._actions[action]

    def __iter__(self) -> Iterator[str]:
        return iter(self._actions)

    def __len__(self) -> int:
        return len(self._actions)

    def allows(self, user: Any, action: str) -> bool:
        """Whether ``user`` holds one of the roles of ``action`` (an unknown action is a KeyError)."""
        roles = self[action]
        return bool(user is not None and user.is_authenticated and user.has_role(*roles))

    def check(self, user: Any, action: str) -> None:
        """Refuse (PermissionDenied, translated) unless ``user`` holds one of the roles of ``action``."""
        if not self.allows(user, action):
            raise PermissionDenied(_("Your role may not do this."))

    def required(self, action: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """The view decorator for ``action``: ``@ROLES.required("budget_list")``."""
        return role_required(*self[action])


ROLES = RoleTable(
    "accounts",
    {
        "home": ANY_ROLE,
        "audit_log": (Role.ADMIN, Role.LEADER),
        # Django admin: reference data (staff) and users (admins).
        "admin_site": (Role.STAFF, Role.ADMIN),
        "user_roles_set": (Role.ADMIN,),
    },
)
