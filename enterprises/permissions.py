"""Who may do what with enterprises. Objects are first scoped by ``selectors.enterprises_visible_to``
(404 for anything else); these answer the remaining yes/no questions."""

from accounts.models import Role

from .models import Enterprise, RepresentativeStatus

MANAGE_ROLES = (Role.STAFF, Role.ADMIN)


def is_verified_representative(user, enterprise: Enterprise) -> bool:
    """Whether ``user`` is a staff-verified representative of ``enterprise`` (may submit applications)."""
    if not getattr(user, "is_authenticated", False) or enterprise is None:
        return False
    return enterprise.representatives.filter(user=user, status=RepresentativeStatus.VERIFIED).exists()


def can_manage_enterprises(user) -> bool:
    """Staff keep the registry: create, import, verify representatives."""
    return user.is_authenticated and user.has_role(*MANAGE_ROLES)


def can_edit_enterprise(user, enterprise: Enterprise) -> bool:
    """Staff, or a verified representative of this enterprise."""
    return can_manage_enterprises(user) or is_verified_representative(user, enterprise)
