"""Who may do what with reports: staff request and edit drafts, leaders approve, finance and
leaders read. Partners and enterprises never see internal reports."""

from accounts.models import Role

from .models import ReportStatus

READ_ROLES = (Role.STAFF, Role.FINANCE, Role.LEADER)
EDIT_ROLES = (Role.STAFF,)
APPROVE_ROLES = (Role.LEADER,)


def can_view_report(user, run) -> bool:
    return user.is_authenticated and user.has_role(*READ_ROLES)


def can_request_report(user) -> bool:
    return user.is_authenticated and user.has_role(*EDIT_ROLES)


def can_edit_report(user, run) -> bool:
    """Staff edit a draft that is not being built; editing a finalised one makes a new version."""
    return can_request_report(user) and not run.is_busy


def can_retry_report(user, run) -> bool:
    """Staff retry a failed build, or one that stopped (its worker died: no heartbeat for longer
    than the build's time limit)."""
    from .services import run_is_stale

    return can_request_report(user) and (run.status == ReportStatus.FAILED or run_is_stale(run))


def can_finalise_report(user, run) -> bool:
    return (
        user.is_authenticated
        and user.has_role(*APPROVE_ROLES)
        and run.status == ReportStatus.SUCCEEDED
        and run.has_files
    )
