"""The enterprise user's block on the signed-in home page."""

from .selectors import representations_of


def home_context(request) -> dict:
    """The user's enterprises with their verification state (a call to register when none)."""
    return {"representations": list(representations_of(request.user))}
