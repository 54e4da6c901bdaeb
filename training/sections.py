"""Blocks that other apps' pages show (home pages, the enterprise page), registered in ready()."""

from django.utils import timezone

from .selectors import calendar_courses, enrolments_visible_to, person_times_table


def public_calendar(request) -> dict:
    """The next open courses for the public front page."""
    return {"courses": list(calendar_courses()[:5])}


def my_enrolments(request) -> dict:
    """A representative's upcoming registrations."""
    today = timezone.localdate()
    return {
        "enrolments": list(
            enrolments_visible_to(request.user)
            .filter(course__end_date__gte=today)
            .order_by("course__start_date", "pk")[:10]
        )
    }


def person_times(request) -> dict:
    """Person-times per year and kind, for internal home pages."""
    return {"table": person_times_table()}


def enterprise_training(request, enterprise) -> dict:
    """The enterprise page's training block: its people's enrolments, newest first."""
    from .models import Enrolment

    enrolments = (
        Enrolment.objects.filter(enterprise=enterprise)
        .select_related("course", "course__kind", "participant")
        .order_by("-course__start_date", "pk")
    )
    return {"enrolments": list(enrolments[:20]), "total": enrolments.count()}


def register_enterprise_page_section() -> None:
    """Add the training block to the enterprise page when the enterprises app offers the hook."""
    try:
        from enterprises.sections import register_enterprise_section
    except ImportError:  # the hook is not there (yet): the enterprise page simply has no block
        return
    register_enterprise_section("training/sections/enterprise_training.html", enterprise_training)
