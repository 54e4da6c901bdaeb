from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "programs.applications"
    label = "applications"
    verbose_name = _("Support applications")

    def ready(self):
        from accounts.models import Role
        from core.demo import register_seeder
        from core.navigation import HomeSection, NavItem, register_home_section, register_nav
        from core.reference import register_reference_model
        from programs.ledger import register_ledger
        from programs.measures import register_measure

        from . import measures
        from .demo import seed_applications, seed_applications_next
        from .ledger import estimate_totals
        from .permissions import ROLES
        from .sections import home_enterprise, home_internal

        register_ledger(estimate_totals)
        register_measure(measures.supported_enterprises_measure)
        register_measure(measures.conformity_organisations_measure)
        from .outcomes.measures import register_outcome_measures

        register_outcome_measures(register_measure)
        register_nav(NavItem(_("My applications"), "applications:mine", roles=ROLES["apply"], order=20))
        register_nav(NavItem(_("Work queue"), "applications:queue", roles=ROLES["queue"], order=20))
        register_nav(
            NavItem(_("Budget approvals"), "applications:budget_queue", roles=ROLES["budget_decide"], order=21)
        )
        register_nav(NavItem(_("Disbursements"), "applications:disbursements", roles=ROLES["disburse"], order=22))
        register_nav(NavItem(_("Support decisions"), "applications:decisions", roles=ROLES["support_decide"], order=21))
        register_nav(NavItem(_("Application status"), "applications:lookup", public_only=True, order=30))
        register_home_section(
            HomeSection("applications/home_enterprise.html", home_enterprise, roles=(Role.ENTERPRISE,), order=20)
        )
        register_home_section(
            HomeSection(
                "applications/home_internal.html",
                home_internal,
                roles=(Role.STAFF, Role.FINANCE, Role.LEADER),
                order=20,
            )
        )
        for model in ("standard", "supportitem", "supportscheme", "policyversion", "requireddocument"):
            register_reference_model(f"applications.{model}")
        register_seeder(40, "applications", seed_applications)
        register_seeder(80, "applications-next", seed_applications_next)
        from .outcomes.demo import seed_outcomes, seed_outcomes_next

        # Before the final five-year report (60), which shows the outcome figures.
        register_seeder(55, "outcomes", seed_outcomes)
        # After this year's applications (80): each submitted one has its baseline and clock.
        register_seeder(85, "outcomes-next", seed_outcomes_next)

        from enterprises.sections import register_enterprise_section, register_support_flag
        from programs.drilldown import DrilldownProvider, register_drilldown

        from .sections import enterprise_applications_section

        register_drilldown(
            DrilldownProvider(
                "applications.supported_enterprises", _("Supported enterprises"), measures.supported_enterprises
            )
        )
        register_enterprise_section("applications/section_enterprise.html", enterprise_applications_section, order=40)

        from programs.measures import register_stored_figures
        from programs.panels import DashboardPanel, register_dashboard_panel

        from .panels import outcomes_panel, processing_figures, processing_panel

        register_stored_figures("applications.processing", processing_figures)

        register_dashboard_panel(
            DashboardPanel("applications.processing", "applications/panels/processing.html", processing_panel, order=40)
        )
        register_dashboard_panel(
            DashboardPanel("applications.outcomes", "applications/panels/outcomes.html", outcomes_panel, order=50)
        )
        register_support_flag(measures.supported_enterprise_ids)

        from programs.lifecycle import register_plan_copier
        from programs.models import register_enterprise_link_source

        from . import signals
        from .succession import copy_schemes

        signals.connect()
        register_enterprise_link_source(
            "applications",
            "SELECT a.enterprise_id, p.agency_id FROM applications_supportapplication a"
            " JOIN applications_supportscheme s ON s.id = a.scheme_id JOIN programs_plan p ON p.id = s.plan_id"
            " WHERE a.status <> 'draft'",
        )
        register_plan_copier(copy_schemes)
