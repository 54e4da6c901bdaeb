from django import template

register = template.Library()


@register.filter
def isodate(value):
    """ "2024-01-05" → "05/01/2024"."""
    if not value:
        return ""
    year, month, day = str(value)[:10].split("-")
    return f"{day}/{month}/{year}"
