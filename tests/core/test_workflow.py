"""One table-driven workflow for every stateful model (core.workflow.Workflow)."""

import pytest
from django.utils import translation

from core.models import AuditEvent
from core.workflow import InvalidTransition, Workflow, final_states, states_leading_to
from enterprises.models import Representative
from programs.applications.models import CLOSED_STATUSES, TRANSITIONS, WITHDRAWABLE_STATUSES, SupportApplication
from programs.models import BudgetEstimate, PartnerReport, Plan
from reports.models import ReportRun
from tests.training.factories import CourseFactory, EnrolmentFactory
from training.models import Course, CourseStatus, Enrolment, EnrolmentStatus

pytestmark = pytest.mark.django_db

STATEFUL = [SupportApplication, BudgetEstimate, PartnerReport, Plan, Course, Enrolment, ReportRun, Representative]


@pytest.mark.parametrize("model", STATEFUL, ids=lambda m: m.__name__)
def test_every_stateful_model_uses_the_one_workflow_with_a_complete_table(model):
    assert issubclass(model, Workflow)
    statuses = {str(s) for s in model.STATUSES}
    assert {str(s) for s in model.TRANSITIONS} == statuses  # every state has its row
    assert {str(t) for targets in model.TRANSITIONS.values() for t in targets} <= statuses
    assert "transition_to" not in model.__dict__  # no model keeps a transition of its own


def test_a_move_the_table_refuses_says_so_in_vietnamese_and_changes_nothing(make_user):
    course = CourseFactory(status=CourseStatus.PLANNED)
    with translation.override("vi"), pytest.raises(InvalidTransition) as refused:
        course.transition_to(CourseStatus.FINISHED, actor=make_user("staff"))
    with translation.override("vi"):
        message = refused.value.messages[0]
    assert message == "Không thể chuyển khóa học đang ở trạng thái “Dự kiến” sang “Đã kết thúc”."
    course.refresh_from_db()
    assert course.status == CourseStatus.PLANNED
    assert not AuditEvent.objects.exists()


def test_a_move_saves_the_status_and_writes_one_event_with_who_what_and_why(make_user):
    staff = make_user("staff")
    course = CourseFactory(status=CourseStatus.PLANNED, place="Tam Kỳ")
    course.place = "Hội An"  # not among the fields the move saves
    course.transition_to(CourseStatus.RUNNING, actor=staff, reason="Khai giảng sớm")
    course.refresh_from_db()
    assert (course.status, course.place) == (CourseStatus.RUNNING, "Tam Kỳ")
    event = AuditEvent.objects.get()
    assert (event.actor, event.action, event.reason, event.data) == (
        staff,
        "training.course.running",
        "Khai giảng sớm",
        {"from_status": "planned", "to_status": "running"},
    )


def test_a_bulk_move_checks_each_row_and_audits_each_in_one_insert(make_user, django_assert_num_queries):
    staff = make_user("staff")
    course = CourseFactory(status=CourseStatus.RUNNING)
    enrolments = [EnrolmentFactory(course=course) for _ in range(3)]
    with django_assert_num_queries(3):  # one UPDATE of the rows, the content type, one INSERT of the events
        Enrolment.bulk_transition_to(
            enrolments, EnrolmentStatus.ATTENDED, actor=staff, action="training.enrolment_attended"
        )
    assert sorted(Enrolment.objects.values_list("status", flat=True)) == ["attended"] * 3
    assert all(e.attended_at is not None for e in Enrolment.objects.all())
    assert AuditEvent.objects.filter(action="training.enrolment_attended").count() == 3
    certified = EnrolmentFactory(course=course, status=EnrolmentStatus.CERTIFIED)
    with pytest.raises(InvalidTransition, match="cannot become|Không thể chuyển"):
        Enrolment.bulk_transition_to([certified], EnrolmentStatus.REGISTERED, actor=staff)
    certified.refresh_from_db()
    assert certified.status == EnrolmentStatus.CERTIFIED


def test_the_sets_of_states_are_read_off_the_table():
    assert WITHDRAWABLE_STATUSES == tuple(s for s, targets in TRANSITIONS.items() if "withdrawn" in targets)
    assert CLOSED_STATUSES == tuple(s for s, targets in TRANSITIONS.items() if not targets)
    table = {"a": {"b"}, "b": {"c", "a"}, "c": set()}
    assert states_leading_to(table, "a") == ("b",)
    assert final_states(table) == ("c",)
