"""Money typed the Vietnamese way: "180.000.000" (dots, or spaces, between thousands) is 180000000.

``MoneyField`` is a whole-đồng integer field on a text input (``inputmode=numeric``, never
``type=number``, which refuses the dots), shown with its thousands separators; ``static/js/money.js``
groups the digits as they are typed (no inline script: CSP)."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .numbers import vn_number

# Groups of three after the first one to three digits, separated by "." or a space (not mixed);
# or plain digits.
GROUPED = re.compile(r"^\d{1,3}(?:(?P<sep>[. \u00a0])\d{3})?(?:(?P=sep)\d{3})*$|^\d+$")


def parse_money(text: str) -> int:
    """'180.000.000' → 180000000; ValueError for anything else (decimals, a comma, letters)."""
    value = (text or "").strip().removesuffix("₫").removesuffix("đ").removesuffix("VND").strip()
    if not GROUPED.match(value):
        raise ValueError(f"not an amount in whole đồng: {text!r}")
    return int(re.sub(r"[. \u00a0]", "", value))


class MoneyInput(forms.TextInput):
    """A text input for whole đồng, shown grouped: 180.000.000."""

    def __init__(self, attrs=None):
        defaults = {"inputmode": "numeric", "autocomplete": "off", "data-money": "", "class": "money-input"}
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            return vn_number(int(value))
        return str(value)  # what was typed, back as it was, with its error


class MoneyField(forms.IntegerField):
    """Whole đồng; accepts "180.000.000", "180 000 000" and "180000000"."""

    widget = MoneyInput
    default_error_messages = {
        "invalid": _("Enter the amount in whole đồng, digits only or with dots between thousands (e.g. 180.000.000).")
    }

    def __init__(self, *, min_value=0, **kwargs):
        kwargs.pop("max_digits", None)
        super().__init__(min_value=min_value, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        try:
            return parse_money(str(value))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        # min/max/step belong to type=number; on a text input they are invalid HTML.
        for name in ("min", "max", "step"):
            attrs.pop(name, None)
        return attrs


def money_formfield(model_field, **kwargs):
    """``formfield_callback``-style helper: the model's money field as a MoneyField (same label,
    help text, required and validators)."""
    return model_field.formfield(form_class=MoneyField, **kwargs)
