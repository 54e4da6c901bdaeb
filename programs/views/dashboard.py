"""The leadership dashboard and its public version."""

from django.shortcuts import render

from ..panels import panels_for
from ..periods import Basis
from ..permissions import ROLES
from ..selectors.dashboard import chart_data, dashboard_data
from ..selectors.plans import plans_visible_to, public_plans
from .common import chosen_basis, chosen_plan, chosen_year


def _context(request, plans, *, public: bool):
    plan = chosen_plan(request, plans)
    if plan is None:
        return None
    year = chosen_year(request, plan)
    basis = chosen_basis(request)
    dash = dashboard_data(plan=plan, year=year, basis=basis)
    charts = [(f"chart-{r.indicator.pk}", chart_data(r), r) for r in dash.kpis]
    panels = panels_for(plan=plan, periods=dash.periods, public=public, user=request.user)
    return {
        "dash": dash,
        "plans": plans.order_by("-start_year", "title"),
        "plan": plan,
        "year": year,
        "basis": basis,
        "bases": Basis.CHOICES,
        "charts": charts,
        "panels": panels,
    }


@ROLES.required("dashboard")
def dashboard(request):
    """Targets vs actuals per indicator, budget execution and drill-downs for one of the user's plans."""
    context = _context(request, plans_visible_to(user=request.user), public=False)
    if context is None:
        return render(request, "programs/no_plan.html")
    return render(request, "programs/dashboard.html", context)


def public_dashboard(request):
    """The public dashboard: the same figures, counts only (no personal data), for plans not in draft."""
    context = _context(request, public_plans(), public=True)
    if context is None:
        return render(request, "programs/no_plan.html")
    return render(request, "programs/public_dashboard.html", context)
