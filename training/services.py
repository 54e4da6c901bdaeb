"""Every write in the training app: courses, registration, attendance, certificates."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from core import clock
from core.audit import audit_record
from core.mail import notify_by_email
from enterprises.models import Enterprise
from enterprises.selectors import verified_enterprises_for
from programs.agencies import ensure_in_scope, home_agency, in_scope
from programs.measures import counted_records_changed
from programs.models import Agency

from .certificates import new_verification_code
from .models import (
    SEAT_STATUSES,
    Attendance,
    Course,
    CourseKind,
    CourseSession,
    CourseStatus,
    Enrolment,
    EnrolmentStatus,
    Participant,
    normalise_email,
    normalise_name,
    normalise_phone,
)
from .permissions import ROLES, is_training_staff

# The seeded kinds (editable afterwards in admin): code, name, indicator measure argument.
COURSE_KINDS = [
    ("expert", "Đào tạo chuyên gia năng suất chất lượng", "expert"),
    ("manager", "Đào tạo lãnh đạo, cán bộ quản lý về năng suất chất lượng", "manager"),
    ("apo", "Chương trình đào tạo của APO", "apo"),
    ("seminar", "Hội thảo, tập huấn nâng cao nhận thức", "seminar"),
    ("other", "Khóa đào tạo khác", ""),
]


def course_kinds_ensure() -> dict[str, CourseKind]:
    """Create the seeded course kinds that are missing (existing ones are left as staff edited them)."""
    kinds = {}
    for order, (code, name, arg) in enumerate(COURSE_KINDS, start=1):
        kinds[code], _created = CourseKind.objects.get_or_create(
            code=code, defaults={"name": name, "measure_arg": arg, "order": order}
        )
    return kinds


# --- Courses ------------------------------------------------------------------------------------
COURSE_FIELDS = (
    "kind",
    "title",
    "description",
    "organiser",
    "trainers",
    "plan",
    "task",
    "start_date",
    "end_date",
    "place",
    "is_online",
    "capacity",
    "registration_opens",
    "registration_closes",
    "cost",
    "funding_source",
)


def _ensure_staff(actor: User, course: Course) -> None:
    """Staff of the course's agency (or of one that took it over)."""
    ROLES.check(actor, "course_manage")
    ensure_in_scope(actor, course.agency_id)


@transaction.atomic
def course_create(*, actor: User, status: str = CourseStatus.PLANNED, agency: Agency | None = None, **fields) -> Course:
    """Create a course (planned unless told otherwise) for ``agency`` (default: the plan's agency,
    else the actor's own); audited."""
    course = Course(created_by=actor, status=status, **{k: v for k, v in fields.items() if k in COURSE_FIELDS})
    course.agency = agency or (course.plan.agency if course.plan is not None else home_agency(actor))  # type: ignore[assignment]  # None: refused below (no agency in scope)
    _ensure_staff(actor, course)
    course.full_clean()
    course.save()
    audit_record(actor=actor, action="training.course_created", obj=course)
    return course


@transaction.atomic
def course_update(*, course: Course, actor: User, **fields) -> Course:
    """Change a course's details (not its status); the capacity cannot drop below the seats taken."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    _ensure_staff(actor, course)
    for name, value in fields.items():
        if name in COURSE_FIELDS:
            setattr(course, name, value)
    taken = course.enrolments.filter(status__in=SEAT_STATUSES).count()
    if course.capacity is not None and course.capacity < taken:
        raise ValidationError(
            {"capacity": _("%(taken)d seats are already taken: the capacity cannot be lower.") % {"taken": taken}}
        )
    course.full_clean()
    course.save()
    audit_record(actor=actor, action="training.course_updated", obj=course)
    return course


@transaction.atomic
def course_transition(*, course: Course, status: str, actor: User, reason: str = "") -> Course:
    """Move a course along its workflow (open, run, finish, cancel); audited."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    _ensure_staff(actor, course)
    course.check_transition_to(status)
    if status == CourseStatus.CANCELLED and not reason:
        raise ValidationError({"reason": _("Say why the course is cancelled.")})
    course.transition_to(status, actor=actor, action="training.course_status", reason=reason)
    return course


@transaction.atomic
def session_add(
    *,
    course: Course,
    actor: User,
    date: datetime.date,
    start_time: datetime.time | None = None,
    end_time: datetime.time | None = None,
    topic: str = "",
) -> CourseSession:
    """Add a session to a course."""
    _ensure_staff(actor, course)
    session = CourseSession(course=course, date=date, start_time=start_time, end_time=end_time, topic=topic)
    session.full_clean()
    session.save()
    audit_record(actor=actor, action="training.session_added", obj=course, session=str(session))
    return session


# --- Participants ----------------------------------------------------------------------------
@dataclass
class PersonData:
    """What a registration form or an import row says about a person."""

    full_name: str
    email: str = ""
    phone: str = ""
    gender: str = ""
    birth_year: int | None = None
    position: str = ""
    enterprise: Enterprise | None = None
    organisation: str = ""


def participant_find(person: PersonData) -> Participant | None:
    """The existing participant who is the same person (rules in ``Participant``'s docstring)."""
    email, phone, name = normalise_email(person.email), normalise_phone(person.phone), normalise_name(person.full_name)
    if email:
        found = Participant.objects.filter(email_key=email).first()
        if found:
            return found
    no_other_email = Q(email_key="") | Q(email_key=email) if email else Q()
    if phone:
        found = Participant.objects.filter(Q(phone_key=phone) & no_other_email).order_by("pk").first()
        if found:
            return found
    if name and person.birth_year and (person.enterprise is not None or person.organisation.strip()):
        same_place = (
            Q(enterprise=person.enterprise)
            if person.enterprise is not None
            else Q(enterprise__isnull=True, organisation__iexact=person.organisation.strip())
        )
        no_other_phone = Q(phone_key="") | Q(phone_key=phone) if phone else Q()
        return (
            Participant.objects.filter(Q(name_key=name, birth_year=person.birth_year) & same_place)
            .filter(no_other_email & no_other_phone)
            .order_by("pk")
            .first()
        )
    return None


def participant_find_or_create(person: PersonData) -> tuple[Participant, bool]:
    """Find the same person or create them; blanks of a found record are filled from ``person``."""
    found = participant_find(person)
    if found is None:
        participant = Participant(
            full_name=" ".join(person.full_name.split()),
            email=person.email.strip(),
            phone=person.phone.strip(),
            gender=person.gender,
            birth_year=person.birth_year,
            position=person.position.strip(),
            enterprise=person.enterprise,
            organisation=person.organisation.strip(),
        )
        participant.full_clean()
        try:
            with transaction.atomic():
                participant.save()
        except IntegrityError:  # the same e-mail created at the same moment by someone else
            return Participant.objects.get(email_key=normalise_email(person.email)), False
        return participant, True
    changed = []
    for name in ("email", "phone", "gender", "birth_year", "position", "organisation"):
        value = getattr(person, name)
        if value and not getattr(found, name):
            setattr(found, name, value.strip() if isinstance(value, str) else value)
            changed.append(name)
    if person.enterprise is not None and found.enterprise_id is None:
        found.enterprise = person.enterprise
        changed.append("enterprise")
    if changed:
        found.full_clean()
        found.save()
    return found, False


# --- Registration ----------------------------------------------------------------------------
def _seats_taken(course: Course) -> int:
    return course.enrolments.filter(status__in=SEAT_STATUSES).count()


def _notify_enrolment(enrolment: Enrolment, template: str, subject: str, path: str = "") -> None:
    """E-mail the participant (and whoever registered them) with a link to ``path`` (default: the
    course's public page), made absolute on the configured site when sent."""
    recipients = [e for e in (enrolment.participant.email,) if e]
    if enrolment.registered_by is not None and enrolment.registered_by.email:
        recipients.append(enrolment.registered_by.email)
    if not recipients:
        return
    notify_by_email(
        to=recipients,
        subject=subject,
        template=template,
        context={
            "name": enrolment.participant.full_name,
            "course": enrolment.course.title,
            "start": enrolment.course.start_date.strftime("%d/%m/%Y"),
            "place": enrolment.course.place,
            "status": str(EnrolmentStatus(enrolment.status).label),
            "path": path or reverse("training:course_public", args=[enrolment.course_id]),
            "certificate_number": enrolment.certificate_number,
        },
    )


def check_can_register(*, course: Course, actor: User, enterprise: Enterprise | None, today: datetime.date) -> None:
    """Raise unless ``actor`` may register someone for ``course`` on behalf of ``enterprise``."""
    ROLES.check(actor, "enrolment_register")
    if is_training_staff(actor):
        ensure_in_scope(actor, course.agency_id)
        if course.status == CourseStatus.CANCELLED:
            raise ValidationError(_("The course is cancelled."))
        return
    if enterprise is None or not verified_enterprises_for(actor).filter(pk=enterprise.pk).exists():
        raise PermissionDenied
    if not course.registration_is_open_on(today):
        raise ValidationError(_("Registration for this course is not open."))


@transaction.atomic
def enrolment_register(
    *,
    course: Course,
    person: PersonData,
    actor: User,
    enterprise: Enterprise | None = None,
    today: datetime.date | None = None,
    note: str = "",
) -> Enrolment:
    """Register a person for a course, or put them on the waiting list when every seat is taken.

    Locks the course row, so of two registrations for the last seat exactly one gets it.
    A verified representative registers only for their enterprise, inside the window; staff
    register anyone for any course that is not cancelled. Audited; e-mails after commit.
    """
    ROLES.check(actor, "enrolment_register")
    today = today or clock.today()
    course = Course.objects.select_for_update().get(pk=course.pk)
    if enterprise is not None:
        person.enterprise = enterprise
    check_can_register(course=course, actor=actor, enterprise=person.enterprise, today=today)
    participant, _created = participant_find_or_create(person)
    enrolment = Enrolment.objects.filter(course=course, participant=participant).first()
    if enrolment is not None and enrolment.status != EnrolmentStatus.CANCELLED:
        raise ValidationError(_("%(name)s is already registered for this course.") % {"name": person.full_name})
    status = EnrolmentStatus.REGISTERED if _seats_taken(course) < course.capacity else EnrolmentStatus.WAITLISTED
    if enrolment is None:
        enrolment = Enrolment(course=course, participant=participant, status=status)
    else:
        enrolment.check_transition_to(status)
    enrolment.registered_by = actor if getattr(actor, "pk", None) else None
    enrolment.enterprise = person.enterprise or participant.enterprise
    enrolment.registered_at = clock.now()
    enrolment.note = note
    enrolment.full_clean()
    if enrolment.pk is None:
        enrolment.save()
        audit_record(actor=actor, action=f"training.enrolment_{status}", obj=enrolment, course=course.pk)
    else:  # registered again after a cancellation
        enrolment.transition_to(
            status,
            actor=actor,
            action=f"training.enrolment_{status}",
            save_fields=("registered_by", "enterprise", "registered_at", "note"),
            course=course.pk,
        )
    _notify_enrolment(enrolment, "training/email/registered.txt", _("Training registration received"))
    return enrolment


def can_cancel_enrolment(actor: User, enrolment: Enrolment, today: datetime.date | None = None) -> bool:
    """Staff until attendance; the registering enterprise's representative before the course starts."""
    today = today or clock.today()
    if enrolment.status not in (EnrolmentStatus.REGISTERED, EnrolmentStatus.WAITLISTED):
        return False
    if is_training_staff(actor):
        return in_scope(actor, enrolment.course.agency_id)
    return (
        enrolment.enterprise_id is not None
        and today < enrolment.course.start_date
        and verified_enterprises_for(actor).filter(pk=enrolment.enterprise_id).exists()
    )


@transaction.atomic
def enrolment_cancel(
    *, enrolment: Enrolment, actor: User, reason: str = "", today: datetime.date | None = None
) -> Enrolment:
    """Cancel a registration; a freed seat goes to the first person on the waiting list."""
    ROLES.check(actor, "enrolment_register")
    course = Course.objects.select_for_update().get(pk=enrolment.course_id)
    enrolment = Enrolment.objects.select_related("course").get(pk=enrolment.pk)
    if not can_cancel_enrolment(actor, enrolment, today):
        raise ValidationError(_("This registration can no longer be cancelled."))
    held_seat = enrolment.status in SEAT_STATUSES
    enrolment.transition_to(
        EnrolmentStatus.CANCELLED, actor=actor, action="training.enrolment_cancelled", reason=reason
    )
    if held_seat:
        _promote_waitlisted(course, actor)
    return enrolment


def _promote_waitlisted(course: Course, actor: User) -> None:
    """Give free seats to the waiting list, first registered first (the course row is locked)."""
    free = course.capacity - _seats_taken(course)
    if free <= 0:
        return
    waiting = (
        course.enrolments.filter(status=EnrolmentStatus.WAITLISTED)
        .select_related("participant", "registered_by", "course")
        .order_by("registered_at", "pk")[:free]
    )
    for enrolment in waiting:
        enrolment.transition_to(EnrolmentStatus.REGISTERED, actor=actor, action="training.enrolment_promoted")
        _notify_enrolment(enrolment, "training/email/promoted.txt", _("A seat is now yours"))


# --- Attendance -------------------------------------------------------------------------------
def _sync_attendance_status(enrolment_ids, actor) -> None:
    """Attended ⇔ present at one session or more (certified stays certified); each move goes
    through the enrolment workflow and is audited."""
    enrolments = list(
        Enrolment.objects.filter(
            pk__in=enrolment_ids, status__in=(EnrolmentStatus.REGISTERED, EnrolmentStatus.ATTENDED)
        ).annotate(present_at=Count("attendances", filter=Q(attendances__present=True)))
    )
    moved = Enrolment.bulk_transition_to(
        [e for e in enrolments if e.status == EnrolmentStatus.REGISTERED and e.present_at > 0],
        EnrolmentStatus.ATTENDED,
        actor=actor,
        action="training.enrolment_attended",
    )
    moved += Enrolment.bulk_transition_to(
        [e for e in enrolments if e.status == EnrolmentStatus.ATTENDED and e.present_at == 0],
        EnrolmentStatus.REGISTERED,
        actor=actor,
        action="training.enrolment_absent",
    )
    if moved:  # bulk writes send no signals: the yearly facts are told here
        plans = Enrolment.objects.filter(pk__in=enrolment_ids).values_list("course__plan_id", flat=True).distinct()
        counted_records_changed(plan_ids=set(plans))


def _check_attendance_allowed(session: CourseSession, actor: User) -> Course:
    course = Course.objects.select_for_update().get(pk=session.course_id)
    _ensure_staff(actor, course)
    if course.status not in (CourseStatus.RUNNING, CourseStatus.FINISHED, CourseStatus.OPEN):
        raise ValidationError(_("Attendance is recorded only for courses that are open, running or finished."))
    if session.date > clock.today():
        raise ValidationError(
            _("The session of %(date)s has not taken place yet: attendance can be recorded from that day on.")
            % {"date": date_format(session.date, "d/m/Y")},
            code="session_in_future",
        )
    return course


@transaction.atomic
def attendance_set(*, session: CourseSession, enrolment: Enrolment, present: bool, actor: User) -> Attendance:
    """Mark one participant present or absent at one session; the enrolment follows the rule."""
    _check_attendance_allowed(session, actor)
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    if enrolment.course_id != session.course_id or enrolment.status not in SEAT_STATUSES:
        raise ValidationError(_("Only registered participants of this course can be marked."))
    attendance, _created = Attendance.objects.update_or_create(
        enrolment=enrolment, session=session, defaults={"present": present, "marked_by": actor}
    )
    _sync_attendance_status([enrolment.pk], actor)
    audit_record(actor=actor, action="training.attendance_set", obj=enrolment, session=session.pk, present=present)
    return attendance


@transaction.atomic
def attendance_mark_all(*, session: CourseSession, actor: User) -> int:
    """Mark every seat-holding participant present at ``session``; returns how many were marked."""
    course = _check_attendance_allowed(session, actor)
    ids = list(course.enrolments.filter(status__in=SEAT_STATUSES).values_list("pk", flat=True))
    existing = set(
        Attendance.objects.filter(session=session, enrolment_id__in=ids).values_list("enrolment_id", flat=True)
    )
    Attendance.objects.filter(session=session, enrolment_id__in=existing).update(
        present=True, marked_by=actor, marked_at=clock.now()
    )
    Attendance.objects.bulk_create(
        [
            Attendance(session=session, enrolment_id=pk, present=True, marked_by=actor)
            for pk in ids
            if pk not in existing
        ]
    )
    _sync_attendance_status(ids, actor)
    audit_record(actor=actor, action="training.attendance_all", obj=course, session=session.pk, count=len(ids))
    return len(ids)


# --- Certificates ------------------------------------------------------------------------------
def _certify_locked(course: Course, enrolments, actor: User) -> int:
    if course.status not in (CourseStatus.RUNNING, CourseStatus.FINISHED):
        raise ValidationError(_("Certificates are issued only for courses that are running or finished."))
    issued = course.enrolments.exclude(certificate_number="").count()
    now = clock.now()
    for enrolment in enrolments:
        enrolment.check_transition_to(EnrolmentStatus.CERTIFIED)
        issued += 1
        enrolment.certificate_number = f"{course.end_date.year}/{course.pk:04d}-{issued:03d}"
        enrolment.verification_code = new_verification_code()
        enrolment.certified_at = now
        enrolment.transition_to(
            EnrolmentStatus.CERTIFIED,
            actor=actor,
            action="training.enrolment_certified",
            save_fields=("certificate_number", "verification_code", "certified_at"),
            number=enrolment.certificate_number,
        )
        _notify_enrolment(
            enrolment,
            "training/email/certified.txt",
            _("Your training certificate"),
            path=reverse("training:verify_code", args=[enrolment.verification_code]),
        )
    return len(enrolments)


@transaction.atomic
def enrolment_certify(*, enrolment: Enrolment, actor: User) -> Enrolment:
    """Issue the certificate (number and verification code) of one attended enrolment."""
    course = Course.objects.select_for_update().get(pk=enrolment.course_id)
    _ensure_staff(actor, course)
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    _certify_locked(course, [enrolment], actor)
    return enrolment


@transaction.atomic
def course_certify_attended(*, course: Course, actor: User) -> int:
    """Issue certificates to every attended enrolment of the course; returns how many."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    _ensure_staff(actor, course)
    enrolments = list(
        course.enrolments.filter(status=EnrolmentStatus.ATTENDED)
        .select_related("participant", "registered_by")
        .order_by("registered_at", "pk")
    )
    return _certify_locked(course, enrolments, actor)
