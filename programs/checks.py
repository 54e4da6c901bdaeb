"""System checks: a plan's indicator that names an unregistered measure is an error at start-up,
not a silent "no data" in a report."""

from django.core import checks
from django.db import DatabaseError
from django.utils.translation import gettext_lazy as _

UNKNOWN_MEASURE = "programs.E001"


@checks.register("programs")
def check_indicator_measures(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """programs.E001 for each indicator whose ``measure`` is not a registered measure key."""
    from .measures import registered_keys
    from .models import Indicator

    known = registered_keys()
    try:
        rows = list(
            Indicator.objects.exclude(measure="")
            .exclude(measure__in=known)
            .values_list("pk", "code", "measure", "objective__plan__title")
            .order_by("pk")
        )
    except DatabaseError:
        return []  # no database or no tables yet (before the first migrate): nothing to check
    return [
        checks.Error(
            _("Indicator %(code)s of “%(plan)s” names the measure “%(measure)s”, which is not registered.")
            % {"code": code, "plan": plan, "measure": measure},
            hint=_("Choose one of: %(keys)s.") % {"keys": ", ".join(sorted(known))},
            obj=f"programs.Indicator(pk={pk})",
            id=UNKNOWN_MEASURE,
        )
        for pk, code, measure, plan in rows
    ]
