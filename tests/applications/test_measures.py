"""KPI measures registered by applications: one aggregate query each, distinct enterprises."""

import datetime

from programs.applications.models import Status
from programs.measures import get_measure
from tests.programs.factories import IndicatorFactory, ObjectiveFactory

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
    yearly, queries = count_queries(measure.yearly, indicator=None, year_from=2021, year_to=2025)
    assert yearly == {2023: 2, 2024: 1}
    assert queries == 1
    period, queries = count_queries(measure.period, indicator=None, year_from=2021, year_to=2025)
    assert (period, queries) == (2, 1)


def test_measures_are_scoped_to_the_indicators_plan(world):
    measure = get_measure("applications.supported_enterprises")
    indicator = IndicatorFactory(objective=ObjectiveFactory(plan=world.scheme.plan))
    other = IndicatorFactory()
    ApplicationFactory(scheme=world.scheme, status=Status.DISBURSED, decision_date=datetime.date(2022, 1, 5))
    assert measure.yearly(indicator=indicator, year_from=2021, year_to=2025) == {2022: 1}
    assert measure.yearly(indicator=other, year_from=2021, year_to=2025) == {}


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
    yearly, queries = count_queries(measure.yearly, indicator=None, year_from=2021, year_to=2025)
    assert (yearly, queries) == ({2023: 1, 2024: 1}, 1)
    assert measure.period(indicator=None, year_from=2021, year_to=2025) == 1


def test_supported_enterprises_drill_down_by_sector(world):
    from programs.drilldown import counts_by_sector, get_drilldown

    provider = get_drilldown("applications.supported_enterprises")
    a, b = EnterpriseFactory(), EnterpriseFactory()
    ApplicationFactory(
        scheme=world.scheme, enterprise=a, status=Status.DISBURSED, decision_date=datetime.date(2023, 5, 1)
    )
    ApplicationFactory(
        scheme=world.scheme, enterprise=b, status=Status.APPROVED, decision_date=datetime.date(2024, 5, 1)
    )
    ApplicationFactory(scheme=world.scheme, status=Status.REJECTED, decision_date=datetime.date(2024, 5, 1))
    enterprises = provider.enterprises(plan=world.scheme.plan, year_from=2021, year_to=2025)
    assert set(enterprises) == {a, b}
    assert set(provider.enterprises(plan=world.scheme.plan, year_from=2024, year_to=2024)) == {b}
    rows = counts_by_sector(provider, plan=world.scheme.plan, year_from=2021, year_to=2025)
    assert sum(row.count for row in rows) == 2
