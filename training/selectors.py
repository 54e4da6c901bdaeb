"""Reads for the training app, scoped by who asks and with their joins done here."""

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear

from core import clock
from core.text import unaccent
from enterprises.selectors import verified_enterprises_for
from programs.agencies import agency_ids_for, scoped

from .models import COUNTED_STATUSES, SEAT_STATUSES, Course, CourseStatus, Enrolment, EnrolmentStatus
from .permissions import is_training_staff


def with_counts(courses: QuerySet[Course]) -> QuerySet[Course]:
    """Courses with their seat, waiting-list and person-time counts (apply to one page's rows)."""
    return courses.select_related("kind").annotate(
        seats_taken=Count("enrolments", filter=Q(enrolments__status__in=SEAT_STATUSES)),
        waitlisted=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITLISTED)),
        person_times=Count("enrolments", filter=Q(enrolments__status__in=COUNTED_STATUSES)),
    )


def calendar_courses(*, today=None) -> QuerySet[Course]:
    """The public training calendar: open courses that have not ended, soonest first."""
    today = today or clock.today()
    return with_counts(Course.objects.filter(status=CourseStatus.OPEN, end_date__gte=today)).order_by(
        "start_date", "pk"
    )


def public_course(pk: int) -> Course:
    """A course as the public sees it (not planned-and-hidden, not cancelled)."""
    return with_counts(
        Course.objects.filter(status__in=(CourseStatus.OPEN, CourseStatus.RUNNING, CourseStatus.FINISHED))
    ).get(pk=pk)


def courses_visible_to(user) -> QuerySet[Course]:
    """The courses an internal user's agencies run (another agency's course is a 404)."""
    return scoped(Course.objects.all(), user)


def courses_for_staff(
    *, user, year: int | None = None, kind: str = "", status: str = "", q: str = ""
) -> QuerySet[Course]:
    """The user's agencies' courses, filtered and ordered (no counts: ``with_counts`` adds them to
    the page's rows, so the page does not aggregate every course)."""
    courses = courses_visible_to(user)
    if year:
        courses = courses.filter(end_date__year=year)
    if kind:
        courses = courses.filter(kind__code=kind)
    if status:
        courses = courses.filter(status=status)
    if q:
        term = unaccent(" ".join(q.split()))  # diacritics ignored: "quan tri" finds "Quản trị"
        courses = courses.filter(Q(title__unaccent__icontains=term) | Q(organiser__unaccent__icontains=term))
    return courses.order_by("-start_date", "pk")


def course_with_counts(pk: int, *, user) -> Course:
    """One of the user's agencies' courses with its counts (Course.DoesNotExist otherwise)."""
    return with_counts(courses_visible_to(user).select_related("plan", "task", "funding_source")).get(pk=pk)


def course_enrolments(course: Course) -> QuerySet[Enrolment]:
    """A course's enrolments in the page's order (``enrolment_rows`` reads one page's rows)."""
    return course.enrolments.order_by("status", "registered_at", "pk")


def enrolment_rows(enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    """Enrolments with their participants and attendance counts (apply to one page's rows)."""
    return enrolments.select_related("participant", "participant__enterprise", "enterprise", "registered_by").annotate(
        present_count=Count("attendances", filter=Q(attendances__present=True))
    )


def attendance_page(session, number, per_page: int = 50):
    """One page of a session's attendance sheet: the seated enrolments by name with their marks,
    and the number marked present on the whole sheet (four queries whatever the course's size)."""
    from core.paging import page_then_annotate

    seated = session.course.enrolments.filter(status__in=SEAT_STATUSES).order_by("participant__full_name", "pk")
    page = page_then_annotate(seated, number, per_page, lambda rows: rows.select_related("participant", "enterprise"))
    marks = dict(
        session.attendances.filter(enrolment_id__in=[e.pk for e in page.object_list]).values_list(
            "enrolment_id", "present"
        )
    )
    page.rows = [{"enrolment": e, "present": marks.get(e.pk)} for e in page.object_list]  # type: ignore[attr-defined]
    page.present_count = session.attendances.filter(present=True, enrolment__status__in=SEAT_STATUSES).count()  # type: ignore[attr-defined]
    return page


def participant_counts(participants: QuerySet) -> QuerySet:
    """Participants with their enterprise, enrolments and person-times (apply to one page's rows)."""
    return participants.select_related("enterprise").annotate(
        enrolment_count=Count("enrolments"),
        person_times=Count(
            "enrolments",
            filter=Q(enrolments__status__in=COUNTED_STATUSES) & ~Q(enrolments__course__status=CourseStatus.CANCELLED),
        ),
    )


def participants_search(participants: QuerySet, q: str) -> QuerySet:
    """Name without diacritics ("nguyen van an" finds "Nguyễn Văn An"), e-mail or phone."""
    if not q:
        return participants
    term = unaccent(" ".join(q.split()))
    return participants.filter(Q(full_name__unaccent__icontains=term) | Q(email__icontains=q) | Q(phone__icontains=q))


def enrolments_visible_to(user) -> QuerySet[Enrolment]:
    """Staff see the enrolments in their agencies' courses; a representative only those of the
    enterprises they represent."""
    enrolments = Enrolment.objects.select_related("course", "course__kind", "participant", "enterprise")
    if is_training_staff(user):
        return scoped(enrolments, user, "course__agency")
    return enrolments.filter(enterprise__in=verified_enterprises_for(user))


def participants_visible_to(user) -> QuerySet:
    """The people enrolled in the user's agencies' courses (the person registry is shared)."""
    from .models import Participant

    return Participant.objects.filter(pk__in=_participant_links(user).values("participant_id"))


def participants_visible_count(user) -> int:
    """How many ``participants_visible_to(user)`` holds, counted on the (person, agency) table
    alone: one row per person for one agency, distinct people for several."""
    agencies = agency_ids_for(user)
    links = _participant_links(user)
    if len(agencies) == 1:
        return links.count()
    return links.values("participant_id").distinct().count()


def _participant_links(user) -> QuerySet:
    from .models import ParticipantAgency

    return ParticipantAgency.objects.filter(agency__in=agency_ids_for(user))


def person_times_by_year(*, user, year_from: int | None = None, year_to: int | None = None) -> QuerySet:
    """Person-times in the user's agencies' courses per (year the course ended, course kind): one
    aggregate query. One attended or certified enrolment in a course that was not cancelled is
    one person-time.
    """
    rows = scoped(
        Enrolment.objects.filter(status__in=COUNTED_STATUSES).exclude(course__status=CourseStatus.CANCELLED),
        user,
        "course__agency",
    )
    if year_from:
        rows = rows.filter(course__end_date__year__gte=year_from)
    if year_to:
        rows = rows.filter(course__end_date__year__lte=year_to)
    return (
        rows.annotate(year=ExtractYear("course__end_date"))
        .values("year", "course__kind__code", "course__kind__name", "course__kind__order")
        .annotate(n=Count("pk"))
        .order_by("year", "course__kind__order", "course__kind__code")
    )


def person_times_table(*, user, year_from=None, year_to=None) -> dict:
    """The user's agencies' person-times per course kind (rows) and year (columns), with totals; two queries."""
    from .models import CourseKind

    kinds = list(CourseKind.objects.all())
    cells: dict[tuple[int, str], int] = {}
    for row in person_times_by_year(user=user, year_from=year_from, year_to=year_to):
        cells[(row["year"], row["course__kind__code"])] = row["n"]
    years = sorted({year for year, _code in cells})
    rows = [
        {
            "kind": k,
            "cells": [cells.get((y, k.code), 0) for y in years],
            "total": sum(cells.get((y, k.code), 0) for y in years),
        }
        for k in kinds
    ]
    totals = [sum(cells.get((y, k.code), 0) for k in kinds) for y in years]
    return {"years": years, "rows": rows, "totals": totals, "grand_total": sum(totals)}


def enrolment_by_code(code: str) -> Enrolment | None:
    """The certified enrolment with this verification code, if any."""
    if not code:
        return None
    return (
        Enrolment.objects.select_related("participant", "course")
        .filter(verification_code=code, status=EnrolmentStatus.CERTIFIED)
        .first()
    )
