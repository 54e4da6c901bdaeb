"""What every application view shares: POST data, and a service's refusal onto the form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from .. import selectors


def _post(request):
    """The POST data of a POST (even an empty one, so the form is bound), else None."""
    return request.POST if request.method == "POST" else None


def _files(request):
    return request.FILES if request.method == "POST" else None


def _errors(error: ValidationError | PermissionDenied) -> list[str]:
    if isinstance(error, PermissionDenied):
        return [str(error) or _("You may not do this to this application.")]
    return list(error.messages)


def _run(request, form, call) -> bool:
    """Call the service; put a refusal onto the form (or into messages). True on success."""
    try:
        call()
    except (ValidationError, PermissionDenied) as error:
        for message in _errors(error):
            if form is not None:
                form.add_error(None, message)
            else:
                messages.error(request, message)
        return False
    return True


def _add_field_errors(form, error) -> None:
    """A service's refusal onto the form: by field where the form has it, else at the top."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, messages_ in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages_)
    else:
        for message in _errors(error):
            form.add_error(None, message)


# --- Enterprise after submission --------------------------------------------------------------------
def _allowed(request, pk, check):
    application = selectors.application_for(user=request.user, pk=pk)
    if not check(request.user, application):
        raise PermissionDenied
    return application
