"""Workflows: each app keeps its status table beside its model (``TRANSITIONS = {from: {to, ...}}``)
and moves status only through a transition method that calls ``check_transition``."""

from django.core.exceptions import ValidationError


class InvalidTransition(ValidationError):
    """A status change that the workflow table does not allow (a ValidationError, so a view can
    show its message)."""

    def __init__(self, message, code="invalid_transition", params=None):
        super().__init__(message, code=code, params=params)


def check_transition(transitions, current, new) -> None:
    """Raise InvalidTransition unless ``transitions[current]`` allows ``new``."""
    if new not in transitions.get(current, ()):
        raise InvalidTransition(f"{current} → {new}")
