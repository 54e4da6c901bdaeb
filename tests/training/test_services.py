import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import AuditEvent
from training import services
from training.models import Attendance, CourseStatus, Enrolment, Participant

from .factories import CourseFactory, EnterpriseFactory, ParticipantFactory, SessionFactory, verified_representative

pytestmark = pytest.mark.django_db


def person(name="Trần Thị Mỹ Lệ", **kw):
    return services.PersonData(full_name=name, **kw)


# --- Deduplication -------------------------------------------------------------------------------
def test_same_email_is_the_same_person_across_courses(users):
    a, b = CourseFactory(), CourseFactory()
    e1 = services.enrolment_register(course=a, person=person(email="Le.Tran@Test.vn"), actor=users["staff"])
    e2 = services.enrolment_register(
        course=b, person=person(email=" le.tran@test.vn", phone="0905 111 222"), actor=users["staff"]
    )
    assert e1.participant_id == e2.participant_id
    assert Participant.objects.count() == 1
    assert Participant.objects.get().phone == "0905 111 222"  # a blank filled in, nothing overwritten


def test_same_phone_without_a_different_email_is_the_same_person(users):
    p, _ = services.participant_find_or_create(person(phone="+84 905 111 222"))
    same, created = services.participant_find_or_create(person(phone="0905111222", email="le@test.vn"))
    assert (same.pk, created) == (p.pk, False)
    other, created = services.participant_find_or_create(person(phone="0905111222", email="khac@test.vn"))
    assert created
    assert other.pk != p.pk


def test_name_birth_year_and_enterprise_identify_a_person_without_contacts():
    ent = EnterpriseFactory()
    p, _ = services.participant_find_or_create(person("Lê Văn  An", birth_year=1980, enterprise=ent))
    same, created = services.participant_find_or_create(person("lê văn an", birth_year=1980, enterprise=ent))
    assert (same.pk, created) == (p.pk, False)
    for other in (
        person("Lê Văn Ân", birth_year=1980, enterprise=ent),
        person("Lê Văn An", birth_year=1981, enterprise=ent),
        person("Lê Văn An", birth_year=1980, enterprise=EnterpriseFactory()),
    ):
        assert services.participant_find_or_create(other)[1] is True
    assert Participant.objects.count() == 4


def test_the_same_person_twice_in_one_course_is_refused(users):
    course = CourseFactory()
    services.enrolment_register(course=course, person=person(email="a@test.vn"), actor=users["staff"])
    with pytest.raises(ValidationError, match="đã được đăng ký vào khóa học này"):
        services.enrolment_register(course=course, person=person(email="A@test.vn"), actor=users["staff"])
    assert Enrolment.objects.count() == 1


# --- Registration rules -------------------------------------------------------------------------------
def test_representative_registers_only_for_their_verified_enterprise(users):
    rep = users["enterprise"]
    mine = verified_representative(rep)
    course = CourseFactory()
    enrolment = services.enrolment_register(
        course=course, person=person(email="nv@test.vn"), actor=rep, enterprise=mine
    )
    assert (enrolment.status, enrolment.enterprise, enrolment.registered_by) == ("registered", mine, rep)
    with pytest.raises(PermissionDenied):
        services.enrolment_register(
            course=course, person=person(email="x@test.vn"), actor=rep, enterprise=EnterpriseFactory()
        )
    assert Enrolment.objects.count() == 1


def test_representative_is_refused_outside_the_window_and_when_not_open(users):
    rep = users["enterprise"]
    mine = verified_representative(rep)
    today = timezone.localdate()
    closed = CourseFactory(registration_closes=today - datetime.timedelta(days=1))
    planned = CourseFactory(status=CourseStatus.PLANNED)
    for course in (closed, planned):
        with pytest.raises(ValidationError, match="hiện không mở đăng ký"):
            services.enrolment_register(course=course, person=person(email="nv@test.vn"), actor=rep, enterprise=mine)
    assert Enrolment.objects.count() == 0
    # staff may still register late (e.g. at the door)
    assert services.enrolment_register(course=closed, person=person(email="nv@test.vn"), actor=users["staff"]).pk


def test_pending_representative_cannot_register(users, make_user):
    from enterprises.models import Representative

    rep = make_user("enterprise")
    ent = EnterpriseFactory()
    Representative.objects.create(user=rep, enterprise=ent)  # pending
    with pytest.raises(PermissionDenied):
        services.enrolment_register(
            course=CourseFactory(), person=person(email="nv@test.vn"), actor=rep, enterprise=ent
        )


def test_full_course_puts_people_on_the_waiting_list_and_a_cancellation_promotes_the_first(users):
    course = CourseFactory(capacity=2)
    staff = users["staff"]
    first = services.enrolment_register(course=course, person=person("A", email="a@test.vn"), actor=staff)
    services.enrolment_register(course=course, person=person("B", email="b@test.vn"), actor=staff)
    waiting1 = services.enrolment_register(course=course, person=person("C", email="c@test.vn"), actor=staff)
    waiting2 = services.enrolment_register(course=course, person=person("D", email="d@test.vn"), actor=staff)
    assert (waiting1.status, waiting2.status) == ("waitlisted", "waitlisted")
    services.enrolment_cancel(enrolment=first, actor=staff, reason="bận")
    statuses = dict(Enrolment.objects.values_list("participant__full_name", "status"))
    assert statuses == {"A": "cancelled", "B": "registered", "C": "registered", "D": "waitlisted"}
    assert AuditEvent.objects.filter(action="training.enrolment_promoted").count() == 1


def test_representative_cancels_before_the_start_only(users):
    rep = users["enterprise"]
    mine = verified_representative(rep)
    course = CourseFactory()
    enrolment = services.enrolment_register(
        course=course, person=person(email="nv@test.vn"), actor=rep, enterprise=mine
    )
    with pytest.raises(ValidationError, match=r"Không thể hủy lượt đăng ký này nữa\."):
        services.enrolment_cancel(enrolment=enrolment, actor=rep, today=course.start_date)
    assert Enrolment.objects.get().status == "registered"
    services.enrolment_cancel(enrolment=enrolment, actor=rep, today=course.start_date - datetime.timedelta(days=1))
    assert Enrolment.objects.get().status == "cancelled"


def test_cancelled_person_may_register_again_on_the_same_row(users):
    course = CourseFactory()
    e = services.enrolment_register(course=course, person=person(email="a@test.vn"), actor=users["staff"])
    services.enrolment_cancel(enrolment=e, actor=users["staff"])
    again = services.enrolment_register(course=course, person=person(email="a@test.vn"), actor=users["staff"])
    assert (again.pk, again.status) == (e.pk, "registered")


def test_cancelled_course_refuses_registration(users):
    course = CourseFactory(status=CourseStatus.CANCELLED)
    with pytest.raises(ValidationError, match=r"Khóa học đã bị hủy\."):
        services.enrolment_register(course=course, person=person(email="a@test.vn"), actor=users["staff"])


# --- Courses ---------------------------------------------------------------------------------------
def test_course_transitions_follow_the_table(users):
    course = CourseFactory(status=CourseStatus.PLANNED)
    services.course_transition(course=course, status=CourseStatus.OPEN, actor=users["staff"])
    with pytest.raises(
        ValidationError,
        match=r"Không thể chuyển khóa học đang ở trạng thái “Đang mở đăng ký” sang “Đã kết thúc”\.",
    ):
        services.course_transition(course=course, status=CourseStatus.FINISHED, actor=users["staff"])
    with pytest.raises(ValidationError, match=r"Hãy nêu lý do hủy khóa học\."):
        services.course_transition(course=course, status=CourseStatus.CANCELLED, actor=users["staff"])  # no reason
    course.refresh_from_db()
    assert course.status == "open"
    with pytest.raises(PermissionDenied):
        services.course_transition(course=course, status=CourseStatus.RUNNING, actor=users["enterprise"])


def test_capacity_cannot_drop_below_seats_taken(users):
    course = CourseFactory(capacity=3)
    for n in range(3):
        services.enrolment_register(course=course, person=person(f"P{n}", email=f"p{n}@test.vn"), actor=users["staff"])
    with pytest.raises(ValidationError, match=r"Đã có 3 chỗ được đăng ký: số chỗ không thể thấp hơn\."):
        services.course_update(course=course, actor=users["staff"], capacity=2)
    course.refresh_from_db()
    assert course.capacity == 3


# --- Attendance and certificates ---------------------------------------------------------------------
def test_attended_once_present_at_one_session_and_back_when_corrected(users):
    course = CourseFactory(status=CourseStatus.RUNNING)
    s1, s2 = SessionFactory(course=course), SessionFactory(course=course, start_time=datetime.time(13, 30))
    e = services.enrolment_register(course=course, person=person(email="a@test.vn"), actor=users["staff"])
    services.attendance_set(session=s1, enrolment=e, present=False, actor=users["staff"])
    assert Enrolment.objects.get().status == "registered"
    services.attendance_set(session=s2, enrolment=e, present=True, actor=users["staff"])
    assert Enrolment.objects.get().status == "attended"
    services.attendance_set(session=s2, enrolment=e, present=False, actor=users["staff"])
    assert Enrolment.objects.get().status == "registered"


def test_mark_all_marks_seat_holders_only(users):
    course = CourseFactory(status=CourseStatus.RUNNING, capacity=2)
    session = SessionFactory(course=course)
    for n in range(3):
        services.enrolment_register(course=course, person=person(f"P{n}", email=f"p{n}@test.vn"), actor=users["staff"])
    assert services.attendance_mark_all(session=session, actor=users["staff"]) == 2
    assert sorted(Enrolment.objects.values_list("status", flat=True)) == ["attended", "attended", "waitlisted"]
    assert Attendance.objects.filter(present=True).count() == 2
    assert services.attendance_mark_all(session=session, actor=users["staff"]) == 2  # idempotent
    assert Attendance.objects.count() == 2


def test_attendance_refused_for_planned_course_and_for_waitlisted(users):
    course = CourseFactory(status=CourseStatus.PLANNED)
    session = SessionFactory(course=course)
    e = services.enrolment_register(course=course, person=person(email="a@test.vn"), actor=users["staff"])
    with pytest.raises(
        ValidationError,
        match=r"Chỉ điểm danh được cho khóa học đang mở đăng ký, đang diễn ra hoặc đã kết thúc\.",
    ):
        services.attendance_set(session=session, enrolment=e, present=True, actor=users["staff"])
    assert Attendance.objects.count() == 0


def test_certificates_are_numbered_with_unique_codes(users):
    course = CourseFactory(status=CourseStatus.RUNNING)
    session = SessionFactory(course=course)
    for n in range(3):
        services.enrolment_register(course=course, person=person(f"P{n}", email=f"p{n}@test.vn"), actor=users["staff"])
    services.attendance_mark_all(session=session, actor=users["staff"])
    absent = Enrolment.objects.order_by("pk").last()
    services.attendance_set(session=session, enrolment=absent, present=False, actor=users["staff"])
    assert services.course_certify_attended(course=course, actor=users["staff"]) == 2
    certified = list(Enrolment.objects.filter(status="certified").order_by("pk"))
    year = course.end_date.year
    assert [e.certificate_number for e in certified] == [f"{year}/{course.pk:04d}-001", f"{year}/{course.pk:04d}-002"]
    assert len({e.verification_code for e in certified}) == 2
    with pytest.raises(
        ValidationError,
        match=r"Không thể chuyển lượt đăng ký đang ở trạng thái “Đã đăng ký” sang “Đã cấp chứng nhận”\.",
    ):
        services.enrolment_certify(enrolment=absent, actor=users["staff"])  # registered, not attended


def test_participant_factory_keys():
    p = ParticipantFactory(email=" X@Test.VN ", phone="+84 (905) 000-111")
    assert (p.email_key, p.phone_key) == ("x@test.vn", "0905000111")


def test_registration_and_promotion_mail_the_participant_after_commit(
    users, mailoutbox, django_capture_on_commit_callbacks
):
    course = CourseFactory(capacity=1)
    staff = users["staff"]
    with django_capture_on_commit_callbacks(execute=True):
        first = services.enrolment_register(course=course, person=person("A", email="a@test.vn"), actor=staff)
        services.enrolment_register(course=course, person=person("B", email="b@test.vn"), actor=staff)
    assert [m.to for m in mailoutbox] == [["a@test.vn", staff.email], ["b@test.vn", staff.email]]
    assert "Đã đăng ký" in mailoutbox[0].body
    assert "Trong danh sách chờ" in mailoutbox[1].body
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_cancel(enrolment=first, actor=staff)
    assert mailoutbox[-1].to == ["b@test.vn", staff.email]
    assert "danh sách chờ vào danh sách học viên" in mailoutbox[-1].body


def test_staff_registers_a_person_of_any_enterprise_by_tax_code(client_for, users):
    from django.urls import reverse

    ent = EnterpriseFactory(tax_code="0314409058")
    course = CourseFactory()
    response = client_for(users["staff"]).post(
        reverse("training:register", args=[course.pk]),
        {"full_name": "Đoàn Minh Khoa", "phone": "0905 000 111", "tax_code": "0314409058"},
    )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    assert (enrolment.enterprise, enrolment.participant.phone_key, enrolment.registered_by) == (
        ent,
        "0905000111",
        users["staff"],
    )


def test_attendance_for_a_session_still_to_come_is_refused_and_nothing_is_saved(users):
    course = CourseFactory(status=CourseStatus.RUNNING)  # began yesterday, ends today
    tomorrow = SessionFactory(course=course, date=timezone.localdate() + datetime.timedelta(days=1))
    course.end_date = tomorrow.date
    course.save()
    e = services.enrolment_register(course=course, person=person(email="a@test.vn"), actor=users["staff"])
    audits = AuditEvent.objects.count()
    expected = f"Buổi học ngày {tomorrow.date:%d/%m/%Y} chưa diễn ra"
    with pytest.raises(ValidationError, match=expected):
        services.attendance_set(session=tomorrow, enrolment=e, present=True, actor=users["staff"])
    with pytest.raises(ValidationError, match=expected):
        services.attendance_mark_all(session=tomorrow, actor=users["staff"])
    assert Attendance.objects.count() == 0
    assert Enrolment.objects.get().status == "registered"
    assert AuditEvent.objects.count() == audits
    today = SessionFactory(course=course, date=timezone.localdate())  # the day itself is allowed
    services.attendance_set(session=today, enrolment=e, present=True, actor=users["staff"])
    assert Enrolment.objects.get().status == "attended"


def test_training_e_mails_link_absolutely_to_their_page(
    users, mailoutbox, settings, client, client_for, django_capture_on_commit_callbacks
):
    """Registration and promotion link to the course's public page, the certificate e-mail to its
    verification page, all on the configured site (issue #13); each link opens."""
    import re
    from urllib.parse import urlsplit

    from django.urls import reverse

    settings.SITE_URL = "https://nangsuat.example.gov.vn"
    course = CourseFactory(capacity=1, status=CourseStatus.RUNNING)
    session = SessionFactory(course=course)
    staff = users["staff"]
    with django_capture_on_commit_callbacks(execute=True):
        first = services.enrolment_register(course=course, person=person("A", email="a@test.vn"), actor=staff)
        second = services.enrolment_register(course=course, person=person("B", email="b@test.vn"), actor=staff)
        services.enrolment_cancel(enrolment=first, actor=staff)
    course_link = f"https://nangsuat.example.gov.vn{reverse('training:course_public', args=[course.pk])}"
    assert [re.findall(r"\S+://\S+", m.body) for m in mailoutbox] == [[course_link]] * 3
    assert client.get(urlsplit(course_link).path).status_code == 200

    services.attendance_set(session=session, enrolment=second, present=True, actor=staff)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_certify(enrolment=second, actor=staff)
    second.refresh_from_db()
    (message,) = mailoutbox
    assert message.to == ["b@test.vn", staff.email]
    assert second.certificate_number in message.body
    (link,) = re.findall(r"\S+://\S+", message.body)
    assert link == f"https://nangsuat.example.gov.vn/training/verify/{second.verification_code}/"
    assert client.get(urlsplit(link).path).status_code == 200
