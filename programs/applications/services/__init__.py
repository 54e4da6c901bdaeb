"""Every write and state change of support applications, one function per transition."""

from .budget import application_approve_budget, application_disburse, application_reject_budget
from .codes import reference_code_issue
from .decision import (
    application_accept,
    application_approve,
    application_return_completion,
    application_start_implementation,
    application_submit_completion,
    application_withdraw,
)
from .drafts import (
    application_add_document,
    application_create_draft,
    application_remove_document,
    application_resubmit,
    application_submit,
    application_update_draft,
    proposal_for,
    submission_problems,
    support_terms,
)
from .review import (
    application_assign_reviewer,
    application_comment,
    application_recommend,
    application_record_checklist,
    application_reject,
    application_return_for_supplement,
    application_start_review,
)

__all__ = [
    "application_accept",
    "application_add_document",
    "application_approve",
    "application_approve_budget",
    "application_assign_reviewer",
    "application_comment",
    "application_create_draft",
    "application_disburse",
    "application_recommend",
    "application_record_checklist",
    "application_reject",
    "application_reject_budget",
    "application_remove_document",
    "application_resubmit",
    "application_return_completion",
    "application_return_for_supplement",
    "application_start_implementation",
    "application_start_review",
    "application_submit",
    "application_submit_completion",
    "application_update_draft",
    "application_withdraw",
    "proposal_for",
    "support_terms",
    "reference_code_issue",
    "submission_problems",
]
