"""The one period model: data years by the plan's rule, spans, report years, and what it allows."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from programs.models import Activity, PartnerReport
from programs.periods import (
    Basis,
    DateRange,
    calendar_year,
    data_year,
    data_year_of,
    latest_ended_data_year,
    plan_periods,
    plan_span,
    report_periods,
)
from programs.services.activities import activity_save

from .factories import ActivityFactory, PartnerOrganisationFactory, PlanFactory

d = datetime.date
pytestmark = pytest.mark.django_db


def test_data_years_follow_the_plans_rule():
    decree_09 = PlanFactory(start_year=2021, end_year=2025)
    assert data_year(decree_09, 2021) == DateRange(d(2020, 12, 15), d(2021, 12, 14))
    assert plan_span(decree_09) == DateRange(d(2020, 12, 15), d(2025, 12, 14))
    assert [data_year_of(decree_09, day) for day in (d(2021, 12, 14), d(2021, 12, 15), d(2021, 12, 31))] == [
        2021,
        2022,
        2022,
    ]
    assert latest_ended_data_year(decree_09, d(2024, 12, 14)) == 2023
    assert latest_ended_data_year(decree_09, d(2024, 12, 15)) == 2024
    calendar = PlanFactory(start_year=2026, end_year=2030, data_year_start_month=1, data_year_start_day=1)
    assert data_year(calendar, 2026) == calendar_year(2026) == DateRange(d(2026, 1, 1), d(2026, 12, 31))
    fiscal = PlanFactory(start_year=2026, end_year=2030, data_year_start_month=10, data_year_start_day=1)
    assert data_year(fiscal, 2026) == DateRange(d(2025, 10, 1), d(2026, 9, 30))
    periods = plan_periods(decree_09, year_from=2024, basis=Basis.CALENDAR)
    assert periods.year_numbers == [2024, 2025]
    assert periods.whole == DateRange(d(2024, 1, 1), d(2025, 12, 31))


def test_a_rule_on_a_day_that_does_not_exist_is_refused():
    plan = PlanFactory.build(start_year=2021, end_year=2025, data_year_start_month=2, data_year_start_day=29)
    with pytest.raises(ValidationError, match="không dùng ngày 29 tháng 2"):
        plan.full_clean()


def test_report_years_are_the_data_years_met_cut_to_the_period():
    plan = PlanFactory(start_year=2021, end_year=2025)
    periods = report_periods(plan, d(2021, 6, 1), d(2022, 3, 31))
    assert [(y.year, y.range) for y in periods.years] == [
        (2021, DateRange(d(2021, 6, 1), d(2021, 12, 14))),
        (2022, DateRange(d(2021, 12, 15), d(2022, 3, 31))),
    ]
    assert periods.whole == DateRange(d(2021, 6, 1), d(2022, 3, 31))


def test_activities_of_15_to_31_december_before_the_first_year_are_accepted(users):
    plan = PlanFactory(start_year=2021, end_year=2025)
    early = activity_save(
        activity=ActivityFactory.build(plan=plan, date=d(2020, 12, 15), task=None), actor=users["staff"]
    )
    assert early.pk
    count = Activity.objects.count()
    for day in (d(2020, 12, 14), d(2025, 12, 15)):
        with pytest.raises(ValidationError, match=r"kỳ số liệu của kế hoạch \(15/12/2020 – 14/12/2025\)"):
            activity_save(activity=ActivityFactory.build(plan=plan, date=day, task=None), actor=users["staff"])
    assert Activity.objects.count() == count


def test_a_partner_report_covers_its_data_year():
    plan = PlanFactory(start_year=2021, end_year=2025)
    report = PartnerReport.objects.create(organisation=PartnerOrganisationFactory(), plan=plan, year=2022)
    assert (report.period_start, report.period_end) == (d(2021, 12, 15), d(2022, 12, 14))
    inside = PartnerReport(
        organisation=report.organisation, plan=plan, year=2021, period_start=d(2020, 12, 20), period_end=d(2021, 3, 1)
    )
    inside.full_clean()
    outside = PartnerReport(organisation=report.organisation, plan=plan, year=2021, period_end=d(2021, 12, 20))
    with pytest.raises(ValidationError, match=r"năm số liệu được báo cáo \(15/12/2020 – 14/12/2021\)"):
        outside.full_clean()


def test_the_dashboard_says_which_years_it_shows_and_switches_to_calendar_years(users, client_for):
    plan = PlanFactory(start_year=2021, end_year=2025)
    leader = client_for(users["leader"])
    url = reverse("programs:dashboard") + f"?plan={plan.pk}"
    page = leader.get(url).content.decode()
    assert "Chỉ tiêu giai đoạn 2021-2025 theo năm số liệu (15/12/2020 – 14/12/2025)" in page
    assert "Năm số liệu tính từ ngày 15/12 năm trước" in page
    page = leader.get(url + "&year=2024").content.decode()
    assert "Chỉ tiêu năm số liệu 2024 (15/12/2023 – 14/12/2024)" in page
    assert "tính đến ngày 14/12/2024" in page  # money as of the end of the data year
    page = leader.get(url + "&year=2024&basis=calendar").content.decode()
    assert "Chỉ tiêu năm dương lịch 2024 (01/01/2024 – 31/12/2024)" in page
    public = client_for(users["enterprise"]).get(
        reverse("programs:public_dashboard") + f"?plan={plan.pk}&year=2024&basis=calendar"
    )
    assert "Chỉ tiêu năm dương lịch 2024 (01/01/2024 – 31/12/2024)" in public.content.decode()
