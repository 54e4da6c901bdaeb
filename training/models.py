"""Courses, participants, enrolments, attendance and certificates.

One attended (or certified) enrolment in a course of the plan that was not cancelled is one
person-time ("lượt"): the KPI engine counts them by the course kind's measure argument and the
data year (date range) in which the course ended (``training.measures``).
"""

import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import bounds, clock
from core.workflow import Workflow


def normalise_email(value: str) -> str:
    return (value or "").strip().lower()


def normalise_phone(value: str) -> str:
    """Digits only, with the +84 / 84 country prefix written as the domestic 0."""
    digits = "".join(ch for ch in (value or "") if ch.isdigit())
    if digits.startswith("84") and len(digits) >= 11:
        digits = "0" + digits[2:]
    return digits


def normalise_name(value: str) -> str:
    """NFC, case-folded, single spaces. Diacritics are kept: "Lê" and "Lệ" are different names."""
    return " ".join(unicodedata.normalize("NFC", value or "").casefold().split())


class CourseKind(models.Model):
    """A kind of course (reference data kept by staff), mapped to the indicator it feeds.

    The measure ``training.person_times`` counts the enrolments of every kind whose
    ``measure_arg`` equals the indicator's ``measure_arg``; an empty argument feeds no indicator.
    """

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    measure_arg = models.CharField(
        _("indicator measure argument"),
        max_length=100,
        blank=True,
        help_text=_("Courses of this kind count for the indicators whose measure argument is this value."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("course kind")
        verbose_name_plural = _("course kinds")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


class CourseStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open for registration")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    CANCELLED = "cancelled", _("Cancelled")


COURSE_TRANSITIONS = {
    CourseStatus.PLANNED: {CourseStatus.OPEN, CourseStatus.RUNNING, CourseStatus.CANCELLED},
    CourseStatus.OPEN: {CourseStatus.PLANNED, CourseStatus.RUNNING, CourseStatus.CANCELLED},
    CourseStatus.RUNNING: {CourseStatus.FINISHED, CourseStatus.CANCELLED},
    CourseStatus.FINISHED: set(),
    CourseStatus.CANCELLED: set(),
}


class Course(Workflow, models.Model):
    """A training course, seminar or programme with its sessions, seats and registration window."""

    TRANSITIONS = COURSE_TRANSITIONS
    STATUSES = CourseStatus
    audit_prefix = "training.course"

    kind = models.ForeignKey(CourseKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="courses")
    title = models.CharField(_("course title"), max_length=300, validators=bounds.NAME)
    description = models.TextField(_("description"), blank=True)
    organiser = models.CharField(_("organiser"), max_length=255)
    trainers = models.CharField(_("trainers"), max_length=500, blank=True)
    # The agency that runs the course (its staff keep it); a course under a plan belongs to the plan's agency.
    agency = models.ForeignKey(
        "programs.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="courses"
    )
    plan = models.ForeignKey(
        "programs.Plan", verbose_name=_("plan"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    task = models.ForeignKey(
        "programs.Task", verbose_name=_("plan task"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    start_date = models.DateField(_("start date"), validators=bounds.DATE)
    end_date = models.DateField(_("end date"), validators=bounds.DATE)
    place = models.CharField(_("place"), max_length=255, blank=True)
    is_online = models.BooleanField(_("online"), default=False)
    capacity = models.PositiveIntegerField(_("capacity (seats)"))
    registration_opens = models.DateField(_("registration opens"), null=True, blank=True, validators=bounds.DATE)
    registration_closes = models.DateField(_("registration closes"), null=True, blank=True, validators=bounds.DATE)
    cost = models.PositiveBigIntegerField(_("cost (VND)"), default=0, validators=bounds.MONEY)
    funding_source = models.ForeignKey(
        "programs.FundingSource",
        verbose_name=_("funding source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=10, choices=CourseStatus.choices, default=CourseStatus.PLANNED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["-start_date", "title"]
        indexes = [models.Index(fields=["status", "start_date"]), models.Index(fields=["end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="course_end_after_start"
            ),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="course_capacity_positive"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The course cannot end before it starts.")
        if self.registration_opens and self.registration_closes and self.registration_closes < self.registration_opens:
            errors["registration_closes"] = _("Registration cannot close before it opens.")
        if not self.is_online and not self.place:
            errors["place"] = _("Give the place, or mark the course as online.")
        if self.task_id and self.plan_id and self.task.group.plan_id != self.plan_id:
            errors["task"] = _("The task belongs to another plan.")
        if self.plan_id and self.agency_id and self.plan.agency_id != self.agency_id:
            errors["plan"] = _("The plan belongs to another agency.")
        if errors:
            raise ValidationError(errors)

    @property
    def seats_left(self) -> int:
        """Free seats; needs the ``seats_taken`` annotation of the selectors."""
        return max(0, self.capacity - self.seats_taken)

    def registration_is_open_on(self, day) -> bool:
        """Open status and ``day`` inside the window (an unset bound does not limit)."""
        return (
            self.status == CourseStatus.OPEN
            and (self.registration_opens is None or self.registration_opens <= day)
            and (self.registration_closes is None or day <= self.registration_closes)
            and day <= self.end_date
        )


class CourseSession(models.Model):
    """One session (a half-day, a day) of a course; attendance is recorded per session."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"), validators=bounds.DATE)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    topic = models.CharField(_("topic"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("course session")
        verbose_name_plural = _("course sessions")
        ordering = ["course", "date", "start_time"]
        constraints = [
            models.UniqueConstraint(fields=["course", "date", "start_time"], name="session_unique"),
        ]

    def __str__(self):
        if self.start_time:
            return f"{self.date:%d/%m/%Y} {self.start_time:%H:%M}"
        return f"{self.date:%d/%m/%Y}"

    def clean(self):
        if self.course_id and self.date and not (self.course.start_date <= self.date <= self.course.end_date):
            raise ValidationError({"date": _("The session must fall between the course's start and end dates.")})
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The session must end after it starts.")})


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")


class Participant(models.Model):
    """A person who takes part in courses, kept once however many courses they attend.

    Deduplication (``training.services.participant_find_or_create``), first rule that applies:
    1. the same normalised e-mail (trimmed, lower case) is the same person;
    2. otherwise the same normalised phone (digits, +84 → 0), when neither record has a
       different e-mail;
    3. otherwise the same name (case-insensitive, spaces collapsed, diacritics kept), birth year
       and enterprise (or organisation name), when neither e-mail nor phone contradicts.
    """

    full_name = models.CharField(_("full name"), max_length=200, validators=bounds.NAME)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True, validators=bounds.YEAR)
    position = models.CharField(_("position"), max_length=200, blank=True)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_participants",
    )
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    email_key = models.CharField(max_length=254, blank=True, editable=False, db_index=True)
    phone_key = models.CharField(max_length=30, blank=True, editable=False, db_index=True)
    name_key = models.CharField(max_length=200, blank=True, editable=False, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["full_name", "pk"]
        indexes = [models.Index(fields=["full_name", "id"], name="participant_name_order")]
        constraints = [
            models.UniqueConstraint(
                fields=["email_key"], condition=~models.Q(email_key=""), name="participant_email_unique"
            ),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.refresh_keys()
        super().save(*args, **kwargs)

    def refresh_keys(self) -> None:
        """The normalised keys that deduplication matches on (bulk_create callers call this)."""
        self.email_key = normalise_email(self.email)
        self.phone_key = normalise_phone(self.phone)
        self.name_key = normalise_name(self.full_name)

    @property
    def organisation_name(self) -> str:
        return self.enterprise.name if self.enterprise_id else self.organisation


class EnrolmentStatus(models.TextChoices):
    WAITLISTED = "waitlisted", _("On the waiting list")
    REGISTERED = "registered", _("Registered")
    ATTENDED = "attended", _("Attended")
    CERTIFIED = "certified", _("Certified")
    CANCELLED = "cancelled", _("Cancelled")


ENROLMENT_TRANSITIONS = {
    EnrolmentStatus.WAITLISTED: {EnrolmentStatus.REGISTERED, EnrolmentStatus.CANCELLED},
    EnrolmentStatus.REGISTERED: {EnrolmentStatus.ATTENDED, EnrolmentStatus.CANCELLED},
    # Attendance corrected to "absent at every session" takes the enrolment back.
    EnrolmentStatus.ATTENDED: {EnrolmentStatus.CERTIFIED, EnrolmentStatus.REGISTERED},
    EnrolmentStatus.CERTIFIED: set(),
    # A cancelled enrolment may be registered again (the same row: one person, one course).
    EnrolmentStatus.CANCELLED: {EnrolmentStatus.REGISTERED, EnrolmentStatus.WAITLISTED},
}

# Statuses that hold a seat, and those that count as a person-time.
SEAT_STATUSES = (EnrolmentStatus.REGISTERED, EnrolmentStatus.ATTENDED, EnrolmentStatus.CERTIFIED)
COUNTED_STATUSES = (EnrolmentStatus.ATTENDED, EnrolmentStatus.CERTIFIED)


class ParticipantAgency(models.Model):
    """That a person was enrolled in a course of the agency: the participant list's scope (the
    person registry is shared), one row per person and agency, written with the enrolment
    (``training.signals``) or, after rows written in bulk, by ``link_participants_to_agencies``."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="agency_links")
    agency = models.ForeignKey("programs.Agency", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("participant of an agency")
        verbose_name_plural = _("participants of an agency")
        constraints = [models.UniqueConstraint(fields=["agency", "participant"], name="participant_agency_unique")]

    def __str__(self):
        return f"{self.participant_id} @ {self.agency_id}"


LINK_MISSING_SQL = """
    INSERT INTO training_participantagency (participant_id, agency_id)
    SELECT DISTINCT e.participant_id, c.agency_id
    FROM training_enrolment e JOIN training_course c ON c.id = e.course_id
    WHERE c.agency_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM training_participantagency l
        WHERE l.participant_id = e.participant_id AND l.agency_id = c.agency_id
    )
"""


LINK_ONE_SQL = """
    INSERT INTO training_participantagency (participant_id, agency_id)
    SELECT %s, agency_id FROM training_course WHERE id = %s AND agency_id IS NOT NULL
    ON CONFLICT DO NOTHING
"""


def link_participant_to_agency(*, participant_id: int, course_id: int) -> None:
    """The (person, agency) row of one enrolment, if missing (one query)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(LINK_ONE_SQL, [participant_id, course_id])


def link_participants_to_agencies() -> None:
    """Add the missing (person, agency) rows after enrolments written without signals (bulk)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(LINK_MISSING_SQL)


class Enrolment(Workflow, models.Model):
    """A participant in a course: registered → attended → certified (or waitlisted, cancelled)."""

    TRANSITIONS = ENROLMENT_TRANSITIONS
    STATUSES = EnrolmentStatus
    audit_prefix = "training.enrolment"

    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="enrolments")
    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="enrolments"
    )
    # The enterprise on whose behalf the person was registered (kept if they change jobs).
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_enrolments",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=12, choices=EnrolmentStatus.choices)
    registered_at = models.DateTimeField(_("registered at"))
    certificate_number = models.CharField(_("certificate number"), max_length=40, blank=True)
    verification_code = models.CharField(_("verification code"), max_length=20, blank=True)
    certified_at = models.DateTimeField(_("certified at"), null=True, blank=True)
    # When the attendance that makes this enrolment a person-time was recorded: a report built
    # before that moment does not count it, so rebuilding the report later gives the same figure.
    attended_at = models.DateTimeField(_("attendance recorded at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["course", "registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["course", "participant"], name="enrolment_once_per_course"),
            models.UniqueConstraint(
                fields=["certificate_number"],
                condition=~models.Q(certificate_number=""),
                name="certificate_number_unique",
            ),
            models.UniqueConstraint(
                fields=["verification_code"], condition=~models.Q(verification_code=""), name="verification_code_unique"
            ),
        ]
        indexes = [models.Index(fields=["course", "status"])]

    def __str__(self):
        return f"{self.participant} – {self.course}"

    def on_transition(self, previous: str, status: str) -> None:
        """Attendance recorded: when; corrected to absent everywhere: no longer."""
        if status == EnrolmentStatus.ATTENDED:
            self.attended_at = clock.now()
        elif previous == EnrolmentStatus.ATTENDED:
            self.attended_at = None

    def transition_fields(self) -> tuple[str, ...]:
        return ("attended_at",)

    @property
    def is_counted(self) -> bool:
        return self.status in COUNTED_STATUSES


class Attendance(models.Model):
    """Whether an enrolled participant was present at one session."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendances")
    session = models.ForeignKey(CourseSession, on_delete=models.CASCADE, related_name="attendances")
    present = models.BooleanField(_("present"), default=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(_("marked at"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["enrolment", "session"], name="attendance_unique")]

    def __str__(self):
        return f"{self.enrolment} @ {self.session}"
