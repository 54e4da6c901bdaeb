"""Who may do what in programs: roles first, then the object."""

from accounts.models import Role

PLAN_EDITORS = (Role.STAFF, Role.ADMIN)
# Finance (Sở KH&CN's planning-finance officers) may prepare an estimate too: the budget queue
# links an application whose year has no approved estimate straight to the proposal.
BUDGET_PROPOSERS = (Role.STAFF, Role.FINANCE, Role.ADMIN)
BUDGET_DECIDERS = (Role.FINANCE,)
BUDGET_VIEWERS = (Role.STAFF, Role.FINANCE, Role.LEADER, Role.ADMIN)
DASHBOARD_VIEWERS = (Role.LEADER, Role.STAFF, Role.FINANCE, Role.ADMIN)
PARTNER_REVIEWERS = (Role.STAFF, Role.ADMIN)
PARTNER_REPORTERS = (Role.PARTNER,)


def can_edit_plans(user) -> bool:
    return user.is_authenticated and user.has_role(*PLAN_EDITORS)


def can_propose_budget(user) -> bool:
    return user.is_authenticated and user.has_role(*BUDGET_PROPOSERS)


def can_decide_budget(user) -> bool:
    return user.is_authenticated and user.has_role(*BUDGET_DECIDERS)


def can_review_partner_report(user) -> bool:
    return user.is_authenticated and user.has_role(*PARTNER_REVIEWERS)


def is_partner_member(user, organisation) -> bool:
    """Whether ``user`` reports for ``organisation`` (one query unless prefetched)."""
    return user.is_authenticated and user.has_role(Role.PARTNER) and organisation.users.filter(pk=user.pk).exists()


def can_edit_partner_report(user, report) -> bool:
    return report.is_editable and is_partner_member(user, report.organisation)
