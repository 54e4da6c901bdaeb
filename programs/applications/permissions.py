"""Who may do what to an application: role *and* state *and* the object (their own enterprise,
or for internal users an application of their agencies)."""

from accounts.models import Role
from accounts.permissions import INTERNAL, RoleTable
from enterprises.permissions import is_verified_representative as enterprises_is_verified_representative
from programs.agencies import in_scope

from .models import CLOSED_STATUSES, WITHDRAWABLE_STATUSES, Status

ROLES = RoleTable(
    "applications",
    {
        # The enterprise side: start, fill in, send, supplement, withdraw, carry out, report.
        "apply": (Role.ENTERPRISE,),
        # An application's page, timeline, receipt and files: its enterprise and the internal roles.
        "read": (Role.ENTERPRISE, *INTERNAL),
        # The figures of an outcome stage: the enterprise its own, staff from documents.
        "outcome": (Role.ENTERPRISE, Role.STAFF),
        # The work queue: staff work from it; leaders, finance and admins read it (the dashboard's
        # pipeline links its counts to the filtered queue).
        "queue": INTERNAL,
        # The department's specialists review, recommend and judge the completion.
        "review": (Role.STAFF,),
        # Staff reject before the budget, the leader after it (the state decides which).
        "reject": (Role.STAFF, Role.LEADER),
        "budget_decide": (Role.FINANCE,),
        "support_decide": (Role.LEADER,),
        "disburse": (Role.FINANCE,),
    },
)
INTERNAL_VIEWERS = INTERNAL


def is_verified_representative(user, enterprise_id) -> bool:
    """An enterprise user who is a verified representative of the enterprise (enterprises' check)."""
    return ROLES.allows(user, "apply") and enterprises_is_verified_representative(user, enterprise_id)


def is_enterprise_side(user, application) -> bool:
    """The applicant or a verified representative of the application's enterprise."""
    if not ROLES.allows(user, "apply"):
        return False
    return application.applicant_id == user.pk or is_verified_representative(user, application.enterprise_id)


def is_own_draft(user, application) -> bool:
    """A draft belongs to whoever started it, until it is submitted."""
    return application.status == Status.DRAFT and ROLES.allows(user, "apply") and application.applicant_id == user.pk


def can_edit_draft(user, application) -> bool:
    return is_own_draft(user, application)


def can_submit(user, application) -> bool:
    return is_own_draft(user, application) and is_verified_representative(user, application.enterprise_id)


def can_resubmit(user, application) -> bool:
    return application.status == Status.RETURNED and is_verified_representative(user, application.enterprise_id)


def can_withdraw(user, application) -> bool:
    if application.status not in WITHDRAWABLE_STATUSES:
        return False
    if application.status == Status.DRAFT:
        return is_own_draft(user, application)
    return is_verified_representative(user, application.enterprise_id)


def can_start_implementation(user, application) -> bool:
    return application.status == Status.APPROVED and is_verified_representative(user, application.enterprise_id)


def can_submit_completion(user, application) -> bool:
    return application.status == Status.IN_PROGRESS and is_verified_representative(user, application.enterprise_id)


def is_reviewer_role(user) -> bool:
    return ROLES.allows(user, "review")


def agency_of(application) -> int:
    """The id of the agency that runs the application's plan."""
    return application.scheme.plan.agency_id


def works_on(user, application) -> bool:
    """Whether an internal user works for the application's agency (or one that took it over)."""
    return in_scope(user, agency_of(application))


def _internal(user, action: str, application) -> bool:
    """``user`` holds a role of ``action`` and works for the application's agency."""
    return ROLES.allows(user, action) and in_scope(user, agency_of(application))


def _reviewer(user, application) -> bool:
    return _internal(user, "review", application)


def can_start_review(user, application) -> bool:
    return application.status in (Status.SUBMITTED, Status.BUDGET_REJECTED) and _reviewer(user, application)


def can_review(user, application) -> bool:
    return application.status == Status.UNDER_REVIEW and _reviewer(user, application)


def can_assign_reviewer(user, application) -> bool:
    return application.status not in (Status.DRAFT, *CLOSED_STATUSES) and _reviewer(user, application)


def can_return_for_supplement(user, application) -> bool:
    return application.status in (Status.SUBMITTED, Status.UNDER_REVIEW) and _reviewer(user, application)


def can_reject(user, application) -> bool:
    if application.status in (Status.SUBMITTED, Status.UNDER_REVIEW, Status.RETURNED, Status.BUDGET_REJECTED):
        return _reviewer(user, application)
    if application.status == Status.BUDGET_APPROVED:
        return _internal(user, "support_decide", application)
    return False


def can_comment(user, application) -> bool:
    return application.status != Status.DRAFT and _reviewer(user, application)


def can_decide_budget(user, application) -> bool:
    return application.status == Status.RECOMMENDED and _internal(user, "budget_decide", application)


def can_decide_support(user, application) -> bool:
    return application.status == Status.BUDGET_APPROVED and _internal(user, "support_decide", application)


def can_judge_completion(user, application) -> bool:
    return application.status == Status.COMPLETION_SUBMITTED and _reviewer(user, application)


def can_disburse(user, application) -> bool:
    return application.status == Status.ACCEPTED and _internal(user, "disburse", application)


def can_see_internal(user) -> bool:
    return user.is_authenticated and user.has_role(*INTERNAL)


def can_report_outcome(user, application, stage: str) -> bool:
    """Who may give the figures of an outcome stage now (``outcomes.rules``): staff from documents
    once the application is submitted (after the decision for the later stages); the enterprise its
    baseline while drafting or supplementing, its completion figures while carrying out the project
    (or once after acceptance when missing), and its follow-up figures once due."""
    from core import clock

    from .models import SUPPORTED_STATUSES, OutcomeStage
    from .outcomes.selectors import follow_up_due

    if application.status in (Status.WITHDRAWN,):
        return False
    if is_reviewer_role(user):
        if application.status == Status.DRAFT:
            return False
        return stage == OutcomeStage.BASELINE or application.status in SUPPORTED_STATUSES
    if stage == OutcomeStage.BASELINE:
        return can_edit_draft(user, application) or can_resubmit(user, application)
    if not is_verified_representative(user, application.enterprise_id):
        return False
    missing = not application.outcome_reports.filter(stage=stage).exists()
    closed = (Status.ACCEPTED, Status.DISBURSED)
    if stage == OutcomeStage.COMPLETION:
        return application.status == Status.IN_PROGRESS or (application.status in closed and missing)
    if stage == OutcomeStage.FOLLOW_UP:
        due = follow_up_due(application)
        return application.status in closed and missing and due is not None and due <= clock.today()
    return False
