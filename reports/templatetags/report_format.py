from django import template

from reports.formatting import vn_number

register = template.Library()


@register.filter
def vn(value, places=None):
    """Vietnamese number: 1.234.567 or 12,5."""
    return vn_number(value, None if places in (None, "") else int(places))


@register.filter
def isodate(value):
    """ "2024-01-05" → "05/01/2024"."""
    if not value:
        return ""
    year, month, day = str(value)[:10].split("-")
    return f"{day}/{month}/{year}"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
