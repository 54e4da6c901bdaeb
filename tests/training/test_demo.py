import pytest
from django.core.management import call_command

from programs.demo import demo_plan
from programs.selectors import plan_kpis
from training.models import Attendance, Course, CourseStatus, Enrolment, Participant

pytestmark = pytest.mark.django_db


def test_demo_data_gives_realistic_progress_on_targets_a_and_b_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    kpis = {r.code: r for r in plan_kpis(plan=demo_plan()) if r.indicator.measure == "training.person_times"}
    assert {y: int(v) for y, v in kpis["a.1"].yearly_actual.items()} == {2021: 3, 2022: 3, 2023: 4, 2024: 3, 2025: 4}
    assert int(kpis["a.1"].period_actual) == 17  # target 15-20
    assert int(kpis["b.1"].period_actual) == 935  # target about 900
    assert set(Course.objects.values_list("kind__code", flat=True)) == {"expert", "manager", "apo", "seminar", "other"}
    assert Course.objects.filter(status=CourseStatus.OPEN).count() == 2
    assert Course.objects.filter(status=CourseStatus.CANCELLED).count() == 1
    counts = (
        Course.objects.count(),
        Participant.objects.count(),
        Enrolment.objects.count(),
        Attendance.objects.count(),
    )
    call_command("seed_demo", verbosity=0)
    assert (
        Course.objects.count(),
        Participant.objects.count(),
        Enrolment.objects.count(),
        Attendance.objects.count(),
    ) == counts
