"""Two agencies: A runs a plan on live facts (3 expert person-times in 2022), B's plan has a
finalised five-year report whose frozen figures say 100 (2021) + 150 (2023) expert person-times
while its raw rows count nothing."""

import datetime
from dataclasses import dataclass

import pytest

from core import clock
from reports.models import ReportKind, ReportStatus
from tests.programs.factories import AgencyFactory, IndicatorFactory, ObjectiveFactory, PlanFactory
from tests.reports.factories import ReportRunFactory
from tests.training.factories import EnrolmentFactory
from training.models import EnrolmentStatus

from ..facts.world import build_world


@dataclass
class Nation:
    a: object
    b: object
    world: object
    plan_b: object
    report: object


@pytest.fixture
def nation(db, django_capture_on_commit_callbacks):
    with clock.frozen(datetime.date(2026, 12, 1)):
        world = build_world()
        with django_capture_on_commit_callbacks(execute=True):
            for firm in world.enterprises[:3]:
                EnrolmentFactory(course=world.courses[0], enterprise=firm, status=EnrolmentStatus.ATTENDED)
        b = AgencyFactory(code="agency-b", name="Sở Khoa học và Công nghệ Bình Thử", code_prefix="BT")
        plan_b = PlanFactory(agency=b, start_year=2021, end_year=2025)
        IndicatorFactory(
            objective=ObjectiveFactory(plan=plan_b), code="E1", measure="training.person_times", measure_arg="expert"
        )
        report = ReportRunFactory(
            plan=plan_b,
            kind=ReportKind.FIVE_YEAR,
            data_from=datetime.date(2020, 12, 15),
            data_to=datetime.date(2025, 12, 14),
            status=ReportStatus.FINALISED,
            is_final=True,
            finished_at=clock.now(),
            figures={
                "period": {"years": [2021, 2022, 2023, 2024, 2025]},
                "kpis": [{"code": "E1", "yearly": [{"year": 2021, "actual": "100"}, {"year": 2023, "actual": "150"}]}],
            },
        )
    return Nation(a=world.plan.agency, b=b, world=world, plan_b=plan_b, report=report)
