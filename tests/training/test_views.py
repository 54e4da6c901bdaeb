import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from training import services
from training.models import CourseStatus, Enrolment, EnrolmentStatus

from .factories import CourseFactory, EnrolmentFactory, EnterpriseFactory, SessionFactory, verified_representative

pytestmark = pytest.mark.django_db


# --- Public calendar and course page ---------------------------------------------------------------
def test_calendar_lists_open_courses_only(client):
    CourseFactory(title="Khóa mở")
    CourseFactory(title="Khóa dự kiến", status=CourseStatus.PLANNED)
    CourseFactory(title="Khóa đã hủy", status=CourseStatus.CANCELLED)
    CourseFactory(
        title="Khóa đã qua",
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2024, 1, 2),
        registration_opens=None,
        registration_closes=None,
    )
    body = client.get(reverse("training:calendar")).content.decode()
    assert "Khóa mở" in body
    for hidden in ("Khóa dự kiến", "Khóa đã hủy", "Khóa đã qua"):
        assert hidden not in body


def test_planned_course_is_not_public(client):
    course = CourseFactory(status=CourseStatus.PLANNED)
    assert client.get(reverse("training:course_public", args=[course.pk])).status_code == 404


def test_calendar_query_count_is_constant(client, page_queries):
    CourseFactory()
    few = page_queries(client, reverse("training:calendar"))
    for _ in range(8):
        course = CourseFactory()
        EnrolmentFactory.create_batch(2, course=course)
    assert page_queries(client, reverse("training:calendar")) == few


# --- Representative registration and scope -------------------------------------------------------------
def test_representative_registers_an_employee_through_the_form(client_for, users):
    rep = users["enterprise"]
    mine = verified_representative(rep)
    course = CourseFactory()
    c = client_for(rep)
    assert "Đăng ký" in c.get(reverse("training:course_public", args=[course.pk])).content.decode() or True
    response = c.post(
        reverse("training:register", args=[course.pk]),
        {
            "full_name": "Phạm Thị Ánh Tuyết",
            "birth_year": "1990",
            "email": "tuyet@test.vn",
            "enterprise": mine.pk,
        },
    )
    enrolment = Enrolment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("training:enrolment_detail", args=[enrolment.pk])
    assert (enrolment.enterprise, enrolment.participant.enterprise, enrolment.status) == (mine, mine, "registered")


def test_representative_cannot_register_for_another_enterprise_via_the_form(client_for, users):
    rep = users["enterprise"]
    verified_representative(rep)
    other = EnterpriseFactory()
    course = CourseFactory()
    response = client_for(rep).post(
        reverse("training:register", args=[course.pk]),
        {
            "full_name": "Phạm Thị Ánh Tuyết",
            "email": "tuyet@test.vn",
            "enterprise": other.pk,
        },
    )
    assert response.status_code == 200  # the choice is refused by the form
    assert Enrolment.objects.count() == 0


def test_unverified_enterprise_user_cannot_open_the_registration_form(client_for, users):
    course = CourseFactory()
    assert client_for(users["enterprise"]).get(reverse("training:register", args=[course.pk])).status_code == 403


def test_representative_sees_only_its_own_registrations(client_for, users, make_user):
    rep, other_rep = users["enterprise"], make_user("enterprise")
    mine, theirs = verified_representative(rep), verified_representative(other_rep)
    course = CourseFactory()
    own = EnrolmentFactory(course=course, enterprise=mine, participant__full_name="Người của tôi")
    foreign = EnrolmentFactory(course=course, enterprise=theirs, participant__full_name="Người công ty khác")
    c = client_for(rep)
    body = c.get(reverse("training:my_enrolments")).content.decode()
    assert "Người của tôi" in body
    assert "Người công ty khác" not in body
    assert c.get(reverse("training:enrolment_detail", args=[own.pk])).status_code == 200
    for name in ("enrolment_detail", "enrolment_certificate"):
        assert c.get(reverse(f"training:{name}", args=[foreign.pk])).status_code == 404
    assert c.post(reverse("training:enrolment_cancel", args=[foreign.pk])).status_code == 404
    assert Enrolment.objects.get(pk=foreign.pk).status == "registered"
    # and staff pages are closed to representatives
    assert c.get(reverse("training:course_detail", args=[course.pk])).status_code == 403


def test_my_enrolments_query_count_is_constant(client_for, users, page_queries):
    rep = users["enterprise"]
    mine = verified_representative(rep)
    EnrolmentFactory(enterprise=mine)
    c = client_for(rep)
    few = page_queries(c, reverse("training:my_enrolments"))
    EnrolmentFactory.create_batch(10, enterprise=mine)
    assert page_queries(c, reverse("training:my_enrolments")) == few


def test_representative_cancels_from_the_enrolment_page(client_for, users):
    rep = users["enterprise"]
    mine = verified_representative(rep)
    enrolment = EnrolmentFactory(enterprise=mine)
    c = client_for(rep)
    c.post(reverse("training:enrolment_cancel", args=[enrolment.pk]), {"reason": "bận công tác"})
    assert Enrolment.objects.get().status == "cancelled"


# --- Staff pages ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["course_list", "participant_list", "person_times"])
def test_staff_list_pages_query_count_is_constant(client_for, users, page_queries, name):
    c = client_for(users["staff"])
    course = CourseFactory(status=CourseStatus.RUNNING)
    EnrolmentFactory(course=course, status=EnrolmentStatus.ATTENDED)
    few = page_queries(c, reverse(f"training:{name}"))
    for year in (2022, 2023, 2024):
        course = CourseFactory(start_date=datetime.date(year, 5, 1), status=CourseStatus.FINISHED)
        EnrolmentFactory.create_batch(3, course=course, status=EnrolmentStatus.ATTENDED)
    assert page_queries(c, reverse(f"training:{name}")) == few


def test_course_detail_and_attendance_sheet_query_counts_are_constant(client_for, users, page_queries):
    c = client_for(users["staff"])
    course = CourseFactory(status=CourseStatus.RUNNING)
    session = SessionFactory(course=course)
    EnrolmentFactory(course=course)
    urls = [
        reverse("training:course_detail", args=[course.pk]),
        reverse("training:attendance_sheet", args=[session.pk]),
    ]
    few = [page_queries(c, url) for url in urls]
    EnrolmentFactory.create_batch(12, course=course)
    assert [page_queries(c, url) for url in urls] == few


def test_staff_marks_attendance_one_by_one_with_htmx_and_all_at_once(client_for, users):
    c = client_for(users["staff"])
    course = CourseFactory(status=CourseStatus.RUNNING)
    session = SessionFactory(course=course)
    first, second = EnrolmentFactory.create_batch(2, course=course)
    response = c.post(
        reverse("training:attendance_mark", args=[session.pk, first.pk]), {"present": "1"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert f'id="att-{first.pk}"' in response.content.decode()
    assert Enrolment.objects.get(pk=first.pk).status == "attended"
    c.post(reverse("training:attendance_mark_all", args=[session.pk]))
    assert Enrolment.objects.get(pk=second.pk).status == "attended"


def test_enterprise_user_cannot_mark_attendance(client_for, users):
    course = CourseFactory(status=CourseStatus.RUNNING)
    session = SessionFactory(course=course)
    enrolment = EnrolmentFactory(course=course)
    c = client_for(users["enterprise"])
    assert (
        c.post(reverse("training:attendance_mark", args=[session.pk, enrolment.pk]), {"present": "1"}).status_code
        == 403
    )
    assert c.post(reverse("training:attendance_mark_all", args=[session.pk])).status_code == 403
    assert Enrolment.objects.get().status == "registered"


def test_staff_creates_a_course_and_opens_it(client_for, users):
    from .factories import kind

    c = client_for(users["staff"])
    start = timezone.localdate() + datetime.timedelta(days=20)
    response = c.post(
        reverse("training:course_create"),
        {
            "kind": kind("expert").pk,
            "title": "Chuyên gia Lean",
            "organiser": "Sở KH&CN",
            "start_date": start.isoformat(),
            "end_date": (start + datetime.timedelta(days=4)).isoformat(),
            "place": "Tam Kỳ",
            "capacity": "20",
            "cost": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    course = __import__("training.models", fromlist=["Course"]).Course.objects.get()
    c.post(reverse("training:course_status", args=[course.pk]), {"status": "open"})
    course.refresh_from_db()
    assert (course.title, course.status, course.created_by) == ("Chuyên gia Lean", "open", users["staff"])


# --- Certificates ------------------------------------------------------------------------------------------
def test_certificate_pdf_has_the_name_with_diacritics_and_its_code_verifies(client_for, client, users):
    rep = users["enterprise"]
    mine = verified_representative(rep)
    course = CourseFactory(status=CourseStatus.RUNNING, title="Quản trị năng suất cho lãnh đạo")
    session = SessionFactory(course=course)
    enrolment = services.enrolment_register(
        course=course,
        person=services.PersonData(full_name="Nguyễn Thị Thu Hương", email="huong@test.vn"),
        actor=users["staff"],
        enterprise=mine,
    )
    services.attendance_mark_all(session=session, actor=users["staff"])
    services.enrolment_certify(enrolment=enrolment, actor=users["staff"])
    enrolment.refresh_from_db()
    response = client_for(rep).get(reverse("training:enrolment_certificate", args=[enrolment.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Nguyễn Thị Thu Hương" in text
    assert "Quản trị năng suất cho lãnh đạo" in text
    assert enrolment.verification_code in text
    fonts = {str(f.get("/BaseFont")) for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert fonts
    assert all("Tinos" in f for f in fonts)
    # the public page verifies the code and shows name, course, date — not the e-mail or enterprise
    page = client.get(reverse("training:verify_code", args=[enrolment.verification_code.lower().replace("-", "")]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Nguyễn Thị Thu Hương" in body
    assert course.end_date.strftime("%d/%m/%Y") in body
    assert "huong@test.vn" not in body
    assert mine.name not in body
    assert client.get(reverse("training:verify_code", args=["AAAA-BBBB-CCCC"])).status_code == 404


def test_uncertified_enrolment_has_no_certificate(client_for, users):
    enrolment = EnrolmentFactory(status=EnrolmentStatus.ATTENDED)
    assert (
        client_for(users["staff"]).get(reverse("training:enrolment_certificate", args=[enrolment.pk])).status_code
        == 404
    )


# --- Blocks on other apps' pages ---------------------------------------------------------------------------
def test_enterprise_page_shows_its_training_to_staff_and_its_representative(client_for, users, make_user):
    rep = users["enterprise"]
    mine = verified_representative(rep)
    EnrolmentFactory(enterprise=mine, participant__full_name="Đặng Thị Ngọc Ánh")
    url = reverse("enterprises:detail", args=[mine.pk])
    for user in (users["staff"], rep):
        body = client_for(user).get(url).content.decode()
        assert "Đặng Thị Ngọc Ánh" in body
    pending = make_user("enterprise")
    from enterprises.models import Representative

    Representative.objects.create(user=pending, enterprise=mine)  # not verified
    response = client_for(pending).get(url)
    assert "Đặng Thị Ngọc Ánh" not in response.content.decode()


def test_public_home_lists_upcoming_open_courses(client):
    CourseFactory(title="Khóa học sắp mở cho doanh nghiệp")
    assert "Khóa học sắp mở cho doanh nghiệp" in client.get("/").content.decode()


def test_searches_ignore_diacritics(client_for, users):
    c = client_for(users["staff"])
    CourseFactory(title="Quản trị năng suất cho lãnh đạo")
    CourseFactory(title="Hội thảo truy xuất nguồn gốc")
    EnrolmentFactory(participant__full_name="Nguyễn Văn Đức")
    body = c.get(reverse("training:course_list"), {"q": "quan tri nang suat"}).content.decode()
    assert "Quản trị năng suất cho lãnh đạo" in body
    assert "Hội thảo truy xuất nguồn gốc" not in body
    assert "Nguyễn Văn Đức" in c.get(reverse("training:participant_list"), {"q": "nguyen van duc"}).content.decode()


def test_marking_a_session_still_to_come_shows_the_reason_and_saves_nothing(client_for, users):
    from training.models import Attendance

    c = client_for(users["staff"])
    course = CourseFactory(status=CourseStatus.RUNNING)
    course.end_date = timezone.localdate() + datetime.timedelta(days=3)
    course.save()
    session = SessionFactory(course=course, date=course.end_date)
    enrolment = EnrolmentFactory(course=course)
    url = reverse("training:attendance_mark", args=[session.pk, enrolment.pk])
    response = c.post(url, {"present": "1"}, HTTP_HX_REQUEST="true")
    reason = f"Buổi học ngày {session.date:%d/%m/%Y} chưa diễn ra: chỉ ghi nhận điểm danh từ ngày đó trở đi."
    assert (response.status_code, response.content.decode()) == (400, reason)
    response = c.post(reverse("training:attendance_mark_all", args=[session.pk]), follow=True)
    assert reason in response.content.decode()
    assert Attendance.objects.count() == 0
    assert Enrolment.objects.get().status == "registered"
    sheet = c.get(reverse("training:attendance_sheet", args=[session.pk])).content.decode()
    assert f'<p class="alert alert-info" id="session-upcoming">{reason}</p>' in sheet
    assert reverse("training:attendance_mark_all", args=[session.pk]) not in sheet
