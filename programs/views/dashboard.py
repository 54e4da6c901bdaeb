"""The leadership dashboard and its public version."""

from django.http import Http404
from django.shortcuts import render

from accounts.permissions import role_required

from ..models import Plan, PlanStatus
from ..panels import panels_for
from ..periods import Basis
from ..permissions import DASHBOARD_VIEWERS
from ..selectors.dashboard import chart_data, dashboard_data
from .common import chosen_basis, chosen_plan, chosen_year


def _context(request, plans, *, public: bool):
    plan = chosen_plan(request)
    if plan is None:
        return None
    year = chosen_year(request, plan)
    basis = chosen_basis(request)
    dash = dashboard_data(plan=plan, year=year, basis=basis)
    charts = [(f"chart-{r.indicator.pk}", chart_data(r), r) for r in dash.kpis]
    panels = panels_for(plan=plan, periods=dash.periods, public=public, user=request.user)
    return {
        "dash": dash,
        "plans": plans,
        "plan": plan,
        "year": year,
        "basis": basis,
        "bases": Basis.CHOICES,
        "charts": charts,
        "panels": panels,
    }


@role_required(*DASHBOARD_VIEWERS)
def dashboard(request):
    """Targets vs actuals per indicator, budget execution and drill-downs for a plan and year."""
    context = _context(request, Plan.objects.order_by("-start_year", "title"), public=False)
    if context is None:
        return render(request, "programs/no_plan.html")
    return render(request, "programs/dashboard.html", context)


def public_dashboard(request):
    """The public dashboard: the same figures, counts only (no personal data), for plans in force."""
    plans = Plan.objects.exclude(status=PlanStatus.DRAFT).order_by("-start_year", "title")
    context = _context(request, plans, public=True)
    if context is None:
        return render(request, "programs/no_plan.html")
    if context["plan"].status == PlanStatus.DRAFT:
        raise Http404
    return render(request, "programs/public_dashboard.html", context)
