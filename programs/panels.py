"""Blocks that higher apps add to the leadership dashboard and the public results page.

``programs`` knows nothing of applications or training; an app registers a panel in its
``AppConfig.ready()``: a template and a function ``context(plan=, periods=, public=, user=)``
(``periods``: the ``programs.periods.Periods`` the page shows) returning the template's
``panel`` (None hides it). On the public page (``public=True``)
a panel must show aggregates only, never one enterprise's figures.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DashboardPanel:
    key: str
    template: str
    context: Callable
    order: int = 100


_panels: dict[str, DashboardPanel] = {}


def register_dashboard_panel(panel: DashboardPanel) -> None:
    _panels[panel.key] = panel


def panels_for(*, plan, periods, public: bool, user=None) -> list[tuple[str, dict]]:
    """(template, context) of every registered panel that has something to show, in order."""
    shown = []
    for panel in sorted(_panels.values(), key=lambda p: (p.order, p.key)):
        context = panel.context(plan=plan, periods=periods, public=public, user=user)
        if context is not None:
            shown.append((panel.template, context))
    return shown
