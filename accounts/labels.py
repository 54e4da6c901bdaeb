"""The audit actions and recorded reasons of accounts (see ``core.labels``)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {"user.roles_changed": _("Roles changed")}
REASONS = {
    "admin": _("Changed in the administration"),
    "seed_demo": _("Demo data"),
    "self sign-up": _("Signed up on the portal"),
}
