"""Who may do what with courses and enrolments."""

from accounts.models import Role

STAFF_ROLES = (Role.STAFF, Role.ADMIN)
# Who sees the person-time figures (the KPI feed).
FIGURE_ROLES = (Role.STAFF, Role.ADMIN, Role.LEADER, Role.FINANCE)


def is_training_staff(user) -> bool:
    """Department specialists (and administrators) keep courses, attendance and certificates."""
    return bool(user and user.is_authenticated and user.has_role(*STAFF_ROLES))


def can_register_for_courses(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.ENTERPRISE, *STAFF_ROLES))
