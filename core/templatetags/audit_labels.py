from django import template

from core.labels import action_label as _action_label
from core.labels import reason_label as _reason_label
from core.numbers import file_size as _file_size

register = template.Library()


@register.filter
def action_label(action):
    """``"enterprise.created"`` → "Enterprise recorded" (translated)."""
    return _action_label(action or "")


@register.filter
def reason_label(reason):
    """``"edited"`` → "The report was edited" (translated); a typed reason unchanged."""
    return _reason_label(reason or "")


@register.filter
def file_size(size):
    """69 → "69 B", 1229 → "1,2 KB"."""
    return _file_size(size)
