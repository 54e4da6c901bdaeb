"""Demo training data for the Quảng Nam plan 2021-2025 (seeder order 50). Idempotent.

Courses of every kind from 2021 to 2025 with participants from the demo enterprises, so that
target a) (15-20 expert person-times: 17 here) and b) (~900 manager person-times: 935 here)
show realistic progress; a cancelled course and a few absentees that do not count; and two
open courses a few weeks after the seeding date so that the public calendar is not empty.
"""

import datetime
import random

from django.utils import timezone

from core import clock

from .models import (
    Attendance,
    Course,
    CourseSession,
    CourseStatus,
    Enrolment,
    EnrolmentStatus,
    Gender,
    Participant,
)
from .services import course_kinds_ensure, new_verification_code

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Hoàng",
    "Võ",
    "Phan",
    "Trương",
    "Bùi",
    "Đặng",
    "Đỗ",
    "Ngô",
    "Hồ",
    "Dương",
    "Đinh",
    "Lương",
    "Châu",
]
MIDDLE = {
    Gender.MALE: ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thành", "Công"],
    Gender.FEMALE: ["Thị", "Thị Thu", "Ngọc", "Thị Mỹ", "Thùy", "Thị Kim", "Hoài"],
}
GIVEN = {
    Gender.MALE: [
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Hải",
        "Hùng",
        "Khánh",
        "Long",
        "Nam",
        "Phúc",
        "Quang",
        "Sơn",
        "Tài",
        "Thắng",
        "Trí",
        "Tuấn",
        "Việt",
        "Vinh",
    ],
    Gender.FEMALE: [
        "Anh",
        "Châu",
        "Diệu",
        "Giang",
        "Hà",
        "Hằng",
        "Hương",
        "Lan",
        "Linh",
        "Mai",
        "Nga",
        "Nhung",
        "Oanh",
        "Phương",
        "Quyên",
        "Thảo",
        "Trang",
        "Vân",
        "Yến",
    ],
}
POSITIONS_MANAGER = [
    "Giám đốc",
    "Phó Giám đốc",
    "Trưởng phòng Kỹ thuật",
    "Trưởng phòng Quản lý chất lượng",
    "Quản đốc phân xưởng",
    "Trưởng phòng Kinh doanh",
    "Chủ nhiệm hợp tác xã",
]
POSITIONS_STAFF = ["Cán bộ quản lý chất lượng", "Chuyên viên", "Kỹ sư sản xuất", "Nhân viên ISO", "Tổ trưởng sản xuất"]
PLACES = [
    "Hội trường Sở Khoa học và Công nghệ, Tam Kỳ",
    "Trung tâm Hội nghị tỉnh, Tam Kỳ",
    "Khách sạn Mường Thanh Quảng Nam",
    "UBND thị xã Điện Bàn",
    "Khu công nghiệp Tam Thăng, Tam Kỳ",
]
ORGANISER = "Sở Khoa học và Công nghệ tỉnh Quảng Nam"
ORGANISATIONS = [
    "UBND huyện Thăng Bình",
    "UBND huyện Núi Thành",
    "Liên minh Hợp tác xã tỉnh",
    "Hiệp hội Doanh nghiệp tỉnh Quảng Nam",
    "Sở Công Thương",
]

# (kind, year, month, title, registered, attended, certified?, status). Attended people are the
# person-times; the rest of the registered were absent.
COURSES = [
    ("expert", 2021, 10, "Đào tạo chuyên gia năng suất chất lượng khóa 1", 4, 3, True, CourseStatus.FINISHED),
    ("expert", 2022, 9, "Đào tạo chuyên gia năng suất chất lượng khóa 2", 3, 3, True, CourseStatus.FINISHED),
    ("expert", 2023, 8, "Đào tạo chuyên gia tư vấn Lean và 5S", 5, 4, True, CourseStatus.FINISHED),
    ("expert", 2024, 9, "Đào tạo chuyên gia năng suất chất lượng khóa 3", 3, 3, True, CourseStatus.FINISHED),
    ("expert", 2025, 6, "Đào tạo chuyên gia đánh giá năng suất xanh", 5, 4, True, CourseStatus.FINISHED),
    (
        "manager",
        2021,
        6,
        "Nâng cao năng lực lãnh đạo về năng suất chất lượng 2021 - đợt 1",
        84,
        80,
        True,
        CourseStatus.FINISHED,
    ),
    (
        "manager",
        2021,
        11,
        "Nâng cao năng lực lãnh đạo về năng suất chất lượng 2021 - đợt 2",
        75,
        70,
        True,
        CourseStatus.FINISHED,
    ),
    (
        "manager",
        2022,
        4,
        "Quản trị năng suất cho lãnh đạo doanh nghiệp 2022 - đợt 1",
        63,
        60,
        True,
        CourseStatus.FINISHED,
    ),
    (
        "manager",
        2022,
        7,
        "Quản trị năng suất cho lãnh đạo doanh nghiệp 2022 - đợt 2",
        64,
        60,
        True,
        CourseStatus.FINISHED,
    ),
    (
        "manager",
        2022,
        10,
        "Hệ thống quản lý chất lượng ISO 9001 cho cán bộ quản lý 2022",
        58,
        55,
        False,
        CourseStatus.FINISHED,
    ),
    (
        "manager",
        2023,
        3,
        "Quản trị năng suất cho lãnh đạo doanh nghiệp 2023 - đợt 1",
        70,
        65,
        True,
        CourseStatus.FINISHED,
    ),
    ("manager", 2023, 6, "Áp dụng Lean, Kaizen cho cán bộ quản lý 2023", 62, 60, True, CourseStatus.FINISHED),
    (
        "manager",
        2023,
        10,
        "Quản trị năng suất cho lãnh đạo doanh nghiệp 2023 - đợt 2",
        68,
        65,
        True,
        CourseStatus.FINISHED,
    ),
    (
        "manager",
        2024,
        4,
        "Quản trị năng suất cho lãnh đạo doanh nghiệp 2024 - đợt 1",
        74,
        70,
        True,
        CourseStatus.FINISHED,
    ),
    ("manager", 2024, 8, "Chuyển đổi số và năng suất cho cán bộ quản lý 2024", 68, 65, True, CourseStatus.FINISHED),
    (
        "manager",
        2024,
        11,
        "Quản trị năng suất cho lãnh đạo doanh nghiệp 2024 - đợt 2",
        63,
        60,
        False,
        CourseStatus.FINISHED,
    ),
    (
        "manager",
        2025,
        3,
        "Quản trị năng suất cho lãnh đạo doanh nghiệp 2025 - đợt 1",
        84,
        80,
        True,
        CourseStatus.FINISHED,
    ),
    (
        "manager",
        2025,
        6,
        "Năng suất xanh và kinh tế tuần hoàn cho cán bộ quản lý 2025",
        78,
        75,
        True,
        CourseStatus.FINISHED,
    ),
    (
        "manager",
        2025,
        9,
        "Quản trị năng suất cho lãnh đạo doanh nghiệp 2025 - đợt 2",
        74,
        70,
        True,
        CourseStatus.FINISHED,
    ),
    (
        "manager",
        2023,
        12,
        "Quản trị năng suất cho lãnh đạo doanh nghiệp 2023 - đợt 3 (hủy do thời tiết)",
        30,
        0,
        False,
        CourseStatus.CANCELLED,
    ),
    ("apo", 2022, 11, "Khóa đào tạo trực tuyến của APO về năng suất xanh", 2, 2, True, CourseStatus.FINISHED),
    ("apo", 2024, 5, "Chương trình APO: phát triển chuyên gia năng suất", 3, 3, True, CourseStatus.FINISHED),
    (
        "seminar",
        2021,
        12,
        "Hội thảo nâng cao nhận thức về năng suất chất lượng 2021",
        95,
        90,
        False,
        CourseStatus.FINISHED,
    ),
    ("seminar", 2022, 12, "Hội thảo giới thiệu công cụ cải tiến năng suất 2022", 82, 78, False, CourseStatus.FINISHED),
    ("seminar", 2023, 11, "Hội thảo truy xuất nguồn gốc và mã số mã vạch 2023", 73, 70, False, CourseStatus.FINISHED),
    ("seminar", 2024, 12, "Hội thảo năng suất xanh và chuyển đổi số 2024", 88, 85, False, CourseStatus.FINISHED),
    (
        "seminar",
        2025,
        10,
        "Hội thảo tổng kết 5 năm năng suất chất lượng 2021-2025",
        110,
        105,
        False,
        CourseStatus.FINISHED,
    ),
    ("other", 2023, 5, "Tập huấn đo lường trong sản xuất cho hợp tác xã", 35, 32, False, CourseStatus.FINISHED),
    ("other", 2025, 4, "Tập huấn hồ sơ đề nghị hỗ trợ theo Nghị quyết 02", 40, 38, False, CourseStatus.FINISHED),
]

NEXT_ORGANISER = "Sở Khoa học và Công nghệ thành phố Đà Nẵng"
NEXT_PLACES = [
    "Hội trường Sở Khoa học và Công nghệ thành phố Đà Nẵng",
    "Trung tâm Hội nghị thành phố Đà Nẵng",
    "Khu công nghệ cao Đà Nẵng",
    "Hội trường UBND phường Tam Kỳ",
]
# This year's courses of Đà Nẵng's plan: (kind, title, days before today it starts, registered,
# attended, certified?). They end well before today.
NEXT_COURSES = [
    ("expert", "Đào tạo chuyên gia năng suất chất lượng thành phố Đà Nẵng {y}", 210, 5, 4, True),
    ("manager", "Quản trị năng suất cho lãnh đạo doanh nghiệp {y} - đợt 1", 240, 70, 66, True),
    ("manager", "Quản trị năng suất cho lãnh đạo doanh nghiệp {y} - đợt 2", 120, 64, 60, True),
    ("seminar", "Hội thảo năng suất xanh và chuyển đổi số {y}", 60, 90, 85, False),
]
SECOND_COURSE = "Tập huấn năng suất chất lượng cho doanh nghiệp tỉnh Quảng Ngãi {y}"
# Open courses after the seeding date: (kind, title, days from today to the start, capacity).
UPCOMING = [
    ("manager", "Quản trị năng suất cho lãnh đạo doanh nghiệp - khóa mở đăng ký", 14, 60),
    ("seminar", "Hội thảo áp dụng công cụ 5S, Kaizen tại doanh nghiệp nhỏ và vừa", 45, 80),
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
    existing = {p.email_key: p for p in Participant.objects.filter(email_key__endswith="@hocvien.demo.vn")}
    new = []
    people = []
    for n in range(1, size + 1):
        email = f"hv{n:04d}@hocvien.demo.vn"
        if email in existing:
            people.append(existing[email])
            continue
        gender = rng.choice([Gender.MALE, Gender.FEMALE])
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"
        enterprise = enterprises[(n - 1) % len(enterprises)] if enterprises and n % 6 else None
        person = Participant(
            full_name=name,
            gender=gender,
            birth_year=rng.randint(1968, 1998),
            position=rng.choice(POSITIONS_MANAGER if n % 3 else POSITIONS_STAFF),
            enterprise=enterprise,
            organisation="" if enterprise else rng.choice(ORGANISATIONS),
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
    for code, title, days, capacity in UPCOMING:
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
    for spec in COURSES:
        _seed_course(spec, kinds=kinds, plan=plan, task=task, sources=sources, people=people, rng=rng, staff=staff)


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
    for code, title, days_ago, registered, attended, certified in NEXT_COURSES:
        spec = (code, year, 1, title.format(y=year), registered, attended, certified, CourseStatus.FINISHED)
        _seed_course(
            spec,
            kinds=kinds,
            plan=plan,
            task=task,
            sources=sources,
            people=people,
            rng=rng,
            staff=staff,
            start=recent(plan, days_ago),
            organiser=NEXT_ORGANISER,
            places=NEXT_PLACES,
        )
    # The represented enterprises' people (the pool's first) are pre-registered for the open courses.
    represented = [p for p in people if p.enterprise_id][:3]
    _seed_upcoming(kinds=kinds, plan=plan, task=task, sources=sources, staff=staff, people=represented + people[-2:])
    second = second_agency_plan()
    second_staff = User.objects.filter(email="chuyenvien.quangngai@demo.vn").first()
    if second is not None:
        spec = ("manager", year, 1, SECOND_COURSE.format(y=year), 30, 28, False, CourseStatus.FINISHED)
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
            organiser="Sở Khoa học và Công nghệ tỉnh Quảng Ngãi",
            places=["Hội trường Sở Khoa học và Công nghệ tỉnh Quảng Ngãi"],
        )
