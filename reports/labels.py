"""The audit actions of reports and the reasons their builds record (see ``core.labels``)."""

from django.utils.translation import gettext_lazy as _

from core.labels import status_family

from .models import ReportStatus

ACTIONS = {
    "reports.requested": _("Report requested"),
    "reports.new_version": _("New version of the report"),
    **status_family("reports.", ReportStatus.choices, _("Report: {status}")),
}
REASONS = {
    "edited": _("The report was edited"),
    "retry": _("Build retried"),
    "finalise": _("Final files requested"),
    "transient error": _("Temporary error, retried automatically"),
    "worker lost": _("The build was interrupted and queued again"),
}
