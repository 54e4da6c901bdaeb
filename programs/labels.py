"""The audit actions of plans, budgets, activities, partners and news (see ``core.labels``)."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

SAVED = {"create": pgettext_lazy("audit", "created"), "update": pgettext_lazy("audit", "updated")}


def _saved(code: str, thing) -> dict:
    """``save_audited`` appends ``.create`` or ``.update`` to its action."""
    return {f"{code}.{verb}": format_lazy(_("{thing} {verb}"), thing=thing, verb=word) for verb, word in SAVED.items()}


ACTIONS = {
    **_saved("programs.plan", _("Plan")),
    **_saved("programs.objective", _("Objective")),
    **_saved("programs.indicator", _("Indicator")),
    **_saved("programs.annualplan", _("Annual plan")),
    **_saved("programs.annualtarget", _("Yearly target")),
    **_saved("programs.taskgroup", _("Task group")),
    **_saved("programs.task", _("Task")),
    **_saved("programs.activity", _("Activity")),
    **_saved("programs.news", _("News post")),
    "programs.plan.approve": _("Plan approved"),
    "programs.plan.activate": _("Plan put into effect"),
    "programs.plan.close": _("Plan closed"),
    "programs.plan.succeed": _("Next plan drafted"),
    "programs.estimate.propose": _("Budget estimate proposed"),
    "programs.estimate.appraise": _("Budget estimate appraised"),
    "programs.estimate.approve": _("Budget estimate approved"),
    "programs.estimate.return": _("Budget estimate returned"),
    "programs.activity.attach": _("File attached to the activity"),
    "programs.activity.detach": _("File removed from the activity"),
    **_saved("programs.partner_report", _("Partner report")),
    "programs.partner_figure.save": _("Partner figure saved"),
    "programs.partner_activity.save": _("Partner activity saved"),
    "programs.partner_report.submit": _("Partner report submitted"),
    "programs.partner_report.approve": _("Partner report approved"),
    "programs.partner_report.return": _("Partner report returned"),
    "programs.partner_report.unlock": _("Partner report reopened"),
}
