"""A service's refusal onto the form that asked for it: the portal's one way to show a
ValidationError (or a PermissionDenied with its reason) raised below a view."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _


def refusal_messages(error: ValidationError | PermissionDenied) -> list[str]:
    """What a refusal says, one message a line; a bare PermissionDenied says who may not act."""
    if isinstance(error, PermissionDenied):
        return [str(error) or _("You may not do this.")]
    return list(error.messages)


def add_refusal(form, error: ValidationError | PermissionDenied, *, field: str | None = None) -> None:
    """Put ``error`` onto ``form``: a ValidationError by field where the form has that field (with
    its codes), the rest on ``field`` (default: the top of the form)."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else field, errors)
    elif isinstance(error, ValidationError):
        form.add_error(field, error)  # keeps each message's code
    else:
        for message in refusal_messages(error):
            form.add_error(field, message)
