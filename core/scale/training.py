"""Courses of one generated agency (two sessions each, finished), their participants (people of
the agency's own enterprises, or of other organisations) and enrolments across statuses, with the
attendance that makes an enrolment count: present at both sessions for the attended and
certified, absent for the no-shows."""

import datetime
import random

from training.models import (
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
)

from .applications import TZ
from .bulk import BulkWriter
from .setup import EMAIL_DOMAIN, PLAN_END, PLAN_START, Frame

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi"]
GIVEN = ["Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thu Hà", "Đức Huy", "Ngọc Lan", "Thanh Sơn", "Kim Yến"]
STATUSES = [
    EnrolmentStatus.CERTIFIED,
    EnrolmentStatus.ATTENDED,
    EnrolmentStatus.REGISTERED,
    EnrolmentStatus.CANCELLED,
    EnrolmentStatus.WAITLISTED,
]
STATUS_WEIGHTS = [40, 45, 5, 5, 5]
CHUNK_COURSES = 200


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=TZ)


def write_participants(writer: BulkWriter, frame: Frame, count: int, enterprise_ids, rng: random.Random) -> list[int]:
    first = writer.reserve(Participant, count)
    ids = list(range(first, first + count))

    def rows():
        for pk in ids:
            name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"
            email = f"hv{pk}.{frame.number:02d}@{EMAIL_DOMAIN}"
            own = rng.random() < 0.7
            yield {
                "id": pk,
                "full_name": name,
                "gender": rng.choice(("female", "male")),
                "birth_year": rng.randrange(1965, 2002),
                "enterprise_id": rng.choice(enterprise_ids) if own else None,
                "organisation": "" if own else "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng",
                "email": email,
                "email_key": normalise_email(email),
                "name_key": normalise_name(name),
                "created_at": writer.moment,
            }

    participant_enterprise = {}

    def remember(rows):
        for row in rows:
            participant_enterprise[row["id"]] = row["enterprise_id"]
            yield row

    writer.write(Participant, remember(rows()))
    frame.participant_enterprise = participant_enterprise
    return ids


def write_courses(
    writer: BulkWriter, frame: Frame, courses: int, enrolments: int, participant_ids: list[int], rng: random.Random
) -> None:
    kinds = list(CourseKind.objects.order_by("order").values_list("pk", flat=True))
    per_course, extra = divmod(enrolments, courses)
    if per_course + 1 > len(participant_ids):
        raise ValueError("more enrolments per course than participants")
    for start in range(0, courses, CHUNK_COURSES):
        size = min(CHUNK_COURSES, courses - start)
        first = writer.reserve(Course, size)
        course_rows: list = []
        sessions: list = []
        counts: list = []
        for offset, pk in enumerate(range(first, first + size)):
            year = rng.randrange(PLAN_START, PLAN_END + 1)
            day = datetime.date(year, 1, 10) + datetime.timedelta(days=rng.randrange(0, 320))
            n = per_course + (1 if start + offset < extra else 0)
            counts.append((pk, day, n))
            course_rows.append(
                {
                    "id": pk,
                    "kind_id": rng.choice(kinds),
                    "title": f"Khóa đào tạo năng suất chất lượng số {pk}",
                    "organiser": frame.agency.name,
                    "agency_id": frame.agency.pk,
                    "plan_id": frame.plan.pk,
                    "task_id": frame.training_task_id,
                    "start_date": day,
                    "end_date": day + datetime.timedelta(days=1),
                    "place": frame.agency.place_name,
                    "capacity": n + 10,
                    "registration_opens": day - datetime.timedelta(days=30),
                    "registration_closes": day - datetime.timedelta(days=2),
                    "cost": rng.randrange(20, 200) * 1_000_000,
                    "status": CourseStatus.FINISHED,
                    "created_at": _at(day - datetime.timedelta(days=40), 8),
                }
            )
        session_first = writer.reserve(CourseSession, 2 * size)
        session_ids = {}
        for index, (pk, day, _n) in enumerate(counts):
            session_ids[pk] = (session_first + 2 * index, session_first + 2 * index + 1)
            sessions.extend(
                {
                    "id": session_ids[pk][k],
                    "course_id": pk,
                    "date": day + datetime.timedelta(days=k),
                    "start_time": datetime.time(8),
                    "end_time": datetime.time(17),
                    "topic": f"Buổi {k + 1}",
                }
                for k in range(2)
            )
        writer.write(Course, course_rows)
        writer.write(CourseSession, sessions)
        _write_enrolments(writer, frame, counts, session_ids, participant_ids, rng)


def _write_enrolments(writer, frame: Frame, counts, session_ids, participant_ids, rng: random.Random) -> None:
    total = sum(n for _pk, _day, n in counts)
    first = writer.reserve(Enrolment, total)
    enrolments: list = []
    attendance: list = []
    pk = first
    for course, day, n in counts:
        end = day + datetime.timedelta(days=1)
        for participant in rng.sample(participant_ids, n):
            status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
            counted = status in (EnrolmentStatus.ATTENDED, EnrolmentStatus.CERTIFIED)
            certified = status == EnrolmentStatus.CERTIFIED
            enrolments.append(
                {
                    "id": pk,
                    "course_id": course,
                    "participant_id": participant,
                    "enterprise_id": frame.participant_enterprise[participant],
                    "status": status,
                    "registered_at": _at(day - datetime.timedelta(days=rng.randrange(3, 28)), 10),
                    "attended_at": _at(end, 17) if counted else None,
                    "certified_at": _at(end + datetime.timedelta(days=7), 9) if certified else None,
                    "certificate_number": f"{frame.prefix}-CC-{pk}" if certified else "",
                    "verification_code": f"V{frame.number:02d}{pk:010d}" if certified else "",
                }
            )
            if counted or status == EnrolmentStatus.REGISTERED:
                attendance.extend(
                    {
                        "enrolment_id": pk,
                        "session_id": session,
                        "present": counted,
                        "marked_by_id": frame.staff_ids[0],
                        "marked_at": _at(end, 17),
                    }
                    for session in session_ids[course]
                )
            pk += 1
    writer.write(Enrolment, enrolments)
    writer.write(Attendance, attendance)
