"""Who may do what with reports: staff request and edit drafts, leaders approve, finance and
leaders read. Partners and enterprises never see internal reports."""

from accounts.models import Role
from accounts.permissions import ANY_ROLE, RoleTable

from .models import ReportStatus

ROLES = RoleTable(
    "reports",
    {
        "report_list": (Role.STAFF, Role.FINANCE, Role.LEADER),
        # A report's own pages admit every signed-in role and scope through
        # ``selectors.reports_visible_to``: a partner or an enterprise guessing a report's URL gets
        # 404, the same answer as "does not exist".
        "report_page": ANY_ROLE,
        "report_request": (Role.STAFF,),  # request, edit, retry
        "report_finalise": (Role.LEADER,),
    },
)
READ_ROLES = ROLES["report_list"]
EDIT_ROLES = ROLES["report_request"]
APPROVE_ROLES = ROLES["report_finalise"]


def can_view_report(user, run) -> bool:
    return ROLES.allows(user, "report_list")


def can_request_report(user) -> bool:
    return ROLES.allows(user, "report_request")


def can_edit_report(user, run) -> bool:
    """Staff edit a draft that is not being built; editing a finalised one makes a new version."""
    return can_request_report(user) and not run.is_busy


def can_retry_report(user, run) -> bool:
    """Staff retry a failed build, or one that stopped (its worker died: no heartbeat for longer
    than the build's time limit)."""
    from .services import run_is_stale

    return can_request_report(user) and (run.status == ReportStatus.FAILED or run_is_stale(run))


def can_finalise_report(user, run) -> bool:
    return ROLES.allows(user, "report_finalise") and run.status == ReportStatus.SUCCEEDED and run.has_files
