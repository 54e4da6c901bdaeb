"""One registry of the words shown for recorded codes: audit actions and the reasons the system
records (``"edited"``, ``"worker lost"``). Pages, e-mails, PDFs and workbooks show a code through
``action_label``/``reason_label`` (template filters in ``core.templatetags.audit_labels``), never raw.

Each app declares its own codes in a ``labels`` module (``ACTIONS`` and ``REASONS`` mappings of code
to lazy translated text), collected here on first use; ``tests/core/test_labels.py`` walks the code's
audit calls and fails when an action has no label.
"""

from functools import cache

from django.apps import apps
from django.utils.module_loading import autodiscover_modules
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

ACTIONS = {"backup.restored": _("Backup restored")}
ADMIN_VERBS = {
    "added": pgettext_lazy("audit", "added"),
    "changed": pgettext_lazy("audit", "changed"),
    "deleted": pgettext_lazy("audit", "deleted"),
}


@cache
def registry() -> tuple[dict, dict]:
    """(actions, reasons) declared by every installed app's ``labels`` module."""
    actions, reasons = {}, {}
    autodiscover_modules("labels")
    for config in apps.get_app_configs():
        module = getattr(config.module, "labels", None)
        if module is None:
            continue
        for code in set(actions) & set(getattr(module, "ACTIONS", {})):
            raise ValueError(f"Audit action {code!r} is labelled twice.")
        actions.update(getattr(module, "ACTIONS", {}))
        reasons.update(getattr(module, "REASONS", {}))
    return actions, reasons


def status_family(prefix: str, choices, text) -> dict:
    """``{prefix + value: text % label}`` for every choice: ``application.approved`` → "…: Approved"."""
    return {f"{prefix}{value}": format_lazy(text, status=label) for value, label in choices}


def _admin_label(action: str):
    """``admin.<app>.<model>.<verb>`` (every change made in Django admin): "Administration: … added"."""
    _prefix, app_label, model_name, verb = (action.split(".") + ["", "", ""])[:4]
    try:
        name = apps.get_model(app_label, model_name)._meta.verbose_name
    except LookupError:
        return None
    if verb not in ADMIN_VERBS:
        return None
    return format_lazy(_("Administration: {model} {verb}"), model=name, verb=ADMIN_VERBS[verb])


# Families whose codes are built from a model's label (they cannot be listed ahead).
RULES = {"admin.": _admin_label}


def action_label(action: str):
    """The translated label of an audit action (the code itself only if it has none: a test fails)."""
    label = registry()[0].get(action)
    if label is None:
        rule = next((rule for prefix, rule in RULES.items() if action.startswith(prefix)), None)
        label = rule(action) if rule else None
    return action if label is None else label


def has_label(action: str) -> bool:
    return action_label(action) is not action


def reason_label(reason: str):
    """A reason the system records as a code, translated; a reason a person typed, unchanged."""
    return registry()[1].get(reason, reason)


def action_choices() -> list[tuple[str, str]]:
    """Every registered action as (code, label), sorted by label in the active language."""
    return sorted(((code, str(label)) for code, label in registry()[0].items()), key=lambda pair: pair[1])
