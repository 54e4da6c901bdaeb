"""Tax codes (mã số thuế): validated and normalised with python-stdnum."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_errors
from stdnum.vn import mst


def normalise_tax_code(value: str) -> str:
    """``0100 233.488`` → ``0100233488``; ``0314409058 - 002`` → ``0314409058-002``; else ValidationError.

    Ten digits, or thirteen for a branch (suffix 001-999); the check digit is verified.
    """
    raw = str(value or "").strip()
    if not raw:
        raise ValidationError(_("Enter the tax code."), code="required")
    compact = mst.compact(raw)
    if not compact.isdigit():
        raise ValidationError(
            _("The tax code may contain only digits (and a hyphen before a branch suffix): %(value)s.")
            % {"value": raw},
            code="format",
        )
    if len(compact) not in (10, 13):
        raise ValidationError(
            _("A tax code has 10 digits, or 13 for a branch (NNNNNNNNNN-NNN); %(value)s has %(count)s.")
            % {"value": raw, "count": len(compact)},
            code="length",
        )
    if len(compact) == 13 and compact.endswith("000"):
        raise ValidationError(
            _("A branch suffix runs from 001 to 999; -000 is not a branch: %(value)s.") % {"value": raw},
            code="branch",
        )
    try:
        mst.validate(compact)
    except stdnum_errors.InvalidChecksum:
        raise ValidationError(
            _("The check digit of tax code %(value)s is wrong: check it against the registration certificate.")
            % {"value": raw},
            code="checksum",
        ) from None
    except stdnum_errors.ValidationError:
        raise ValidationError(_("%(value)s is not a valid tax code.") % {"value": raw}, code="invalid") from None
    return mst.format(compact)


def validate_tax_code(value: str) -> None:
    """Model/form field validator."""
    normalise_tax_code(value)


def tax_code_with_check_digit(first_nine: str) -> str | None:
    """The ten-digit tax code for nine digits, or None when no check digit exists (remainder 0)."""
    digit = mst.calc_check_digit(first_nine)
    return first_nine + digit if len(digit) == 1 and first_nine[2:9] != "0000000" else None
