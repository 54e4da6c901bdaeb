"""The portal's one set of number filters (``{% load vn_numbers %}``): every figure on a page is
formatted by ``core.numbers``, the same functions the services' messages use."""

from django import template

from core import numbers

register = template.Library()

register.filter("vnd", numbers.vnd)  # 1234567 → "1.234.567 ₫"
register.filter("grouped", numbers.grouped)  # 1234567 → "1.234.567"


@register.filter
def decimal2(value) -> str:
    """41.666… → "41,67" ("—" when missing)."""
    return numbers.fixed_decimal(value, 2)


@register.filter
def vn(value, places=None) -> str:
    """A number in documents: 1.234.567 or 12,5 ("" when missing)."""
    return numbers.vn_number(value, None if places in (None, "") else int(places))


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template (None when the mapping or the key is missing)."""
    return mapping.get(key) if mapping else None
