"""Who may do what in programs: roles first, then the object."""

from accounts.models import Role
from accounts.permissions import INTERNAL, RoleTable

ROLES = RoleTable(
    "programs",
    {
        # Plans with their objectives, indicators, annual plans, tasks, activities; news.
        "plan_edit": (Role.STAFF, Role.ADMIN),
        "dashboard": INTERNAL,
        # Leaders see the budget they decide support against; the menu shows it to them too.
        "budget_view": INTERNAL,
        # Finance (Sở KH&CN's planning-finance officers) may prepare an estimate too: the budget
        # queue links an application whose year has no approved estimate straight to the proposal.
        "budget_propose": (Role.STAFF, Role.FINANCE, Role.ADMIN),
        "budget_decide": (Role.FINANCE,),
        # Partners read their own organisation's reports; staff and leaders follow every partner
        # of their agencies.
        "partner_report_view": (Role.PARTNER, Role.STAFF, Role.LEADER, Role.ADMIN),
        "partner_report_oversee": (Role.STAFF, Role.LEADER, Role.ADMIN),
        "partner_report_edit": (Role.PARTNER,),
        "partner_report_review": (Role.STAFF, Role.ADMIN),
    },
)
PLAN_EDITORS = ROLES["plan_edit"]
BUDGET_PROPOSERS = ROLES["budget_propose"]
BUDGET_DECIDERS = ROLES["budget_decide"]
BUDGET_VIEWERS = ROLES["budget_view"]
DASHBOARD_VIEWERS = ROLES["dashboard"]
PARTNER_REVIEWERS = ROLES["partner_report_review"]
PARTNER_REPORTERS = ROLES["partner_report_edit"]


def can_edit_plans(user) -> bool:
    return ROLES.allows(user, "plan_edit")


def can_propose_budget(user) -> bool:
    return ROLES.allows(user, "budget_propose")


def can_decide_budget(user) -> bool:
    return ROLES.allows(user, "budget_decide")


def can_review_partner_report(user) -> bool:
    return ROLES.allows(user, "partner_report_review")


def is_partner_member(user, organisation) -> bool:
    """Whether ``user`` reports for ``organisation`` (one query unless prefetched)."""
    return ROLES.allows(user, "partner_report_edit") and organisation.users.filter(pk=user.pk).exists()


def can_edit_partner_report(user, report) -> bool:
    return report.is_editable and is_partner_member(user, report.organisation)
