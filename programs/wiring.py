"""Everything programs registers with the foundation: measures, drill-downs, menus, sections, seeder."""

from django.utils.translation import gettext_lazy as _

from accounts.models import Role

UI_READY = True


def register_all() -> None:
    from core.demo import register_seeder
    from core.navigation import HomeSection, NavItem, register_home_section, register_nav, register_public_section
    from core.reference import register_reference_model
    from core.sectioncache import cached_section
    from enterprises.scoping import register_enterprise_scope

    from .drilldown import model_enterprises_provider, register_drilldown
    from .measures import register_stored_figures
    from .own_measures import register_own_measures
    from .permissions import ROLES
    from .selectors.dashboard import DRILLDOWN_FIGURES, drilldown_figures

    register_own_measures()
    register_drilldown(model_enterprises_provider())
    register_stored_figures(DRILLDOWN_FIGURES, drilldown_figures)
    register_enterprise_scope(enterprises_in_area)
    register_enterprise_scope(enterprises_with_records)

    def link_enterprises():
        from .models import link_enterprises_to_agencies

        link_enterprises_to_agencies()  # the demo's records were partly written in bulk

    def seed():
        from .demo import seed_programs

        seed_programs()

    def seed_next():
        from .demo import seed_next_plans

        seed_next_plans()

    register_seeder(30, "programs", seed)
    register_seeder(70, "programs-next", seed_next)
    register_seeder(95, "agency-enterprises", link_enterprises)
    if not UI_READY:
        return
    register_reference_model("programs.fundingsource")
    register_reference_model("programs.partnerorganisation")

    internal_dash = ROLES["dashboard"]
    register_nav(NavItem(_("Dashboard"), "programs:dashboard", roles=ROLES["dashboard"], order=10))
    register_nav(NavItem(_("Plans"), "programs:plan_list", roles=ROLES["plan_edit"], order=20))
    register_nav(NavItem(_("Budget"), "programs:budget_list", roles=ROLES["budget_view"], order=30))
    register_nav(
        NavItem(_("Partner reports"), "programs:partner_report_list", roles=ROLES["partner_report_view"], order=40)
    )
    register_nav(NavItem(_("News"), "programs:news_manage", roles=ROLES["plan_edit"], order=60))
    register_nav(NavItem(_("Programme"), "programs:public_programme", order=5, public_only=True))
    register_nav(NavItem(_("Results"), "programs:public_dashboard", order=6, public_only=True))
    register_nav(NavItem(_("News"), "programs:news_list", order=7, public_only=True))
    register_public_section(
        HomeSection(
            "programs/sections/public_programme.html", cached_section("programs.programme", _public_context), order=20
        )
    )
    register_home_section(HomeSection("programs/sections/home_kpis.html", _home_context, roles=internal_dash, order=10))
    register_home_section(
        HomeSection(
            "programs/sections/home_plan.html", _home_plan_context, roles=(Role.ENTERPRISE, Role.PARTNER), order=5
        )
    )


def enterprises_in_area(user):
    """Enterprises an internal user's agencies see by place: their area (and their predecessors')
    at any time up to today, older units counted through the mappings; no limit without an area."""
    import datetime

    from django.db.models import Q

    from core import clock

    from .agencies import agency_ids_for, area_unit_ids

    ids = agency_ids_for(user)
    if not ids:
        return Q(pk__in=[])
    units = area_unit_ids(ids, date_from=datetime.date.min, date_to=clock.today())
    return None if units is None else Q(unit_id__in=sorted(units))


def enterprises_with_records(user):
    """Enterprises with records (applications, enrolments) at the user's agencies, wherever they are."""
    from django.db.models import OuterRef, Q

    from core.paging import ProbedExists

    from .agencies import agency_ids_for
    from .models import AgencyEnterprise

    # Tested after the place (``enterprises.scoping``), row by row on the (agency, enterprise) index.
    links = AgencyEnterprise.objects.filter(agency__in=agency_ids_for(user), enterprise=OuterRef("pk"))
    return Q(ProbedExists(links))


def _public_context() -> dict:
    """The front page's programme block (cached: ``core.sectioncache``): the plan in force, its
    headline figures and the latest news."""
    from .public_home import headline_figures
    from .selectors.plans import current_plan, published_news

    plan = current_plan()
    return {
        "plan": plan,
        "figures": headline_figures(plan) if plan else [],
        "news": list(published_news()[:3]),
    }


def _home_plan_context(request):
    """The plan an enterprise or a partner works under: of the agencies serving the enterprise's
    place (through the unit mappings) or that the partner reports to; else the public plan."""
    from core import clock
    from enterprises.selectors import enterprise_for_user

    from .agencies import agencies_in_charge_of, agencies_serving
    from .selectors.plans import opening_plan, public_plans

    user, agencies = request.user, set()
    if user.has_role(Role.PARTNER):
        for agency_id in user.partner_organisations.values_list("agency_id", flat=True):
            agencies |= agencies_in_charge_of(agency_id)
    enterprise = enterprise_for_user(user) if user.has_role(Role.ENTERPRISE) else None
    if enterprise is not None:
        agencies |= agencies_serving(enterprise.unit_id, day=clock.today()) or set()
    plans = public_plans()
    if agencies:
        plans = plans.filter(agency__in=agencies)
    return {"plan": opening_plan(plans)}


def _home_context(request):
    from .selectors import plan_kpis
    from .selectors.plans import current_plan

    plan = current_plan(user=request.user)
    return {"plan": plan, "kpis": plan_kpis(plan=plan) if plan else []}
