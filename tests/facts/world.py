"""A plan with one indicator per measure that keeps facts, and helpers to change its records."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from facts.build import rebuild_plan
from programs.models import IndicatorKind, PartnerReportStatus, TargetType
from tests.applications.factories import EnterpriseFactory, ItemFactory, SchemeFactory
from tests.programs.factories import (
    IndicatorFactory,
    ObjectiveFactory,
    PartnerReportFactory,
    PlanFactory,
)
from tests.training.factories import CourseFactory, kind


@dataclass
class FactsWorld:
    plan: object
    scheme: object
    conformity: object
    indicators: dict
    enterprises: list
    courses: list


def build_world(*, enterprises: int = 6) -> FactsWorld:
    plan = PlanFactory(start_year=2021, end_year=2025)
    objective = ObjectiveFactory(plan=plan)
    at_least = {"kind": IndicatorKind.AT_LEAST, "target_type": TargetType.AT_LEAST}
    indicators = {
        "experts": IndicatorFactory(
            objective=objective, code="A1", measure="training.person_times", measure_arg="expert"
        ),
        "supported": IndicatorFactory(
            objective=objective, code="C1", measure="applications.supported_enterprises", **at_least
        ),
        "conformity": IndicatorFactory(
            objective=objective, code="D1", measure="applications.conformity_organisations", **at_least
        ),
        "models": IndicatorFactory(objective=objective, code="C2", measure="enterprises.model_enterprises", **at_least),
        "partner": IndicatorFactory(objective=objective, code="B2", measure="partner.figures"),
    }
    scheme = SchemeFactory(plan=plan)
    conformity = SchemeFactory(plan=plan, item=ItemFactory(code="conformity"))
    courses = [
        CourseFactory(
            kind=kind(code),
            plan=plan,
            agency=plan.agency,
            start_date=datetime.date(year, month, 1),
            end_date=datetime.date(year, month, 3),
        )
        for code, year, month in (("expert", 2022, 5), ("expert", 2023, 12), ("manager", 2024, 3), ("expert", 2025, 6))
    ]
    firms = [EnterpriseFactory() for _ in range(enterprises)]
    rebuild_plan(plan)
    return FactsWorld(plan, scheme, conformity, indicators, firms, courses)


def approved_partner_report(world, year: int, value: int):
    from tests.programs.factories import PartnerFigureFactory

    report = PartnerReportFactory(
        plan=world.plan,
        year=year,
        period_start=datetime.date(year - 1, 12, 15),
        period_end=datetime.date(year, 12, 14),
        status=PartnerReportStatus.APPROVED,
    )
    PartnerFigureFactory(report=report, indicator=world.indicators["partner"], value=Decimal(value))
    return report
