"""Query parameters are parsed by form fields, never by hand: a value that does not parse (``²``,
``1e30``, a 23-digit year, a NUL character) is ignored, as if it had not been given."""

from django import forms

YEAR_MIN, YEAR_MAX = 1900, 2100


def year_field(**kwargs) -> forms.IntegerField:
    return forms.IntegerField(required=False, min_value=YEAR_MIN, max_value=YEAR_MAX, **kwargs)


def id_field() -> forms.IntegerField:
    return forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)


def text_field(max_length: int = 200) -> forms.CharField:
    """Free text (NUL characters refused by Django's CharField; too long: ignored)."""
    return forms.CharField(required=False, max_length=max_length)


def parse_query(request, form_class: type[forms.Form]) -> dict:
    """The cleaned values of ``form_class`` over ``request.GET``; each invalid field is None."""
    form = form_class(request.GET)
    form.is_valid()
    return {name: form.cleaned_data.get(name) for name in form.fields}
