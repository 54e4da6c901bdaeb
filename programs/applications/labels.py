"""The audit actions of support applications and the budget they hold (see ``core.labels``)."""

from django.utils.translation import gettext_lazy as _

from core.labels import status_family

from .models import Status

ACTIONS = {
    **status_family("application.", Status.choices, _("Application: {status}")),
    "application.draft_created": _("Application draft created"),
    "application.document_added": _("Document added to the application"),
    "application.document_removed": _("Document removed from the application"),
    "application.assigned": _("Application assigned to a specialist"),
    "application.checklist": _("Review checklist updated"),
    "application.disbursement": _("Support paid out"),
    "application.outcome_saved": _("Outcome figures saved"),
    "estimate.reserved": _("Budget reserved for the application"),
    "estimate.released": _("Budget reservation released"),
}
