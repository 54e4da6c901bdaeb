"""Training views: public calendar and certificate check, registration, staff course, attendance, participant and import pages."""

from .attendance import attendance_mark, attendance_mark_all, attendance_sheet
from .common import XLSX, CourseQuery, SearchQuery
from .courses import (
    course_certify,
    course_create,
    course_detail,
    course_edit,
    course_list,
    course_status,
    enrolment_certify,
    session_add,
)
from .participants import import_commit, import_template, import_upload, participant_list, person_times
from .public import calendar, course_public, verify, verify_code
from .registration import enrolment_cancel, enrolment_certificate, enrolment_detail, my_enrolments, register

__all__ = [
    "CourseQuery",
    "SearchQuery",
    "XLSX",
    "attendance_mark",
    "attendance_mark_all",
    "attendance_sheet",
    "calendar",
    "course_certify",
    "course_create",
    "course_detail",
    "course_edit",
    "course_list",
    "course_public",
    "course_status",
    "enrolment_cancel",
    "enrolment_certificate",
    "enrolment_certify",
    "enrolment_detail",
    "import_commit",
    "import_template",
    "import_upload",
    "my_enrolments",
    "participant_list",
    "person_times",
    "register",
    "session_add",
    "verify",
    "verify_code",
]
