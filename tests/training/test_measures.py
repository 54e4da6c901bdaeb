"""Acceptance: person-times per kind and year, through the registered measure and the KPI engine."""

import datetime
import functools
from decimal import Decimal

import pytest

from core import clock
from programs.measures import get_measure
from programs.models import Indicator, IndicatorKind, Objective, Plan
from programs.periods import data_year, plan_periods
from training import services
from training.models import CourseStatus, Enrolment
from training.selectors import person_times_table

from .factories import CourseFactory, SessionFactory, kind

pytestmark = pytest.mark.django_db


def _course_of(code, end, *, status=CourseStatus.RUNNING, kind_obj=None, plan=None):
    start = end - datetime.timedelta(days=3)
    course = CourseFactory(kind=kind_obj or kind(code), start_date=start, end_date=end, status=status, plan=plan)
    return course, [SessionFactory(course=course, date=start), SessionFactory(course=course, date=end)]


def _enrol(course, staff, *names):
    return [
        services.enrolment_register(
            course=course, person=services.PersonData(full_name=n, email=f"{n}@test.vn"), actor=staff
        )
        for n in names
    ]


@pytest.fixture
def dataset(users):
    """People attending several courses, absentees, waitlisted, cancelled enrolments and courses.

    Expected person-times:
      expert : 2022 → 2 (an, binh; cuong absent), 2023 → 1 (an again, a second course)
      manager: 2022 → 3 (an, dung, em; one waitlisted, one cancelled, course D cancelled)
               2024 → 2 (binh in a course ending 02/01/2024; giang in a kind mapped to "manager")
      seminar: 2023 → 1 (an)
    Courses I (no plan) and J (another plan) are attended too and never counted in this plan.
    """
    staff = users["staff"]
    plan = _plan()
    _course = functools.partial(_course_of, plan=plan)
    # A: expert, 2022 — an (one session of two), binh (certified), cuong absent at both.
    a, (a1, a2) = _course("expert", datetime.date(2022, 5, 20))
    an, binh, cuong = _enrol(a, staff, "an", "binh", "cuong")
    services.attendance_set(session=a2, enrolment=an, present=True, actor=staff)
    services.attendance_mark_all(session=a1, actor=staff)
    services.attendance_set(session=a1, enrolment=an, present=False, actor=staff)  # still attended (a2)
    services.attendance_set(session=a1, enrolment=cuong, present=False, actor=staff)
    services.course_transition(course=a, status=CourseStatus.FINISHED, actor=staff)
    services.enrolment_certify(enrolment=binh, actor=staff)
    # B: expert, 2023 — an again.
    b, (b1, _b2) = _course("expert", datetime.date(2023, 3, 10))
    (an_b,) = _enrol(b, staff, "an")
    services.attendance_mark_all(session=b1, actor=staff)
    # C: manager, 2022, capacity 3 — an, dung, em attend; phuong waitlisted; em2 cancelled.
    c, (c1, _c2) = _course("manager", datetime.date(2022, 11, 30))
    c.capacity = 4
    c.save()
    _an_c, _dung, _em, em2 = _enrol(c, staff, "an", "dung", "em", "em2")
    (phuong,) = _enrol(c, staff, "phuong")
    services.enrolment_cancel(enrolment=em2, actor=staff)
    services.attendance_mark_all(session=c1, actor=staff)  # phuong was promoted, then marked
    services.attendance_set(session=c1, enrolment=phuong, present=False, actor=staff)
    (hai,) = _enrol(c, staff, "hai")  # registered after the course filled: waitlisted, never counted
    # D: manager, 2022, attended then the course was cancelled — not counted.
    d, (d1, _d2) = _course("manager", datetime.date(2022, 8, 1))
    _enrol(d, staff, "khoa", "an")
    services.attendance_mark_all(session=d1, actor=staff)
    services.course_transition(course=d, status=CourseStatus.CANCELLED, actor=staff, reason="bão")
    # E: manager, ends 02/01/2024 (starts in 2023) — counted in the year it ends.
    e, (e1, _e2) = _course("manager", datetime.date(2024, 1, 2))
    (binh_e,) = _enrol(e, staff, "binh")
    services.attendance_set(session=e1, enrolment=binh_e, present=True, actor=staff)
    # F: seminar, 2023 — an.
    f, (f1, _f2) = _course("seminar", datetime.date(2023, 9, 9))
    _enrol(f, staff, "an")
    services.attendance_mark_all(session=f1, actor=staff)
    # G: a staff-defined kind mapped to the manager indicator, 2024 — giang.
    short = kind("manager-short")
    short.measure_arg = "manager"
    short.save()
    g, (g1, _g2) = _course("manager-short", datetime.date(2024, 6, 1), kind_obj=short)
    _enrol(g, staff, "giang")
    services.attendance_mark_all(session=g1, actor=staff)
    # H: "other" kind (feeds no indicator), 2023 — an.
    h, (h1, _h2) = _course("other", datetime.date(2023, 2, 2))
    _enrol(h, staff, "an")
    services.attendance_mark_all(session=h1, actor=staff)
    # I: expert, 2022, no plan; J: expert, 2022, another plan — attended, counted in no / the other plan.
    other = _plan()
    for owner in (None, other):
        i, (i1, _i2) = _course_of("expert", datetime.date(2022, 6, 6), plan=owner)
        _enrol(i, staff, "lan", "minh")
        services.attendance_mark_all(session=i1, actor=staff)
    assert Enrolment.objects.get(pk=hai.pk).status == "waitlisted"
    return {"plan": plan, "other": other}


def _plan():
    plan = Plan.objects.create(
        title="Kế hoạch thử",
        issuing_body="UBND",
        province_name="Quảng Nam",
        agency="Sở KH&CN",
        start_year=2021,
        end_year=2025,
    )
    objective = Objective.objects.create(plan=plan, code="a", title="Đào tạo")
    for code, arg, target in (("a.1", "expert", 15), ("b.1", "manager", 900)):
        Indicator.objects.create(
            objective=objective,
            code=code,
            name=code,
            unit="lượt",
            kind=IndicatorKind.CUMULATIVE,
            target_min=Decimal(target),
            measure="training.person_times",
            measure_arg=arg,
        )
    return plan


EXPECTED = {"expert": {2022: 2, 2023: 1}, "manager": {2022: 3, 2024: 2}, "seminar": {2023: 1}, "apo": {}}


@pytest.mark.parametrize("arg", sorted(EXPECTED))
def test_registered_measure_counts_person_times_per_kind_and_year(dataset, arg, count_queries):
    measure = get_measure("training.person_times")
    indicator = Indicator(measure="training.person_times", measure_arg=arg)
    periods = plan_periods(dataset["plan"])
    result, queries = count_queries(measure.counts, plan=dataset["plan"], indicator=indicator, ranges=periods.ranges)
    assert dict(zip(periods.year_numbers, result, strict=True)) == {
        y: EXPECTED[arg].get(y, 0) for y in range(2021, 2026)
    }
    assert queries == 1


def test_measure_counts_only_the_given_ranges_and_the_plans_courses(dataset):
    measure = get_measure("training.person_times")
    manager = Indicator(measure="training.person_times", measure_arg="manager")
    expert = Indicator(measure="training.person_times", measure_arg="expert")
    plan = dataset["plan"]
    years = [data_year(plan, 2023), data_year(plan, 2024)]
    assert measure.counts(plan=plan, indicator=manager, ranges=years) == [0, 2]
    # Courses I (no plan) and J (the other plan) ended in 2022 with two person-times each.
    assert measure.counts(plan=plan, indicator=expert, ranges=[data_year(plan, 2022)]) == [2]
    assert measure.counts(plan=dataset["other"], indicator=expert, ranges=[data_year(plan, 2022)]) == [2]


def test_attendance_recorded_after_the_as_of_moment_is_not_counted(dataset, users):
    measure = get_measure("training.person_times")
    seminar = Indicator(measure="training.person_times", measure_arg="seminar")
    plan, year_2023 = dataset["plan"], [data_year(dataset["plan"], 2023)]
    as_of = clock.now()
    course, (first, _last) = _course_of("seminar", datetime.date(2023, 10, 10), plan=plan)
    (late,) = _enrol(course, users["staff"], "quang")
    with clock.frozen(as_of + datetime.timedelta(hours=1)):
        services.attendance_set(session=first, enrolment=late, present=True, actor=users["staff"])
    assert measure.counts(plan=plan, indicator=seminar, ranges=year_2023) == [2]  # counted now
    assert measure.counts(plan=plan, indicator=seminar, ranges=year_2023, as_of=as_of) == [1]  # not then


def test_the_kpi_engine_reports_the_same_figures(dataset):
    from programs.selectors import plan_kpis

    results = {r.code: r for r in plan_kpis(plan=dataset["plan"])}
    assert {y: int(v) for y, v in results["a.1"].yearly_actual.items()} == {2021: 0, 2022: 2, 2023: 1, 2024: 0, 2025: 0}
    assert {y: int(v) for y, v in results["b.1"].yearly_actual.items()} == {2021: 0, 2022: 3, 2023: 0, 2024: 2, 2025: 0}
    assert results["a.1"].period_actual == Decimal(3)
    assert results["b.1"].period_actual == Decimal(5)


def test_training_pages_table_shows_the_same_counts(dataset):
    table = person_times_table()
    assert table["years"] == [2022, 2023, 2024]
    rows = {r["kind"].code: r["cells"] for r in table["rows"]}
    # The training page counts every course, of any plan or none (I and J add 2 + 2 in 2022).
    assert rows == {
        "expert": [6, 1, 0],
        "manager": [3, 0, 1],
        "apo": [0, 0, 0],
        "seminar": [0, 1, 0],
        "other": [0, 1, 0],
        "manager-short": [0, 0, 1],
    }
    assert table["totals"] == [9, 3, 2]
    assert table["grand_total"] == 14
