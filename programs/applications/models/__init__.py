"""Support schemes (dated policy data) and the support applications enterprises file online."""

from .application import (
    CLOCK_RUNNING_STATUSES,
    CLOSED_STATUSES,
    COMMITTED_STATUSES,
    SUPPORTED_STATUSES,
    TRANSITIONS,
    WITHDRAWABLE_STATUSES,
    ApplicationEvent,
    ReferenceCounter,
    Status,
    SupportApplication,
)
from .documents import ApplicationDocument, DocumentKind, ReviewChecklistItem, document_upload_to
from .outcomes import FigureSource, OutcomeReport, OutcomeStage
from .payments import Disbursement, LedgerEntry, LedgerKind
from .reminders import Reminder, ReminderKind
from .schemes import DEFAULT_PROCESSING_DAYS, PolicyVersion, RequiredDocument, Standard, SupportItem, SupportScheme

__all__ = [
    "ApplicationDocument",
    "ApplicationEvent",
    "CLOCK_RUNNING_STATUSES",
    "CLOSED_STATUSES",
    "COMMITTED_STATUSES",
    "DEFAULT_PROCESSING_DAYS",
    "Disbursement",
    "DocumentKind",
    "FigureSource",
    "LedgerEntry",
    "LedgerKind",
    "OutcomeReport",
    "OutcomeStage",
    "PolicyVersion",
    "ReferenceCounter",
    "Reminder",
    "ReminderKind",
    "RequiredDocument",
    "ReviewChecklistItem",
    "SUPPORTED_STATUSES",
    "Standard",
    "Status",
    "SupportApplication",
    "SupportItem",
    "SupportScheme",
    "TRANSITIONS",
    "WITHDRAWABLE_STATUSES",
    "document_upload_to",
]
