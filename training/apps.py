from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training")

    def ready(self):
        from accounts.models import Role

        from .importing import register_participant_importer

        register_participant_importer()
        from . import signals

        signals.connect()
        from core.demo import register_seeder
        from core.navigation import (
            HomeSection,
            NavItem,
            register_home_section,
            register_nav,
            register_public_section,
        )
        from core.reference import register_reference_model
        from core.sectioncache import cached_section
        from programs.measures import register_measure

        from . import sections
        from .demo import seed_training, seed_training_next
        from .measures import person_times_measure
        from .permissions import FIGURE_ROLES, ROLES, STAFF_ROLES

        register_measure(person_times_measure)
        register_reference_model("training.coursekind")
        register_seeder(50, "training", seed_training)
        register_seeder(90, "training-next", seed_training_next)

        register_nav(NavItem(_("Training calendar"), "training:calendar", order=40))
        register_nav(NavItem(_("Courses"), "training:course_list", roles=STAFF_ROLES, order=41))
        register_nav(
            NavItem(_("My training registrations"), "training:my_enrolments", roles=ROLES["enrolment_mine"], order=42)
        )

        register_public_section(
            HomeSection(
                "training/sections/public_calendar.html",
                cached_section("training.calendar", sections.public_calendar),
                order=40,
            )
        )
        register_home_section(
            HomeSection(
                "training/sections/my_enrolments.html", sections.my_enrolments, roles=(Role.ENTERPRISE,), order=40
            )
        )
        register_home_section(
            HomeSection("training/sections/person_times.html", sections.person_times, roles=FIGURE_ROLES, order=40)
        )
        sections.register_enterprise_page_section()

        from programs.models import register_enterprise_link_source

        register_enterprise_link_source(
            "enrolments",
            "SELECT e.enterprise_id, c.agency_id FROM training_enrolment e JOIN training_course c ON c.id = e.course_id",
        )
