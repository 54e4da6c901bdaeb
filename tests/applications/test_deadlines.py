"""The processing clock on hand-computed dates: holidays, the time "returned" not counted, the late
and due-soon lists, on-time shares by month and reviewer, the queue, and the reminder e-mails."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from core import workdays
from core.outbox import outbox_deliver
from programs.applications import deadlines, services
from programs.applications.models import Reminder, Status, SupportApplication
from programs.applications.reminders import reminders_send
from programs.applications.tasks import send_reminders
from programs.periods import DateRange, Year, calendar_year
from tests.programs.factories import AgencyFactory

from .conftest import make_draft
from .factories import EnterpriseFactory, EstimateFactory, RepresentativeFactory

D = datetime.date


def at(day: datetime.date):
    """10:00 in Hà Nội on ``day`` (03:00 UTC)."""
    return freeze_time(f"{day.isoformat()} 03:00:00")


def test_the_calendar_knows_tet_hung_kings_and_swapped_saturdays():
    # Tết Ất Tỵ 2025: 27/01-31/01 off (Mon-Fri); the Hùng Kings' day 10/3 lunar = Mon 07/04/2025.
    assert [workdays.is_working_day(D(2025, 1, day)) for day in (24, 27, 28, 29, 30, 31)] == [True] + [False] * 5
    assert workdays.is_working_day(D(2025, 2, 3))
    assert not workdays.is_working_day(D(2025, 4, 7))
    assert workdays.holiday_name(D(2025, 4, 7)) == "Ngày Giỗ Tổ Hùng Vương"
    # 02/05/2025 off, Saturday 26/04/2025 worked instead.
    assert not workdays.is_working_day(D(2025, 5, 2))
    assert workdays.is_working_day(D(2025, 4, 26))
    assert workdays.add_working_days(D(2025, 1, 22), 15) == D(2025, 2, 19)
    assert workdays.working_days_between(D(2025, 1, 22), D(2025, 2, 19)) == 15


def test_due_date_of_an_application_submitted_before_tet_skips_the_holiday(world):
    with at(D(2025, 1, 22)):  # Wednesday, a week before Tết
        app = make_draft(world)
        services.application_submit(application=app, actor=world.rep)
    app.refresh_from_db()
    # 15 working days after 22/01: 23, 24 | Tết 27-31 | 3-7, 10-14, 17, 18, 19 February.
    assert app.due_on == D(2025, 2, 19)
    assert app.due_on != D(2025, 2, 12)  # what a calendar without Tết would promise
    clock = deadlines.clock_for(app)
    assert (clock.received_on, clock.days_left(D(2025, 2, 3))) == (D(2025, 1, 22), 12)


def _return(world, app, day):
    with at(day):
        services.application_return_for_supplement(
            application=app, actor=world.staff, reasons="Bổ sung báo giá.", deadline=day + datetime.timedelta(days=20)
        )


def _resubmit(world, app, day):
    with at(day):
        services.application_resubmit(application=app, actor=world.rep, response="Đã bổ sung báo giá.")


def test_time_spent_returned_is_not_counted(world):
    with at(D(2025, 3, 3)):  # Monday
        app = make_draft(world)
        services.application_submit(application=app, actor=world.rep)
    app.refresh_from_db()
    assert app.due_on == D(2025, 3, 24)
    _return(world, app, D(2025, 3, 10))  # 4, 5, 6, 7, 10 March: 5 working days used
    app.refresh_from_db()
    assert (app.due_on, app.working_days_used) == (None, 5)
    assert not deadlines.late(SupportApplication.objects.all(), today=D(2025, 4, 30)).exists()
    _resubmit(world, app, D(2025, 3, 22))  # a Saturday: received again on Monday 24 March
    app.refresh_from_db()
    # 10 days left from 24/03: 25-28, 31, 1-4 April (9), Hùng Kings Monday 07/04 off, 08/04 (10).
    assert app.due_on == D(2025, 4, 8)
    with at(D(2025, 4, 8)):
        services.application_reject(application=app, actor=world.staff, reason="Không đủ điều kiện.")
    app.refresh_from_db()
    assert (app.decided_on, app.working_days_used, app.decided_on_time) == (D(2025, 4, 8), 15, True)
    # Had the 10 days with the enterprise counted, the decision would have been 26 working days late.
    assert workdays.working_days_between(D(2025, 3, 3), D(2025, 4, 8)) == 25


@pytest.fixture
def fixed_set(world, make_user):
    """Eight applications with hand-computed clocks (15 working days each); see the test."""
    world.staff.full_name, staff2 = "Lan Nguyễn", make_user("staff", full_name="Minh Trần")
    world.staff.save()
    EstimateFactory(plan=world.estimate.plan, source=world.estimate.source, year=2025)
    apps = {}

    def submit(name, day, rep=None):
        with at(day):
            app = make_draft(world, rep=rep)
            services.application_submit(application=app, actor=rep or world.rep)
        apps[name] = app
        return app

    def review(name, day, staff):
        with at(day):
            services.application_start_review(application=apps[name], actor=staff)

    def reject(name, day):
        with at(day):
            services.application_reject(application=apps[name], actor=world.staff, reason="Không đủ điều kiện.")

    # H: decision signed on Friday 21/03 (14 working days), recorded on 25/03 (it would be 16).
    other = RepresentativeFactory(enterprise=EnterpriseFactory()).user
    h = submit("H", D(2025, 3, 3), rep=other)
    review("H", D(2025, 3, 4), staff2)
    with at(D(2025, 3, 18)):
        services.application_record_checklist(
            application=h, actor=staff2, results={i.pk: (True, "") for i in h.checklist.all()}
        )
        services.application_recommend(application=h, actor=staff2)
    with at(D(2025, 3, 20)):
        services.application_approve_budget(application=h, actor=world.finance)
    with at(D(2025, 3, 25)):
        services.application_approve(
            application=h, actor=world.leader, decision_number="12/QĐ-SKHCN", decision_date=D(2025, 3, 21)
        )
    submit("A", D(2025, 3, 3))  # refused Friday 14/03: 9 working days, on time
    review("A", D(2025, 3, 4), world.staff)
    reject("A", D(2025, 3, 14))
    submit("B", D(2025, 3, 3))  # 5 days, returned 10/03 → 22/03, refused 08/04: 15 days, on time
    review("B", D(2025, 3, 4), staff2)
    _return(world, apps["B"], D(2025, 3, 10))
    _resubmit(world, apps["B"], D(2025, 3, 22))
    reject("B", D(2025, 4, 8))
    submit("C", D(2025, 3, 3))  # refused Thursday 27/03: 18 working days, late
    review("C", D(2025, 3, 4), world.staff)
    reject("C", D(2025, 3, 27))
    submit("D", D(2025, 3, 3))  # undecided, due 24/03: late on 09/04
    review("D", D(2025, 3, 5), world.staff)
    submit("E", D(2025, 3, 24))  # undecided, due 15/04 (Hùng Kings on 07/04): not yet due soon on 09/04
    submit("F", D(2025, 3, 21))  # undecided, due 14/04: due soon on 09/04
    review("F", D(2025, 3, 24), staff2)
    submit("G", D(2025, 3, 3))  # returned on 10/03 and still with the enterprise: paused, not late
    _return(world, apps["G"], D(2025, 3, 10))
    for app in apps.values():
        app.refresh_from_db()
    return apps, staff2


def test_late_list_and_on_time_shares_match_hand_computed_values(fixed_set, world, client_for, settings):
    apps, staff2 = fixed_set
    due = {name: app.due_on for name, app in apps.items()}
    assert due == {
        "H": D(2025, 3, 24),
        "A": D(2025, 3, 24),
        "B": D(2025, 4, 8),
        "C": D(2025, 3, 24),
        "D": D(2025, 3, 24),
        "E": D(2025, 4, 15),
        "F": D(2025, 4, 14),
        "G": None,
    }
    used = {name: (app.working_days_used, app.decided_on_time) for name, app in apps.items() if app.decided_on}
    assert used == {"H": (14, True), "A": (9, True), "B": (15, True), "C": (18, False)}
    assert apps["H"].decided_on == D(2025, 3, 21)
    everything = SupportApplication.objects.all()
    today = D(2025, 4, 9)
    assert list(deadlines.late(everything, today=today)) == [apps["D"]]
    assert list(deadlines.due_soon(everything, today=today)) == [apps["F"]]

    months = deadlines.on_time_by_month(everything, within=calendar_year(2025))
    assert [(m.label, m.decided, m.on_time, m.late, str(m.on_time_share), str(m.late_share)) for m in months] == [
        ("03/2025", 3, 2, 1, "66.67", "33.33"),
        ("04/2025", 1, 1, 0, "100.00", "0.00"),
    ]
    reviewers = deadlines.on_time_by_reviewer(everything, within=calendar_year(2025))
    assert [(r.label, r.decided, r.on_time, str(r.on_time_share)) for r in reviewers] == [
        ("Lan Nguyễn", 2, 1, "50.00"),
        ("Minh Trần", 2, 2, "100.00"),
    ]
    (year,) = deadlines.service_figures(everything, years=[Year(2025, calendar_year(2025))])
    # Received 8; decided 4, 3 on time (75 %); median of 9, 14, 15, 18 working days = 14.5.
    assert (year.received, year.decided, year.on_time, str(year.on_time_share), str(year.median_working_days)) == (
        8,
        4,
        3,
        "75.00",
        "14.50",
    )

    # The staff queue filters and sorts the same way.
    settings.PORTAL_TODAY = "2025-04-09"
    client = client_for(world.staff)
    page = client.get(reverse("applications:queue"), {"deadline": "late"}).content.decode()
    codes = {name: app.reference_code for name, app in apps.items()}
    assert codes["D"] in page
    assert not any(codes[n] in page for n in "ABCEFGH")
    page = client.get(reverse("applications:queue"), {"deadline": "due_soon"}).content.decode()
    assert codes["F"] in page
    assert not any(codes[n] in page for n in "ABCDEGH")
    page = client.get(reverse("applications:queue"), {"sort": "due"}).content.decode()
    open_order = [codes[n] for n in ("D", "F", "E", "G")]  # G (paused) has no due date: last
    assert sorted(open_order, key=page.index) == open_order
    detail = client.get(reverse("applications:detail", args=[apps["D"].pk])).content.decode()
    assert "24/03/2025" in detail
    assert "Đã quá hạn giải quyết" in detail


def test_service_report_counts_by_local_day_and_takes_the_total_from_the_same_two_queries(
    fixed_set, django_assert_num_queries
):
    apps, _staff2 = fixed_set
    everything = SupportApplication.objects.all()
    local = timezone.get_current_timezone()
    # 00:30 on 18/03 in Việt Nam is still 17/03 in UTC: it is received on the 18th.
    late_evening, past_midnight = apps["A"], apps["B"]
    SupportApplication.objects.filter(pk=late_evening.pk).update(
        submitted_at=datetime.datetime(2025, 3, 17, 23, 59, tzinfo=local)
    )
    SupportApplication.objects.filter(pk=past_midnight.pk).update(
        submitted_at=datetime.datetime(2025, 3, 18, 0, 30, tzinfo=local)
    )
    years = [Year(1, DateRange(D(2025, 1, 1), D(2025, 3, 17))), Year(2, DateRange(D(2025, 3, 18), D(2025, 12, 31)))]
    two = everything.filter(pk__in=[late_evening.pk, past_midnight.pk])
    assert [y.received for y in deadlines.service_figures(two, years=years)] == [1, 1]

    with django_assert_num_queries(2):
        figures, total = deadlines.service_report(everything, years=years, within=calendar_year(2025))
    assert total == deadlines.service_totals(everything, within=calendar_year(2025))
    assert (total.received, total.decided, total.on_time, str(total.median_working_days)) == (8, 4, 3, "14.50")
    assert sum(y.received for y in figures) == 8
    assert sum(y.decided for y in figures) == 4
    # A range the years do not make up exactly is counted on its own.
    with django_assert_num_queries(4):
        _figures, spring = deadlines.service_report(
            everything, years=years, within=DateRange(D(2025, 3, 1), D(2025, 3, 31))
        )
    assert spring == deadlines.service_totals(everything, within=DateRange(D(2025, 3, 1), D(2025, 3, 31)))


def test_the_enterprise_sees_the_due_date(world, client_for):
    with at(D(2025, 1, 22)):
        app = make_draft(world)
        services.application_submit(application=app, actor=world.rep)
    with at(D(2025, 2, 3)):
        page = client_for(world.rep).get(reverse("applications:detail", args=[app.pk])).content.decode()
        mine = client_for(world.rep).get(reverse("applications:mine")).content.decode()
    assert "19/02/2025" in page
    assert "12 ngày làm việc" in page
    assert "19/02/2025" in mine


def test_reminder_goes_once_per_application_and_due_date(
    fixed_set, world, make_user, django_capture_on_commit_callbacks, settings
):
    apps, staff2 = fixed_set
    other_agency_staff = make_user("staff", agency=AgencyFactory(code="other-agency"))
    outbox_deliver()  # the e-mails the set-up promised go out first: only reminders are counted
    mail.outbox.clear()
    with freeze_time("2025-04-09 01:00:00"), django_capture_on_commit_callbacks(execute=True):
        first = send_reminders.delay().get()
        second = reminders_send()
    assert first["decision_due"] == 1
    assert second["decision_due"] == 0
    to_reviewer = [m for m in mail.outbox if staff2.email in m.to]
    assert len(to_reviewer) == 1
    assert apps["F"].reference_code in to_reviewer[0].subject
    assert "14/04/2025" in to_reviewer[0].subject
    assert list(Reminder.objects.values_list("application_id", "kind", "due_on")) == [
        (apps["F"].pk, "decision_due", D(2025, 4, 14))
    ]
    # A new due date is a new reminder: E falls due soon on 10/04 (15/04 is the third working day after).
    with freeze_time("2025-04-10 01:00:00"), django_capture_on_commit_callbacks(execute=True):
        assert reminders_send()["decision_due"] == 1
        assert reminders_send()["decision_due"] == 0
    assert Reminder.objects.count() == 2
    # An application without a reviewer: every specialist of its agency is told (#12), no one else's.
    assert apps["E"].reviewer_id is None
    assert world.staff.email in mail.outbox[-1].to
    assert staff2.email in mail.outbox[-1].to
    assert other_agency_staff.email not in mail.outbox[-1].to
    assert apps["E"].status == Status.SUBMITTED
