"""KPI measures registered by applications: one aggregate query each, distinct enterprises."""

import datetime

from programs.applications.models import Status
from programs.area import plan_area_q
from programs.measures import get_measure
from programs.periods import calendar_year, data_year, plan_periods, plan_span
from tests.programs.factories import PlanFactory

from .factories import ApplicationFactory, EnterpriseFactory, ItemFactory, SchemeFactory


def test_supported_enterprises_counts_distinct_enterprises_by_decision_year(world, count_queries):
    measure = get_measure("applications.supported_enterprises")
    a, b = EnterpriseFactory(), EnterpriseFactory()
    make = lambda enterprise, status, day: ApplicationFactory(  # noqa: E731
        scheme=world.scheme, enterprise=enterprise, status=status, decision_date=day
    )
    make(a, Status.DISBURSED, datetime.date(2023, 5, 1))
    make(a, Status.APPROVED, datetime.date(2023, 9, 1))  # same enterprise, same year: counted once
    make(b, Status.IN_PROGRESS, datetime.date(2023, 7, 1))
    make(a, Status.ACCEPTED, datetime.date(2024, 3, 1))
    make(b, Status.REJECTED, datetime.date(2024, 3, 1))  # refused: not supported
    ApplicationFactory(scheme=world.scheme, enterprise=b, status=Status.BUDGET_APPROVED)  # no decision yet
    plan = world.scheme.plan
    ranges = plan_periods(plan, year_to=2025).ranges
    yearly, queries = count_queries(measure.counts, plan=plan, indicator=None, ranges=ranges)
    assert yearly == [0, 0, 2, 1, 0]
    assert queries == 1
    period, queries = count_queries(measure.distinct, plan=plan, indicator=None, within=plan_span(plan))
    assert (period, queries) == (2, 1)


def test_measures_count_the_plans_own_applications_by_data_year(world):
    measure = get_measure("applications.supported_enterprises")
    plan = world.scheme.plan
    ApplicationFactory(scheme=world.scheme, status=Status.DISBURSED, decision_date=datetime.date(2022, 1, 5))
    # Decided on 20/12/2021: data year 2022 (15/12/2021 – 14/12/2022), calendar year 2021.
    ApplicationFactory(scheme=world.scheme, status=Status.APPROVED, decision_date=datetime.date(2021, 12, 20))
    other_plan = PlanFactory(start_year=plan.start_year, end_year=plan.end_year)
    assert measure.counts(plan=plan, ranges=[data_year(plan, 2022)]) == [2]
    assert measure.counts(plan=plan, ranges=[calendar_year(2021), calendar_year(2022)]) == [1, 1]
    assert measure.counts(plan=other_plan, ranges=[data_year(plan, 2022)]) == [0]


def test_conformity_organisations_counts_accepted_conformity_support(world, count_queries):
    measure = get_measure("applications.conformity_organisations")
    scheme = SchemeFactory(item=ItemFactory(code="conformity"), plan=world.scheme.plan)
    org = EnterpriseFactory()
    ApplicationFactory(scheme=scheme, enterprise=org, status=Status.ACCEPTED, accepted_on=datetime.date(2023, 10, 1))
    ApplicationFactory(scheme=scheme, enterprise=org, status=Status.DISBURSED, accepted_on=datetime.date(2024, 10, 1))
    ApplicationFactory(scheme=scheme, status=Status.IN_PROGRESS)  # not accepted yet
    ApplicationFactory(
        scheme=world.scheme, status=Status.ACCEPTED, accepted_on=datetime.date(2023, 10, 1)
    )  # not conformity
    plan = world.scheme.plan
    # The plan's area is its agency's (issue #12): looked up once per plan instance (here the
    # agency has none, so no limit), then shared by every measure's calls, each one query.
    _area, queries = count_queries(plan_area_q, plan)
    assert queries == 1
    yearly, queries = count_queries(
        measure.counts, plan=plan, indicator=None, ranges=plan_periods(plan, year_to=2025).ranges
    )
    assert (yearly, queries) == ([0, 0, 1, 1, 0], 1)
    assert measure.distinct(plan=plan, indicator=None, within=plan_span(plan)) == 1


def test_supported_enterprises_drill_down_by_sector(world):
    from programs.drilldown import drilldown_counts, get_drilldown

    provider = get_drilldown("applications.supported_enterprises")
    a, b = EnterpriseFactory(), EnterpriseFactory()
    ApplicationFactory(
        scheme=world.scheme, enterprise=a, status=Status.DISBURSED, decision_date=datetime.date(2023, 5, 1)
    )
    ApplicationFactory(
        scheme=world.scheme, enterprise=b, status=Status.APPROVED, decision_date=datetime.date(2024, 5, 1)
    )
    ApplicationFactory(scheme=world.scheme, status=Status.REJECTED, decision_date=datetime.date(2024, 5, 1))
    plan = world.scheme.plan
    enterprises = provider.enterprises(plan=plan, within=plan_span(plan))
    assert set(enterprises) == {a, b}
    assert set(provider.enterprises(plan=plan, within=data_year(plan, 2024))) == {b}
    rows = drilldown_counts(provider, plan=plan, within=plan_span(plan))[1]
    assert sum(row.count for row in rows) == 2
