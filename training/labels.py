"""The audit actions of training (see ``core.labels``)."""

from django.utils.translation import gettext_lazy as _

from core.labels import status_family

from .models import EnrolmentStatus

ACTIONS = {
    "training.course_created": _("Course created"),
    "training.course_updated": _("Course updated"),
    "training.course_status": _("Course status changed"),
    "training.session_added": _("Session added"),
    **status_family("training.enrolment_", EnrolmentStatus.choices, _("Enrolment: {status}")),
    "training.enrolment_promoted": _("Enrolment moved up from the waiting list"),
    "training.enrolment_absent": _("Enrolment: absent from every session, back to registered"),
    "training.attendance_set": _("Attendance marked"),
    "training.attendance_all": _("Attendance marked for everyone"),
    "training.participants_imported": _("Participants imported"),
}
