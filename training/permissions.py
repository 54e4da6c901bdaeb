"""Who may do what with courses and enrolments."""

from accounts.models import Role
from accounts.permissions import INTERNAL, RoleTable

ROLES = RoleTable(
    "training",
    {
        # Department specialists (and administrators) keep courses, attendance and certificates.
        "course_manage": (Role.STAFF, Role.ADMIN),
        # Who sees the person-time figures (the KPI feed).
        "person_times": INTERNAL,
        # A verified representative registers its people; staff register anyone.
        "enrolment_register": (Role.ENTERPRISE, Role.STAFF, Role.ADMIN),
        "enrolment_mine": (Role.ENTERPRISE,),
    },
)
STAFF_ROLES = ROLES["course_manage"]
FIGURE_ROLES = ROLES["person_times"]
REGISTRANT_ROLES = ROLES["enrolment_register"]


def is_training_staff(user) -> bool:
    """Department specialists (and administrators) keep courses, attendance and certificates."""
    return ROLES.allows(user, "course_manage")


def can_register_for_courses(user) -> bool:
    return ROLES.allows(user, "enrolment_register")
