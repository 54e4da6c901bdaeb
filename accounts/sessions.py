"""Session rules: internal roles get 8-hour sessions; activating TOTP counts as the second factor
of the session in which the code was entered.

Real time (``time.time``), not ``core.clock``: a demo's pinned date must not expire or stretch
sessions."""

import time

INTERNAL_SESSION_SECONDS = 8 * 60 * 60
SIGNED_IN_AT = "signed_in_at"


def note_sign_in(sender, request, user, **kwargs) -> None:
    """Remember when this session signed in; an internal user's cookie also ends 8 hours later
    (allauth may shorten it to the browser session; ``internal_session_expired`` enforces the rest)."""
    request.session[SIGNED_IN_AT] = time.time()
    if user.needs_strong_auth:
        request.session.set_expiry(INTERNAL_SESSION_SECONDS)


def internal_session_expired(request) -> bool:
    """Whether an internal user's session is older than 8 hours (or has no sign-in time)."""
    signed_in_at = request.session.get(SIGNED_IN_AT)
    if not isinstance(signed_in_at, int | float):
        return True
    return time.time() - signed_in_at > INTERNAL_SESSION_SECONDS


def record_totp_activation(sender, request, user, authenticator, **kwargs) -> None:
    """The user just typed a valid code from the new authenticator: record it as this session's
    second factor, so that set-up does not end in a second sign-in."""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator

    if request is not None and authenticator.type == Authenticator.Type.TOTP:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type, activated=True)
