"""What every application view shares: POST data, and a service's refusal onto the form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError

from core.forms import refusal_messages

from .. import selectors


def _post(request):
    """The POST data of a POST (even an empty one, so the form is bound), else None."""
    return request.POST if request.method == "POST" else None


def _files(request):
    return request.FILES if request.method == "POST" else None


def _run(request, form, call) -> bool:
    """Call the service; put a refusal onto the form (or into messages). True on success."""
    try:
        call()
    except (ValidationError, PermissionDenied) as error:
        for message in refusal_messages(error):
            if form is not None:
                form.add_error(None, message)
            else:
                messages.error(request, message)
        return False
    return True


# --- Enterprise after submission --------------------------------------------------------------------
def _allowed(request, pk, check):
    application = selectors.application_for(user=request.user, pk=pk)
    if not check(request.user, application):
        raise PermissionDenied
    return application
