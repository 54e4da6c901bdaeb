"""Acceptance: the participant / attendance import — bad rows reported with reasons, good rows
committed, and importing the same file again changes nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from core.models import AuditEvent
from training.importing import ParticipantImporter, participants_import
from training.models import Attendance, CourseStatus, Enrolment, Participant

from .factories import CourseFactory, EnterpriseFactory, ParticipantFactory, SessionFactory

pytestmark = pytest.mark.django_db

with translation.override("vi"):
    HEADER = [str(column.label) for column in ParticipantImporter.columns]  # as in the template


def xlsx(rows, header=HEADER) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def course():
    course = CourseFactory(status=CourseStatus.RUNNING, capacity=5)
    SessionFactory(course=course)
    SessionFactory(course=course, start_time=None)
    return course


@pytest.fixture
def enterprise():
    return EnterpriseFactory(tax_code="0100233488", name="Công ty Cổ phần Ví Dụ")


def rows(enterprise):
    return [
        ["Nguyễn Thị Thu Hà", "ha@test.vn", "0905 123 456", "Nữ", 1986, "Trưởng phòng", enterprise.tax_code, "", "x"],
        ["Trần Văn Bình", "", "0911222333", "Nam", 1979, "Giám đốc", "", "UBND huyện Duy Xuyên", "0"],
        ["Lê Văn Cường", "cuong@test.vn", "", "", "", "", "", "", ""],
        ["", "thieu-ten@test.vn", "", "", "", "", "", "", "x"],  # no name
        ["Phạm Văn Dũng", "khong-phai-email", "", "", "", "", "", "", ""],  # bad e-mail
        ["Hồ Thị Em", "em@test.vn", "", "Không rõ", 2030, "", "9999999999", "", "có lẽ"],  # four problems
        ["Võ Văn Phong", "", "", "", "", "", "", "", ""],  # cannot be recognised
        ["Nguyễn Thị Thu Hà", "HA@test.vn", "", "", "", "", "", "", ""],  # duplicate of row 2
    ]


def test_dry_run_reports_bad_rows_with_reasons_and_writes_nothing(course, enterprise):
    report = ParticipantImporter(course=course).dry_run(xlsx(rows(enterprise)))
    assert report.ok
    assert report.counts == {"create": 3, "update": 0, "unchanged": 0, "error": 5}
    errors = {r.row_number: r.errors for r in report.errors}
    assert sorted(errors) == [5, 6, 7, 8, 9]
    assert errors[5] == ["Thiếu họ và tên."]
    assert errors[6] == ["Địa chỉ thư điện tử khong-phai-email không hợp lệ."]
    assert len(errors[7]) == 4
    assert "0100233488" not in " ".join(errors[7])
    assert "9999999999" in " ".join(errors[7])
    assert "2" in errors[9][0]  # the duplicate names the first row
    assert (Participant.objects.count(), Enrolment.objects.count(), Attendance.objects.count()) == (0, 0, 0)


def test_commit_writes_good_rows_and_a_second_import_changes_nothing(course, enterprise, users):
    data = xlsx(rows(enterprise))
    report = participants_import(course=course, source=data, actor=users["staff"])
    assert report.committed
    assert report.counts == {"create": 3, "update": 0, "unchanged": 0, "error": 5}
    enrolments = {e.participant.full_name: e for e in Enrolment.objects.select_related("participant", "enterprise")}
    assert sorted(enrolments) == ["Lê Văn Cường", "Nguyễn Thị Thu Hà", "Trần Văn Bình"]
    ha = enrolments["Nguyễn Thị Thu Hà"]
    assert (ha.status, ha.enterprise, ha.participant.gender, ha.participant.birth_year) == (
        "attended",
        enterprise,
        "female",
        1986,
    )
    assert enrolments["Trần Văn Bình"].status == "registered"  # marked absent at both sessions
    assert enrolments["Trần Văn Bình"].participant.organisation == "UBND huyện Duy Xuyên"
    assert Attendance.objects.filter(present=True).count() == 2
    assert Attendance.objects.filter(present=False).count() == 2
    before = (
        list(Enrolment.objects.values_list("pk", "status", "registered_at")),
        list(Attendance.objects.values_list("pk", "present", "marked_at")),
        Participant.objects.count(),
        AuditEvent.objects.filter(action__startswith="training.enrolment").count(),
    )
    again = participants_import(course=course, source=data, actor=users["staff"])
    assert again.counts == {"create": 0, "update": 0, "unchanged": 3, "error": 5}
    after = (
        list(Enrolment.objects.values_list("pk", "status", "registered_at")),
        list(Attendance.objects.values_list("pk", "present", "marked_at")),
        Participant.objects.count(),
        AuditEvent.objects.filter(action__startswith="training.enrolment").count(),
    )
    assert after == before


def test_a_known_person_is_reused_and_an_attendance_change_is_an_update(course, enterprise, users):
    known = ParticipantFactory(full_name="Lê Văn Cường", email="cuong@test.vn")
    participants_import(course=course, source=xlsx(rows(enterprise)), actor=users["staff"])
    assert Enrolment.objects.get(participant__full_name="Lê Văn Cường").participant == known
    changed = xlsx([["Lê Văn Cường", "cuong@test.vn", "", "", "", "", "", "", "x"]])
    report = participants_import(course=course, source=changed, actor=users["staff"])
    assert report.counts == {"create": 0, "update": 1, "unchanged": 0, "error": 0}
    assert Enrolment.objects.get(participant=known).status == "attended"


def test_attendance_beyond_capacity_is_refused_row_by_row(users):
    course = CourseFactory(status=CourseStatus.RUNNING, capacity=1)
    SessionFactory(course=course)
    data = xlsx([[f"Người {n}", f"n{n}@test.vn", "", "", "", "", "", "", "x"] for n in range(2)])
    report = participants_import(course=course, source=data, actor=users["staff"])
    assert report.counts == {"create": 1, "update": 0, "unchanged": 0, "error": 1}
    assert report.errors[0].errors == [
        "Khóa học đã đủ chỗ (1 chỗ): hãy tăng số chỗ trước khi nhập điểm danh cho thêm người."
    ]
    assert Enrolment.objects.filter(status="attended").count() == 1


def test_wrong_file_is_refused_whole(course, users):
    report = participants_import(course=course, source=b"not a workbook", actor=users["staff"])
    assert report.file_errors
    assert not report.committed
    report = participants_import(course=course, source=xlsx([["a"]], header=["Tên gì đó"]), actor=users["staff"])
    assert report.file_errors
    assert Enrolment.objects.count() == 0


def test_import_pages_dry_run_then_commit(client_for, users, course, enterprise, post_and_follow):
    c = client_for(users["staff"])
    url = reverse("training:import", args=[course.pk])
    assert c.get(reverse("training:import_template", args=[course.pk])).status_code == 200
    upload = SimpleUploadedFile("ds.xlsx", xlsx(rows(enterprise)))
    response = post_and_follow(c, url, {"file": upload})
    assert response.status_code == 200
    assert response.context["report"].counts["create"] == 3
    assert Enrolment.objects.count() == 0
    job = response.context["job"]
    response = post_and_follow(c, reverse("training:import_commit", args=[course.pk]), {"job": job.pk})
    assert response.status_code == 200
    assert response.context["report"].committed
    assert Enrolment.objects.count() == 3
    # Another staff member cannot see or commit this person's job.
    other = client_for(users["admin"])
    assert other.get(f"{url}?job={job.pk}").status_code == 404
    # enterprise users have no access
    assert client_for(users["enterprise"]).get(url).status_code == 403


def test_the_same_new_person_twice_in_a_file_is_a_duplicate_row(course, users):
    data = xlsx(
        [
            ["Ngô Thị Lan", "lan@test.vn", "0905 777 888", "", "", "", "", "", ""],
            ["Ngô Thị Lan", "", "0905777888", "", "", "", "", "", "x"],  # same phone, no other e-mail
        ]
    )
    report = participants_import(course=course, source=data, actor=users["staff"])
    assert report.committed
    assert report.counts == {"create": 1, "update": 0, "unchanged": 0, "error": 1}
    assert report.errors[0].errors == ["Trùng với dòng 2 trong tệp này (cùng khóa lan@test.vn)."]
    assert Enrolment.objects.count() == 1
