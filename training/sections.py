"""Blocks that other apps' pages show (home pages, the enterprise page), registered in ready()."""

from core import clock
from core.sectioncache import cached_value
from enterprises.selectors import verified_enterprises_for
from programs.agencies import agency_ids_for, scoped

from .models import Enrolment
from .selectors import calendar_courses, enrolments_visible_to, person_times_table


def public_calendar() -> dict:
    """The next open courses for the public front page (cached: ``core.sectioncache``)."""
    return {"courses": list(calendar_courses()[:5])}


def my_enrolments(request) -> dict:
    """A representative's upcoming registrations."""
    today = clock.today()
    return {
        "enrolments": list(
            enrolments_visible_to(request.user)
            .filter(course__end_date__gte=today)
            .order_by("course__start_date", "pk")[:10]
        )
    }


def person_times(request) -> dict:
    """Person-times per year and kind, for internal home pages: an aggregate of every enrolment of
    the user's agencies, kept in the cache per set of agencies until a record changes
    (``core.sectioncache``)."""
    agencies = "-".join(str(pk) for pk in sorted(agency_ids_for(request.user)))
    return {"table": cached_value(f"person-times:{agencies}", lambda: person_times_table(user=request.user))}


def enterprise_training(request, enterprise) -> dict | None:
    """The enterprise page's training block: its people's enrolments, newest first.

    Hidden (None) unless the reader is internal or a verified representative of the enterprise.
    """
    user = request.user
    if not user.is_internal and not verified_enterprises_for(user).filter(pk=enterprise.pk).exists():
        return None

    # Internal readers see the enrolments in their agencies' courses; representatives all of theirs.
    visible = scoped(Enrolment.objects.all(), user, "course__agency") if user.is_internal else Enrolment.objects.all()
    enrolments = (
        visible.filter(enterprise=enterprise)
        .select_related("course", "course__kind", "participant")
        .order_by("-course__start_date", "pk")
    )
    return {"enrolments": list(enrolments[:20]), "total": enrolments.count()}


def register_enterprise_page_section() -> None:
    """Add the training block to the enterprise page (``enterprises.sections`` hook)."""
    from enterprises.sections import register_enterprise_section

    register_enterprise_section("training/sections/enterprise_training.html", enterprise_training, order=50)
