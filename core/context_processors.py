from .navigation import nav_entries_for

# The steps of a sign-in in progress (allauth's URL names): the header offers neither "Sign in"
# nor "Register" there.
SIGN_IN_STEPS = {"mfa_authenticate", "mfa_trust", "account_confirm_login_code"}


def navigation(request):
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    return {
        "nav_entries": nav_entries_for(user) if user is not None else [],
        "signing_in": match is not None and match.url_name in SIGN_IN_STEPS,
    }
