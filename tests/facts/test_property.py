"""Facts = raw recomputation after hundreds of random changes (enrolments and attendance,
applications through states and payment, enterprises, partner reports), each committed on its own
so that the refresh promised after commit runs; then the nightly rebuild gives the same rows."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facts.build import rebuild_all
from facts.models import FactMember, FactState, YearlyFact
from facts.reader import plan_fact_reader
from programs.applications.models import ApplicationEvent, Status, SupportApplication
from programs.measures import get_measure, stored_figure_builders
from programs.models import PartnerReport, PartnerReportStatus
from programs.periods import plan_periods
from tests.applications.factories import ApplicationFactory
from tests.training.factories import EnrolmentFactory
from training.models import Attendance, CourseSession, CourseStatus, Enrolment, EnrolmentStatus
from training.services import _sync_attendance_status

from .world import approved_partner_report, build_world

pytestmark = pytest.mark.django_db

DAYS = st.dates(min_value=datetime.date(2020, 12, 1), max_value=datetime.date(2026, 1, 31))
STATUSES = st.sampled_from(list(Status.values))

# One change: (kind, small integers picking the rows it touches, a day, a status).
KINDS = [
    # Weighted: the common changes (registration, attendance, applications moving) come more often.
    *["enrol"] * 3,
    *["attend"] * 3,
    *["unattend"] * 2,
    "certify",
    "cancel_enrolment",
    "cancel_course",
    "move_course",
    *["apply"] * 2,
    *["move_application"] * 2,
    "decide",
    "accept",
    "delete_application",
    "model",
    "unmodel",
    "partner",
    "unapprove_partner",
]
# One change: (kind, small integers picking the rows it touches, a day, a status).
CHANGE = st.tuples(st.sampled_from(KINDS), st.integers(0, 50), st.integers(0, 50), DAYS, STATUSES)


def _pick(rows, n):
    rows = list(rows)
    return rows[n % len(rows)] if rows else None


def apply_change(world, change) -> None:
    what, i, j, day, status = change
    firm = _pick(world.enterprises, i)
    course = _pick(world.courses, j)
    enrolments = Enrolment.objects.filter(course__plan=world.plan).order_by("pk")
    applications = SupportApplication.objects.filter(scheme__plan=world.plan).order_by("pk")
    if what == "enrol":
        EnrolmentFactory(
            course=course, enterprise=firm, status=EnrolmentStatus.ATTENDED if i % 3 == 0 else "registered"
        )
    elif what in ("attend", "unattend") and (enrolment := _pick(enrolments, i)):
        # The attendance sheet's path: a bulk update, not a save (no change listener).
        session = CourseSession.objects.get_or_create(course=enrolment.course, date=enrolment.course.start_date)[0]
        Attendance.objects.update_or_create(
            session=session, enrolment=enrolment, defaults={"present": what == "attend"}
        )
        _sync_attendance_status([enrolment.pk], None)
    elif what == "certify" and (enrolment := _pick(enrolments, i)):
        enrolment.status = EnrolmentStatus.CERTIFIED
        enrolment.save()
    elif what == "cancel_enrolment" and (enrolment := _pick(enrolments, i)):
        enrolment.status = EnrolmentStatus.CANCELLED
        enrolment.save()
    elif what == "cancel_course":
        course.status = CourseStatus.CANCELLED if course.status != CourseStatus.CANCELLED else CourseStatus.FINISHED
        course.save()
    elif what == "move_course":
        course.start_date = day - datetime.timedelta(days=2)
        course.end_date = day
        course.save()
    elif what == "apply":
        scheme = world.conformity if j % 3 == 0 else world.scheme
        ApplicationFactory(scheme=scheme, enterprise=firm, status=status, decision_date=day, accepted_on=day)
    elif what == "move_application" and (application := _pick(applications, i)):
        previous, application.status = application.status, status
        application.save()
        ApplicationEvent.objects.create(application=application, from_status=previous, to_status=status)
    elif what == "decide" and (application := _pick(applications, i)):
        application.decision_date = day
        application.save()
    elif what == "accept" and (application := _pick(applications, i)):
        application.accepted_on = day
        application.status = Status.DISBURSED if j % 2 else Status.ACCEPTED
        application.save()
    elif what == "delete_application" and (application := _pick(applications, i)):
        application.delete()
    elif what == "model":
        firm.is_model, firm.model_since = True, day
        firm.save()
    elif what == "unmodel":
        firm.is_model = False
        firm.save()
    elif what == "partner":
        approved_partner_report(world, 2021 + i % 5, j)
    elif what == "unapprove_partner" and (report := _pick(PartnerReport.objects.filter(plan=world.plan), i)):
        report.status = PartnerReportStatus.DRAFT if report.status == PartnerReportStatus.APPROVED else "approved"
        report.save()


def raw_figures(plan):
    """Every indicator's yearly counts and whole-span distinct count, from the raw rows."""
    periods = plan_periods(plan)
    figures = {}
    for indicator in plan.objectives.get().indicators.order_by("code"):
        measure = get_measure(indicator.measure)
        counts = measure.counts(plan=plan, indicator=indicator, ranges=periods.ranges)
        distinct = measure.distinct and [
            measure.distinct(plan=plan, indicator=indicator, within=within)
            for within in (periods.whole, *periods.ranges)
        ]
        figures[indicator.code] = ([Decimal(n) for n in counts], distinct)
    for key, build in stored_figure_builders().items():  # the dashboard's blocks, each span kept
        for span in stored_spans(plan):
            figures[key, span.years[0].year, span.years[-1].year] = build(plan=plan, periods=span)
    return figures


def stored_spans(plan):
    return [plan_periods(plan, year_from=y, year_to=y) for y in plan.years] + [plan_periods(plan)]


def fact_figures(plan):
    periods = plan_periods(plan)
    reader = plan_fact_reader(plan=plan, periods=periods)
    assert reader is not None, "the facts must be fresh after the refresh"
    figures = {}
    for indicator in plan.objectives.get().indicators.order_by("code"):
        measure = get_measure(indicator.measure)
        counts = reader.counts(indicator, periods.ranges)
        distinct = measure.distinct and [reader.distinct(indicator, w) for w in (periods.whole, *periods.ranges)]
        figures[indicator.code] = ([Decimal(n) for n in counts], distinct)
    for key in stored_figure_builders():
        for span in stored_spans(plan):
            figures[key, span.years[0].year, span.years[-1].year] = reader.figures(key, span)
    return figures


def fact_rows(plan):
    facts = sorted(
        YearlyFact.objects.filter(plan=plan).values_list("indicator_id", "year", "unit_id", "sector_id", "value"),
        key=str,
    )
    members = sorted(FactMember.objects.filter(plan=plan).values_list("indicator_id", "year", "member"))
    return facts, members


@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(changes=st.lists(CHANGE, min_size=70, max_size=90))
def test_facts_equal_raw_recomputation_after_random_changes(changes, django_capture_on_commit_callbacks):
    with transaction.atomic():  # each example starts from an empty database
        world = build_world()
        applied = 0
        for change in changes:
            with django_capture_on_commit_callbacks(execute=True):
                applied += _commit(world, change)
            # Every change is refreshed after its commit: nothing is left stale, and the facts
            # equal the raw recomputation after each change.
            assert FactState.objects.get(plan=world.plan).stale is False
            assert fact_figures(world.plan) == raw_figures(world.plan), change
        assert applied > len(changes) // 2
        refreshed = fact_rows(world.plan)
        rebuild_all()
        assert fact_rows(world.plan) == refreshed
        transaction.set_rollback(True)


def _commit(world, change) -> int:
    """Apply one change in its own transaction (1), or nothing when a constraint refuses it (0)."""
    try:
        with transaction.atomic():
            apply_change(world, change)
    except IntegrityError:
        return 0
    return 1
