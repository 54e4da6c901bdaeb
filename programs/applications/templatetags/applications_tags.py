from django import template

from ..models import Status

register = template.Library()

STATUS_CLASSES = {
    Status.DRAFT: "text-bg-light border",
    Status.SUBMITTED: "text-bg-info",
    Status.UNDER_REVIEW: "text-bg-primary",
    Status.RETURNED: "text-bg-warning",
    Status.RECOMMENDED: "text-bg-primary",
    Status.BUDGET_APPROVED: "text-bg-primary",
    Status.BUDGET_REJECTED: "text-bg-warning",
    Status.APPROVED: "text-bg-success",
    Status.IN_PROGRESS: "text-bg-success",
    Status.COMPLETION_SUBMITTED: "text-bg-info",
    Status.ACCEPTED: "text-bg-success",
    Status.DISBURSED: "text-bg-dark",
    Status.REJECTED: "text-bg-danger",
    Status.WITHDRAWN: "text-bg-secondary",
}


@register.filter
def status_class(status):
    return STATUS_CLASSES.get(status, "text-bg-secondary")


@register.filter
def status_label(status):
    return Status(status).label if status in Status.values else status
