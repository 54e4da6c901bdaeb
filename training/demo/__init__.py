"""Demo training data (seed_demo: order 50 for Quảng Nam 2021-2025, order 90 for this year's). Idempotent.

Courses of every kind from 2021 to 2025 with participants from the demo enterprises, so that
target a) (15-20 expert person-times: 17 here) and b) (~900 manager person-times: 935 here)
show realistic progress; a cancelled course and a few absentees that do not count; and two
open courses a few weeks after the seeding date so that the public calendar is not empty.
The courses, names, places and organisers are data (``courses.csv``, ``next_courses.csv``,
``upcoming_courses.csv``, ``people.yaml``, ``organisers.yaml``); the order of the random draws is
the code's, so that the same rows come out.
"""

import datetime
import random

from django.utils import timezone

from core import clock
from core.demo import load

from ..certificates import new_verification_code
from ..models import (
    Attendance,
    Course,
    CourseSession,
    CourseStatus,
    Enrolment,
    EnrolmentStatus,
    Gender,
    Participant,
    link_participants_to_agencies,
)
from ..services import course_kinds_ensure

_ORGANISERS = load("training", "organisers.yaml")
ORGANISER, PLACES = _ORGANISERS["organiser"], _ORGANISERS["places"]
NEXT_ORGANISER, NEXT_PLACES = _ORGANISERS["next_organiser"], _ORGANISERS["next_places"]


def _yes(value: str) -> bool:
    return {"yes": True, "no": False}[value]


def _courses() -> list[tuple]:
    """``courses.csv`` as (kind, year, month, title, registered, attended, certified?, status). The
    attended people are the person-times; the rest of the registered were absent."""
    return [
        (
            row["kind"],
            int(row["year"]),
            int(row["month"]),
            row["title"],
            int(row["registered"]),
            int(row["attended"]),
            _yes(row["certified"]),
            CourseStatus(row["status"]),
        )
        for row in load("training", "courses.csv")
    ]


def _enterprises():
    """Demo enterprises, those with a verified representative first (so their pages show training)."""
    from enterprises.demo import quang_nam_enterprises
    from enterprises.models import Representative, RepresentativeStatus

    represented = list(
        quang_nam_enterprises()
        .filter(pk__in=Representative.objects.filter(status=RepresentativeStatus.VERIFIED).values("enterprise_id"))
        .order_by("pk")
    )
    others = quang_nam_enterprises().exclude(pk__in=[e.pk for e in represented]).order_by("pk")[:200]
    return represented + list(others)


def _person_pool(size: int, enterprises: list, rng: random.Random) -> list[Participant]:
    """``size`` demo people (e-mails under @hocvien.demo.vn), created once and reused across courses."""
    names = load("training", "people.yaml")
    existing = {p.email_key: p for p in Participant.objects.filter(email_key__endswith="@hocvien.demo.vn")}
    new = []
    people = []
    for n in range(1, size + 1):
        email = f"hv{n:04d}@hocvien.demo.vn"
        if email in existing:
            people.append(existing[email])
            continue
        gender = rng.choice([Gender.MALE, Gender.FEMALE])
        surname, middle = rng.choice(names["surnames"]), rng.choice(names["middle_names"][gender])
        name = f"{surname} {middle} {rng.choice(names['given_names'][gender])}"
        enterprise = enterprises[(n - 1) % len(enterprises)] if enterprises and n % 6 else None
        person = Participant(
            full_name=name,
            gender=gender,
            birth_year=rng.randint(1968, 1998),
            position=rng.choice(names["positions_manager"] if n % 3 else names["positions_staff"]),
            enterprise=enterprise,
            organisation="" if enterprise else rng.choice(names["organisations"]),
            phone=f"09{rng.randint(10000000, 99999999)}",
            email=email,
        )
        person.refresh_keys()
        new.append(person)
        people.append(person)
    Participant.objects.bulk_create(new)
    return people


def _task_for_training(plan):
    from programs.models import Task

    return Task.objects.filter(group__plan=plan, group__number=3).order_by("code").first()


def _seed_course(
    spec, *, kinds, plan, task, sources, people, rng, staff, start=None, organiser=ORGANISER, places=PLACES
) -> None:
    code, year, month, title, registered, attended, certified, status = spec
    if Course.objects.filter(title=title, kind=kinds[code]).exists():
        return
    start = start or datetime.date(year, month, rng.randint(5, 20))
    days = {"expert": 9, "manager": 2, "apo": 4, "seminar": 0, "other": 1}[code]
    end = start + datetime.timedelta(days=days)
    course = Course.objects.create(
        kind=kinds[code],
        title=title,
        organiser=organiser,
        trainers="Chuyên gia Viện Năng suất Việt Nam" if code != "apo" else "Tổ chức Năng suất châu Á (APO)",
        agency=plan.agency,
        plan=plan,
        task=task,
        start_date=start,
        end_date=end,
        place="" if code == "apo" else rng.choice(places),
        is_online=code == "apo",
        capacity=max(registered, 5) + (0 if code == "expert" else 10),
        registration_opens=start - datetime.timedelta(days=30),
        registration_closes=start - datetime.timedelta(days=3),
        cost={"expert": 120_000_000, "manager": 45_000_000, "apo": 0, "seminar": 25_000_000, "other": 15_000_000}[code],
        funding_source=sources["st-nonbusiness" if code != "other" else "resolution-02"],
        status=status,
        created_by=staff,
    )
    sessions = CourseSession.objects.bulk_create(
        [
            CourseSession(
                course=course,
                date=min(start + datetime.timedelta(days=i), end),
                start_time=datetime.time(8, 0),
                end_time=datetime.time(11, 30),
                topic=f"Buổi {i + 1}",
            )
            for i in range(min(days + 1, 3))
        ]
    )
    chosen = rng.sample(people, registered)
    at = timezone.make_aware(datetime.datetime.combine(start - datetime.timedelta(days=10), datetime.time(9, 0)))
    enrolments = []
    for i, person in enumerate(chosen):
        came = i < attended
        enrolment_status = EnrolmentStatus.REGISTERED
        if came:
            enrolment_status = EnrolmentStatus.CERTIFIED if certified else EnrolmentStatus.ATTENDED
        enrolment = Enrolment(
            course=course,
            participant=person,
            enterprise=person.enterprise,
            registered_by=staff,
            status=enrolment_status,
            registered_at=at,
        )
        if enrolment_status == EnrolmentStatus.CERTIFIED:
            enrolment.certificate_number = f"{end.year}/{course.pk:04d}-{i + 1:03d}"
            enrolment.verification_code = new_verification_code()
            enrolment.certified_at = at + datetime.timedelta(days=20)
        enrolments.append(enrolment)
    Enrolment.objects.bulk_create(enrolments)
    if status != CourseStatus.CANCELLED:
        Attendance.objects.bulk_create(
            [
                Attendance(enrolment=enrolment, session=session, present=i < attended, marked_by=staff)
                for i, enrolment in enumerate(enrolments)
                for session in sessions
            ]
        )


def _seed_upcoming(*, kinds, plan, task, sources, staff, people) -> None:
    today = clock.today()
    for row in load("training", "upcoming_courses.csv"):
        code, title, days, capacity = row["kind"], row["title"], int(row["days_ahead"]), int(row["capacity"])
        if Course.objects.filter(title=title, kind=kinds[code]).exists():
            continue
        start = today + datetime.timedelta(days=days)
        course = Course.objects.create(
            kind=kinds[code],
            title=title,
            organiser=NEXT_ORGANISER,
            trainers="Chuyên gia Viện Năng suất Việt Nam",
            agency=plan.agency,
            plan=plan,
            task=task,
            start_date=start,
            end_date=start + datetime.timedelta(days=1),
            place=NEXT_PLACES[0],
            capacity=capacity,
            registration_opens=today - datetime.timedelta(days=7),
            registration_closes=start - datetime.timedelta(days=2),
            cost=40_000_000,
            funding_source=sources["st-nonbusiness"],
            status=CourseStatus.OPEN,
            created_by=staff,
            description="Khóa học dành cho lãnh đạo, cán bộ quản lý doanh nghiệp trên địa bàn thành phố.",
        )
        CourseSession.objects.bulk_create(
            [
                CourseSession(
                    course=course,
                    date=start + datetime.timedelta(days=i),
                    start_time=datetime.time(8, 0),
                    end_time=datetime.time(16, 30),
                    topic=f"Ngày {i + 1}",
                )
                for i in range(2)
            ]
        )
        at = clock.now()
        Enrolment.objects.bulk_create(
            [
                Enrolment(
                    course=course,
                    participant=p,
                    enterprise=p.enterprise,
                    registered_by=staff,
                    status=EnrolmentStatus.REGISTERED,
                    registered_at=at,
                )
                for p in people[:5]
            ]
        )


def seed_training() -> None:
    """Course kinds and the 2021-2025 courses of Quảng Nam with enrolments and attendance."""
    from accounts.models import User
    from programs.demo import demo_plan, ensure_funding_sources

    kinds = course_kinds_ensure()
    plan = demo_plan()
    sources = ensure_funding_sources()
    task = _task_for_training(plan)
    staff = User.objects.filter(email="staff@demo.vn").first()
    rng = random.Random(2021)  # deterministic demo data  # noqa: S311
    people = _person_pool(700, _enterprises(), rng)
    for spec in _courses():
        _seed_course(spec, kinds=kinds, plan=plan, task=task, sources=sources, people=people, rng=rng, staff=staff)
    link_participants_to_agencies()  # the enrolments were written in bulk


def seed_training_next() -> None:
    """This year's courses of Đà Nẵng's plan (finished, with attendance and certificates), two open
    courses a few weeks from today, and one course of the second agency (seeder order 90)."""
    from accounts.models import User
    from programs.demo import ensure_funding_sources, next_plan, plan_year, recent, second_agency_plan

    plan = next_plan()
    if plan is None:
        return
    kinds = course_kinds_ensure()
    sources = ensure_funding_sources()
    staff = User.objects.filter(email="staff@demo.vn").first()
    rng = random.Random(2026)  # noqa: S311
    people = _person_pool(700, _enterprises(), random.Random(2021))  # noqa: S311 - the same people as 2021-2025
    year = plan_year(plan)
    task = _task_for_training(plan)
    for row in load("training", "next_courses.csv"):
        registered, attended, certified = int(row["registered"]), int(row["attended"]), _yes(row["certified"])
        spec = (
            row["kind"],
            year,
            1,
            row["title"].format(y=year),
            registered,
            attended,
            certified,
            CourseStatus.FINISHED,
        )
        _seed_course(
            spec,
            kinds=kinds,
            plan=plan,
            task=task,
            sources=sources,
            people=people,
            rng=rng,
            staff=staff,
            start=recent(plan, int(row["days_ago"])),
            organiser=NEXT_ORGANISER,
            places=NEXT_PLACES,
        )
    # The represented enterprises' people (the pool's first) are pre-registered for the open courses.
    represented = [p for p in people if p.enterprise_id][:3]
    _seed_upcoming(kinds=kinds, plan=plan, task=task, sources=sources, staff=staff, people=represented + people[-2:])
    second = second_agency_plan()
    second_staff = User.objects.filter(email="chuyenvien.quangngai@demo.vn").first()
    if second is not None:
        other = _ORGANISERS["second_agency"]
        spec = ("manager", year, 1, other["course"].format(y=year), 30, 28, False, CourseStatus.FINISHED)
        _seed_course(
            spec,
            kinds=kinds,
            plan=second,
            task=None,
            sources=sources,
            people=people,
            rng=rng,
            staff=second_staff,
            start=recent(second, 100),
            organiser=other["organiser"],
            places=other["places"],
        )
    link_participants_to_agencies()  # the enrolments were written in bulk
