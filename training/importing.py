"""The participant list / attendance spreadsheet of one course, on ``core.importing``.

One row is one person. Rows are matched to the course's enrolments with the deduplication rules
of ``Participant`` (e-mail, else phone, else name + birth year + enterprise or organisation):
a new person is registered (a seat, or the waiting list when the course is full); a known one is
left alone unless the "attended" column changes their attendance. "Attended" yes marks the person
present at every session of the course, "no" absent at every session; empty leaves attendance as
it is. Importing the same file twice changes nothing.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import clock
from core.importing import Action, Column, RowResult, SpreadsheetImporter, cell_int, cell_text
from core.text import fold
from enterprises.models import Enterprise

from . import services
from .models import (
    SEAT_STATUSES,
    Course,
    CourseStatus,
    EnrolmentStatus,
    Gender,
    normalise_email,
    normalise_name,
    normalise_phone,
)
from .permissions import is_training_staff

YES = {"x", "1", "co", "yes", "y", "true", "dat", "tham du", "co mat"}
NO = {"0", "khong", "no", "n", "false", "vang", "vang mat"}
GENDERS = {
    "nam": Gender.MALE,
    "male": Gender.MALE,
    "m": Gender.MALE,
    "nu": Gender.FEMALE,
    "female": Gender.FEMALE,
    "f": Gender.FEMALE,
    "khac": Gender.OTHER,
    "other": Gender.OTHER,
}
ATTENDANCE_STATUSES = (CourseStatus.OPEN, CourseStatus.RUNNING, CourseStatus.FINISHED)


class ParticipantImporter(SpreadsheetImporter):
    """Participants of ``course`` (and whether they attended), one row per person."""

    sheet_title = "hoc-vien"
    columns = (
        Column("full_name", gettext_lazy("Full name")),
        Column("email", gettext_lazy("E-mail"), required=False),
        Column("phone", gettext_lazy("Phone"), required=False),
        Column("gender", gettext_lazy("Gender"), required=False),
        Column("birth_year", gettext_lazy("Birth year"), required=False),
        Column("position", gettext_lazy("Position"), required=False),
        Column("tax_code", gettext_lazy("Enterprise tax code"), required=False),
        Column("organisation", gettext_lazy("Organisation (if not an enterprise)"), required=False),
        Column("attended", gettext_lazy("Attended"), required=False),
    )
    example = {
        "full_name": "Nguyễn Thị Thu Hà",
        "email": "ha.nguyen@example.vn",
        "phone": "0905123456",
        "gender": "Nữ",
        "birth_year": 1986,
        "position": "Trưởng phòng Quản lý chất lượng",
        "tax_code": "0100233488",
        "organisation": "",
        "attended": "x",
    }

    def __init__(self, *, course: Course):
        super().__init__()
        self.course = course

    def prepare(self) -> None:
        """Load the course's enrolments (one query) and count its free seats."""
        self.course = Course.objects.get(pk=self.course.pk)
        self.has_sessions = self.course.sessions.exists()
        self.enrolments = list(self.course.enrolments.select_related("participant"))
        self.free = self.course.capacity - sum(1 for e in self.enrolments if e.status in SEAT_STATUSES)
        self.enterprises: dict[str, Enterprise | None] = {}
        self.max_birth_year = clock.today().year - 15
        self._matched: dict[str, object] = {}
        self._enrolment_keys: dict[int, str] = {}
        self._new_people: list[tuple] = []

    # -- matching ---------------------------------------------------------------------------------------
    def _enterprise(self, tax_code: str) -> Enterprise | None:
        if tax_code not in self.enterprises:
            self.enterprises[tax_code] = Enterprise.objects.filter(tax_code=tax_code).first()
        return self.enterprises[tax_code]

    def _match(self, data: dict):
        """The course's enrolment of the same person, by the rules of ``participant_find``."""
        person = _identity(data)
        stored = [
            (
                e,
                (
                    p.email_key,
                    p.phone_key,
                    p.name_key,
                    p.birth_year,
                    p.enterprise_id if p.enterprise_id else _org(p.organisation),
                ),
            )
            for e, p in ((e, e.participant) for e in self.enrolments)
        ]
        for rule in (0, 1, 2):  # e-mail first, then phone, then name + birth year + place
            found = next((e for e, other in stored if _same_person(person, other, rule)), None)
            if found:
                return found
        return None

    # -- the framework's hooks ----------------------------------------------------------------------------
    def parse_row(self, row):
        errors = []
        full_name = cell_text(row["full_name"])
        if not full_name:
            errors.append(_("The full name is missing."))
        email = cell_text(row.get("email"))
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(_("The e-mail address %(email)s is not valid.") % {"email": email})
        phone = cell_text(row.get("phone"))
        gender_text = fold(cell_text(row.get("gender")))
        gender = GENDERS.get(gender_text, "") if gender_text else ""
        if gender_text and not gender:
            errors.append(_("The gender must be Nam, Nữ or Khác."))
        try:
            birth_year = cell_int(row.get("birth_year"), _("Birth year"), minimum=1930)
        except ValidationError as error:
            errors += error.messages
            birth_year = None
        if birth_year and birth_year > self.max_birth_year:
            errors.append(_("The birth year %(year)s is not plausible.") % {"year": birth_year})
        tax_code = cell_text(row.get("tax_code"))
        enterprise = self._enterprise(tax_code) if tax_code else None
        if tax_code and enterprise is None:
            errors.append(_("No enterprise has the tax code %(code)s.") % {"code": tax_code})
        organisation = cell_text(row.get("organisation"))
        attended_text = fold(cell_text(row.get("attended")))
        attended = True if attended_text in YES else False if attended_text in NO else None
        if attended_text and attended is None:
            errors.append(_("Attended must be x (yes), 0 (no) or empty."))
        if not email and not phone and not (birth_year and (tax_code or organisation)):
            errors.append(
                _(
                    "Give an e-mail, a phone, or the birth year with the enterprise or organisation, so that the person can be recognised."
                )
            )
        if attended is not None and self.course.status not in ATTENDANCE_STATUSES:
            errors.append(_("Attendance can be imported only for a course that is open, running or finished."))
        if attended is not None and not self.has_sessions:
            errors.append(_("The course has no session yet: add its sessions before importing attendance."))
        if errors:
            raise ValidationError(errors)
        data = {
            "full_name": full_name,
            "email": email,
            "phone": phone,
            "gender": gender,
            "birth_year": birth_year,
            "position": cell_text(row.get("position")),
            "enterprise": enterprise,
            "organisation": "" if enterprise else organisation,
            "attended": attended,
        }
        existing = self._match(data)
        needs_seat = existing is None or existing.status in (EnrolmentStatus.CANCELLED, EnrolmentStatus.WAITLISTED)
        if needs_seat:
            if attended and self.free <= 0:
                raise ValidationError(
                    _(
                        "The course is full (%(capacity)s seats): raise its capacity before importing the attendance "
                        "of more people."
                    )
                    % {"capacity": self.course.capacity}
                )
            if existing is not None and existing.status == EnrolmentStatus.WAITLISTED and attended:
                raise ValidationError(
                    _("This person is on the waiting list: cancel a seat or raise the capacity first.")
                )
            if existing is None or existing.status == EnrolmentStatus.CANCELLED:
                self.free -= 1
        return self._key(data, existing), data

    def _key(self, data, existing) -> str:
        """A readable key per person (it names the person in duplicate-row messages).

        Rows that are the same person (the same course enrolment, or by the deduplication rules
        among the file's new people) get the same key, so the framework reports the duplicate.
        """
        person = _identity(data)
        email, phone, name, year, _place = person
        readable = email or phone or f"{name} ({year})"
        if existing is not None:
            key = self._enrolment_keys.setdefault(existing.pk, readable)
            self._matched[key] = existing
            return key
        for other_key, other in self._new_people:
            if any(_same_person(person, other, rule) for rule in (0, 1, 2)):
                return other_key
        self._new_people.append((readable, person))
        return readable

    def existing(self, keys):
        return {key: self._matched[key] for key in keys if key in self._matched}

    def compare(self, data, existing):
        if existing is None or existing.status == EnrolmentStatus.CANCELLED:
            return Action.CREATE if existing is None else Action.UPDATE
        attended = data["attended"]
        if existing.status == EnrolmentStatus.CERTIFIED:
            return Action.UNCHANGED  # a certificate is never undone by a spreadsheet
        if attended is True and existing.status == EnrolmentStatus.REGISTERED:
            return Action.UPDATE
        if attended is False and existing.status == EnrolmentStatus.ATTENDED:
            return Action.UPDATE
        if attended is not None and existing.status in SEAT_STATUSES and self._attendance_differs(existing, attended):
            return Action.UPDATE
        return Action.UNCHANGED

    def _attendance_differs(self, enrolment, attended: bool) -> bool:
        if not hasattr(self, "_marks"):
            from .models import Attendance

            self._session_ids = list(self.course.sessions.values_list("pk", flat=True))
            self._marks = {}
            for enrolment_id, session_id, present in Attendance.objects.filter(session__course=self.course).values_list(
                "enrolment_id", "session_id", "present"
            ):
                self._marks[(enrolment_id, session_id)] = present
        return any(self._marks.get((enrolment.pk, s)) is not attended for s in self._session_ids)

    def apply(self, rows: list[RowResult], actor) -> None:
        sessions = list(self.course.sessions.all())
        for row in rows:
            data = row.data
            enrolment = row.existing
            if enrolment is None or enrolment.status == EnrolmentStatus.CANCELLED:
                person = services.PersonData(**{k: v for k, v in data.items() if k != "attended"})
                enrolment = services.enrolment_register(
                    course=self.course, person=person, actor=actor, note=_("Imported from a spreadsheet")
                )
            if data["attended"] is not None and enrolment.status in SEAT_STATUSES:
                for session in sessions:
                    services.attendance_set(session=session, enrolment=enrolment, present=data["attended"], actor=actor)


def participants_import(*, course: Course, source, actor, progress=None):
    """Commit a participant / attendance spreadsheet to ``course`` (one transaction); audited."""
    from core.audit import audit_record
    from programs.agencies import ensure_in_scope

    if not is_training_staff(actor):
        raise PermissionDenied
    ensure_in_scope(actor, course.agency_id)
    importer = ParticipantImporter(course=course)
    importer.progress = progress
    report = importer.commit(source, actor=actor)
    if report.committed:
        audit_record(actor=actor, action="training.participants_imported", obj=course, **report.counts)
    return report


def _identity(data: dict) -> tuple:
    """(e-mail key, phone key, name key, birth year, enterprise id or organisation key)."""
    place = data["enterprise"].pk if data["enterprise"] else _org(data["organisation"])
    return (
        normalise_email(data["email"]),
        normalise_phone(data["phone"]),
        normalise_name(data["full_name"]),
        data["birth_year"],
        place,
    )


def _same_person(person: tuple, other: tuple, rule: int) -> bool:
    """Rule 0, 1 or 2 of ``Participant``'s deduplication, ``person`` being the incoming record."""
    email, phone, name, year, place = person
    o_email, o_phone, o_name, o_year, o_place = other
    no_other_email = not email or o_email in ("", email)
    if rule == 0:
        return bool(email) and email == o_email
    if rule == 1:
        return bool(phone) and phone == o_phone and no_other_email
    return (
        bool(name and year and place)
        and (name, year, place) == (o_name, o_year, o_place)
        and no_other_email
        and (not phone or o_phone in ("", phone))
    )


def _org(name: str) -> str:
    """An organisation name compared as ``participant_find`` does (case-insensitive)."""
    return " ".join((name or "").casefold().split())


def register_participant_importer() -> None:
    """The participant list runs as a background job (``core.importing``): options carry the course."""
    from core.importing import register_importer

    def course_of(options) -> Course:
        return Course.objects.select_related("kind").get(pk=options["course"])

    register_importer(
        "training.participants",
        build=lambda options: ParticipantImporter(course=course_of(options)),
        commit=lambda *, source, actor, options, progress: participants_import(
            course=course_of(options), source=source, actor=actor, progress=progress
        ),
    )
