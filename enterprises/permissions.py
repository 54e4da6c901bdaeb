"""Who may do what with enterprises. Objects are first scoped by ``selectors.enterprises_visible_to``
(404 for anything else); these answer the remaining yes/no questions."""

from accounts.models import Role
from accounts.permissions import INTERNAL, RoleTable

from .models import Enterprise, Representative, RepresentativeStatus

ROLES = RoleTable(
    "enterprises",
    {
        # The registry: every internal role reads it (finance checks who it pays, leaders whom
        # they decide for); staff keep it.
        "enterprise_list": INTERNAL,
        "enterprise_detail": (*INTERNAL, Role.ENTERPRISE),
        "enterprise_manage": (Role.STAFF, Role.ADMIN),
        # Staff, or an enterprise user registering (or editing, once verified) its own.
        "enterprise_create": (Role.STAFF, Role.ADMIN, Role.ENTERPRISE),
        "enterprise_edit": (Role.STAFF, Role.ADMIN, Role.ENTERPRISE),
        "enterprise_mine": (Role.ENTERPRISE,),
        "representative_decide": (Role.STAFF, Role.ADMIN),
        "enterprise_import": (Role.STAFF, Role.ADMIN),
        "reference_import": (Role.STAFF, Role.ADMIN),
    },
)
MANAGE_ROLES = ROLES["enterprise_manage"]


def is_verified_representative(user, enterprise: Enterprise | int | None) -> bool:
    """Whether ``user`` is a staff-verified representative of ``enterprise`` (an enterprise or its id;
    may submit applications): the one check, used by every app (one query)."""
    if not getattr(user, "is_authenticated", False) or enterprise is None:
        return False
    enterprise_id = enterprise if isinstance(enterprise, int) else enterprise.pk
    return Representative.objects.filter(
        user=user, enterprise_id=enterprise_id, status=RepresentativeStatus.VERIFIED
    ).exists()


def can_manage_enterprises(user) -> bool:
    """Staff keep the registry: create, import, verify representatives."""
    return ROLES.allows(user, "enterprise_manage")


def can_edit_enterprise(user, enterprise: Enterprise) -> bool:
    """Staff, or a verified representative of this enterprise."""
    if not ROLES.allows(user, "enterprise_edit"):
        return False
    return can_manage_enterprises(user) or is_verified_representative(user, enterprise)


def check_person_or_system(actor, action: str) -> None:
    """``None`` is the system (seeding, management commands); a person needs the action's role."""
    if actor is not None:
        ROLES.check(actor, action)
