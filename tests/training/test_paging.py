"""Training lists do not grow with the table: the page is taken first, then only its rows are
joined and counted (query counts equal for 5 and 60 rows; the aggregate reads the page's keys)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from training.models import CourseStatus, Enrolment, EnrolmentStatus

from .factories import CourseFactory, EnrolmentFactory, SessionFactory

pytestmark = pytest.mark.django_db


def captured(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response, [q["sql"] for q in ctx.captured_queries]


def grouped(queries, table):
    """The aggregate queries (GROUP BY) that read ``table``'s rows."""
    return [sql for sql in queries if "GROUP BY" in sql and f'FROM "{table}"' in sql]


def page_keys(sql, table):
    """The keys listed in ``"table"."id" IN (...)`` of an aggregate query."""
    match = re.search(rf'"{table}"\."id" IN \(([^)]*)\)', sql)
    assert match, sql
    return sorted(int(k) for k in match.group(1).split(","))


def test_participants_page_counts_only_its_50_rows(client_for, users):
    client = client_for(users["staff"])
    course = CourseFactory(status=CourseStatus.FINISHED)
    EnrolmentFactory.create_batch(5, course=course, status=EnrolmentStatus.ATTENDED)
    _response, few = captured(client, reverse("training:participant_list"))
    EnrolmentFactory.create_batch(55, course=course, status=EnrolmentStatus.ATTENDED)
    response, many = captured(client, reverse("training:participant_list") + "?page=2")
    assert len(many) == len(few)
    page = response.context["page"]
    assert (page.paginator.count, len(page.object_list)) == (60, 10)
    assert {p.person_times for p in page.object_list} == {1}
    (aggregate,) = grouped(many, "training_participant")
    assert page_keys(aggregate, "training_participant") == sorted(p.pk for p in page.object_list)
    count = next(sql for sql in many if sql.startswith("SELECT COUNT(*)") and "training_participant" in sql)
    assert "GROUP BY" not in count
    assert "LEFT OUTER JOIN" not in count


def test_course_list_counts_only_its_page(client_for, users):
    client = client_for(users["staff"])
    for _ in range(5):
        EnrolmentFactory(course=CourseFactory(), status=EnrolmentStatus.REGISTERED)
    _response, few = captured(client, reverse("training:course_list"))
    for _ in range(55):
        CourseFactory()
    response, many = captured(client, reverse("training:course_list"))
    assert len(many) == len(few)
    page = response.context["page"]
    assert (page.paginator.count, len(page.object_list)) == (60, 25)
    (aggregate,) = grouped(many, "training_course")
    assert page_keys(aggregate, "training_course") == sorted(c.pk for c in page.object_list)


def test_course_detail_and_attendance_sheet_show_a_page_of_a_large_course(client_for, users):
    client = client_for(users["staff"])
    course = CourseFactory(status=CourseStatus.RUNNING, capacity=500)
    session = SessionFactory(course=course)
    EnrolmentFactory.create_batch(5, course=course)
    urls = [
        reverse("training:course_detail", args=[course.pk]),
        reverse("training:attendance_sheet", args=[session.pk]),
    ]
    few = [len(captured(client, url)[1]) for url in urls]
    EnrolmentFactory.create_batch(55, course=course)
    first = Enrolment.objects.filter(course=course).order_by("participant__full_name", "pk").first()
    client.post(reverse("training:attendance_mark", args=[session.pk, first.pk]), {"present": "1"})
    detail, detail_queries = captured(client, urls[0] + "?page=2")
    sheet, sheet_queries = captured(client, urls[1])
    assert [len(detail_queries), len(sheet_queries)] == few
    assert (detail.context["page"].paginator.count, len(detail.context["enrolments"])) == (60, 10)
    (aggregate,) = grouped(detail_queries, "training_enrolment")
    assert page_keys(aggregate, "training_enrolment") == sorted(e.pk for e in detail.context["enrolments"])
    assert len(sheet.context["rows"]) == 50
    assert sheet.context["rows"][0] == {"enrolment": first, "present": True}
    assert [r["present"] for r in sheet.context["rows"][1:]] == [None] * 49
    assert sheet.context["present_count"] == 1
    assert "60 học viên đã đăng ký" in sheet.content.decode()
    last = client.get(urls[1] + "?page=2")
    assert len(last.context["rows"]) == 10


def test_participant_total_counts_each_person_once_across_the_users_agencies(client_for, users):
    """The total is read from the (person, agency) table: a person trained by two of the user's
    agencies is one person; one trained only elsewhere is not counted."""
    from tests.programs.factories import AgencyFactory

    own, other, elsewhere = AgencyFactory(), AgencyFactory(code="so-khac"), AgencyFactory(code="so-ngoai")
    other.members.add(users["staff"])
    both = EnrolmentFactory(course=CourseFactory(agency=own)).participant
    EnrolmentFactory(course=CourseFactory(agency=other), participant=both)
    EnrolmentFactory(course=CourseFactory(agency=other))
    EnrolmentFactory(course=CourseFactory(agency=elsewhere))
    response, _queries = captured(client_for(users["staff"]), reverse("training:participant_list"))
    page = response.context["page"]
    assert page.paginator.count == len(page.object_list) == 2
    assert both in page.object_list
