from django import template

from ..models import Status
from ..money import format_decimal, format_grouped, format_vnd

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
def vnd(amount):
    """1234567 → "1.234.567 ₫"."""
    return format_vnd(amount)


@register.filter
def status_class(status):
    return STATUS_CLASSES.get(status, "text-bg-secondary")


@register.filter
def status_label(status):
    return Status(status).label if status in Status.values else status


@register.filter
def grouped(number):
    """1234567 → "1.234.567" ("—" when missing)."""
    return format_grouped(number)


@register.filter
def decimal2(value):
    """41.666… → "41,67" ("—" when missing)."""
    return format_decimal(value, 2)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
