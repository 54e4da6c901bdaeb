"""The leadership dashboard and its public version."""

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from core.querystring import id_field, parse_query, text_field
from core.sectioncache import cached_value

from ..drilldown import drilldown_records, indicator_records, links_whole_period, links_years
from ..measures import facts_version
from ..models import Indicator
from ..panels import panels_for
from ..periods import Basis, plan_periods
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
    # Panels may show more to some roles: the figures are kept per set of roles.
    audience = "public" if public else "+".join(sorted(request.user.roles))

    def build() -> dict:
        dash = dashboard_data(plan=plan, year=year, basis=basis)
        if not public:
            for r in dash.kpis:
                r.links_years, r.links_whole = links_years(r), links_whole_period(r)
        return {
            "dash": dash,
            "charts": [(f"chart-{r.indicator.pk}", chart_data(r), r) for r in dash.kpis],
            "panels": panels_for(plan=plan, periods=dash.periods, public=public, user=request.user),
        }

    # The figures are read from the cache while the plan's facts are fresh: a counted change gives
    # a new facts version, any other saved record a new generation (core.sectioncache).
    version = facts_version(plan)
    if version is None:
        figures = build()
    else:
        key = f"dashboard:{plan.pk}:{year}:{basis}:{audience}"
        figures = cached_value(key, build, version=version)
    return {
        **figures,
        "plans": plans.order_by("-start_year", "title"),
        "plan": plan,
        "year": year,
        "basis": basis,
        "bases": Basis.CHOICES,
        "public": public,
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


class FigureQuery(forms.Form):
    indicator = id_field()
    drilldown = text_field(80)
    unit = text_field(20)
    sector = text_field(20)


@ROLES.required("dashboard")
def figure_records(request):
    """The records behind one figure of the dashboard: an indicator's (``indicator=``) or a
    drill-down row's (``drilldown=`` with ``unit=`` or ``sector=``), over the same plan, year and
    basis; a plan the user may not see is a 404."""
    plans = plans_visible_to(user=request.user)
    plan = chosen_plan(request, plans)
    if plan is None:
        raise Http404
    year, basis = chosen_year(request, plan), chosen_basis(request)
    periods = plan_periods(plan, year_from=year, year_to=year, basis=basis)
    query = parse_query(request, FigureQuery)
    if query["indicator"]:
        indicator = get_object_or_404(Indicator, pk=query["indicator"], objective__plan=plan)
        found = indicator_records(indicator, plan=plan, within=periods.whole)
    elif query["drilldown"]:
        found = drilldown_records(
            query["drilldown"], plan=plan, within=periods.whole, unit=query["unit"] or "", sector=query["sector"] or ""
        )
    else:
        found = None
    if found is None:
        raise Http404
    page = Paginator(found.records, 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "programs/figure_records.html",
        {
            "found": found,
            "page": page,
            "plan": plan,
            "year": year,
            "periods": periods,
            "query_string": params.urlencode(),
            "back_query": f"plan={plan.pk}&basis={basis}" + (f"&year={year}" if year else ""),
        },
    )
