"""Display helpers for programme figures: VND amounts, KPI numbers and statuses."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from ..measures import get_measure

register = template.Library()

STATUS_LABELS = {
    "below": _("Below target"),
    "within": _("Within target"),
    "above": _("Above target"),
    "no_data": _("No data (no measure)"),
    "not_computable": _("Cannot be computed"),
}
STATUS_CLASSES = {
    "below": "warning",
    "within": "success",
    "above": "primary",
    "no_data": "secondary",
    "not_computable": "secondary",
}


@register.filter
def vnd(value) -> str:
    """1234567 → "1.234.567 ₫" (Vietnamese grouping, whatever the active language)."""
    if value in (None, ""):
        return "–"
    return f"{int(value):,}".replace(",", ".") + " ₫"


@register.filter
def kpi_number(value) -> str:
    """A KPI figure with locale grouping and at most two decimals ("–" when missing)."""
    if value is None:
        return "–"
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 2
    return number_format(value, places, use_l10n=True, force_grouping=True)


@register.filter
def measure_label(key: str) -> str:
    """An indicator's measure by its label ("–" for none); never its internal key."""
    measure = get_measure(key) if key else None
    return measure.label if measure else "–"


@register.filter
def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


@register.filter
def status_class(status: str) -> str:
    return STATUS_CLASSES.get(status, "secondary")


@register.filter
def target_text(target) -> str:
    """A ``programs.targets.Target`` read as in every table: "15 - 20", "about 900 (±5 %)", "at least 1"."""
    if not target:
        return "–"
    return target.text(kpi_number)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
