"""A hand-built data set for the KPI engine, with measures over real rows registered by the test.

Person-times: one Activity row of kind TRAINING per attended person, ``results`` = course kind,
dated 1 June of its year. Supported enterprises: Enterprise rows whose ``founded_on`` (1 June of
the year) stands for the day their support was decided.
"""

import datetime
from decimal import Decimal

from enterprises.models import Enterprise
from programs.measures import Measure
from programs.models import Activity, ActivityKind, IndicatorKind, PartnerReportStatus, TargetType
from programs.periods import bucket_counts

from .factories import (
    AnnualPlanFactory,
    AnnualTargetFactory,
    IndicatorFactory,
    ObjectiveFactory,
    PartnerFigureFactory,
    PartnerReportFactory,
    PlanFactory,
)

EXPERT = {2021: 3, 2022: 5, 2023: 4, 2024: 0, 2025: 6}  # 18 of 15-20: within
MANAGER = {2021: 2, 2022: 3, 2023: 1}  # 6 of >= 10: below
SUPPORTED = {2021: 22, 2022: 25, 2023: 27, 2024: 30, 2025: 33}  # baseline 20 in 2020
MODEL_YEARS = [2022, 2024, 2025]  # 3 model enterprises of 1-2: above


def person_times_counts(*, plan, indicator, ranges, as_of=None):
    rows = Activity.objects.filter(plan=plan, kind=ActivityKind.TRAINING, results=indicator.measure_arg)
    return bucket_counts(rows, "date", ranges)


def supported_counts(*, plan, indicator, ranges, as_of=None):
    rows = Enterprise.objects.filter(is_model=False, name__startswith=f"Doanh nghiệp {plan.pk}-")
    return bucket_counts(rows, "founded_on", ranges)


def register_test_measures(register):
    register(Measure("test.person_times", "person-times", person_times_counts))
    register(Measure("test.supported", "supported enterprises", supported_counts))


def build(scale: int = 1):
    """The plan with five indicators and their rows; ``scale`` multiplies the rows of each year."""
    plan = PlanFactory(title="Kế hoạch thử nghiệm 2021-2025")
    obj_a = ObjectiveFactory(plan=plan, code="a", order=1)
    obj_b = ObjectiveFactory(plan=plan, code="b", order=2)
    obj_c = ObjectiveFactory(plan=plan, code="c", order=3)
    obj_d = ObjectiveFactory(plan=plan, code="d", order=4)
    ind = {
        "expert": IndicatorFactory(
            objective=obj_a,
            code="A1",
            measure="test.person_times",
            measure_arg="expert",
            target_min=Decimal(15) * scale,
            target_max=Decimal(20) * scale,
        ),
        "manager": IndicatorFactory(
            objective=obj_b,
            code="B1",
            measure="test.person_times",
            measure_arg="manager",
            target_min=Decimal(10) * scale,
            target_type=TargetType.AT_LEAST,
        ),
        "supported": IndicatorFactory(
            objective=obj_c,
            code="C1",
            kind=IndicatorKind.ANNUAL_GROWTH,
            measure="test.supported",
            target_min=Decimal(10),
            target_max=Decimal(15),
            baseline_value=Decimal(20) * scale,
            baseline_year=2020,
            unit="%",
        ),
        "model": IndicatorFactory(
            objective=obj_c,
            code="C2",
            kind=IndicatorKind.AT_LEAST,
            measure="enterprises.model_enterprises",
            target_min=Decimal(1),
            target_max=Decimal(2) * scale,
            unit="doanh nghiệp",
        ),
        "orgs": IndicatorFactory(
            objective=obj_d,
            code="D1",
            measure="partner.figures",
            target_min=Decimal(1),
            target_max=Decimal(2) * scale,
            unit="tổ chức",
        ),
        "unmeasured": IndicatorFactory(objective=obj_d, code="D2", measure="no.such.measure"),
    }
    for kind, counts in (("expert", EXPERT), ("manager", MANAGER)):
        Activity.objects.bulk_create(
            Activity(
                plan=plan, kind=ActivityKind.TRAINING, title=f"{kind} {y}", results=kind, date=datetime.date(y, 6, 1)
            )
            for y, n in counts.items()
            for _ in range(n * scale)
        )
    serial = Enterprise.objects.count()
    rows = []
    for y, n in SUPPORTED.items():
        for _ in range(n * scale):
            serial += 1
            rows.append(
                Enterprise(
                    tax_code=f"{4000000000 + serial}",
                    name=f"Doanh nghiệp {plan.pk}-{serial}",
                    founded_on=datetime.date(y, 6, 1),
                )
            )
    for y in MODEL_YEARS:
        for _ in range(scale):
            serial += 1
            rows.append(
                Enterprise(
                    tax_code=f"{4000000000 + serial}",
                    name=f"Mô hình {serial}",
                    is_model=True,
                    model_since=datetime.date(y, 9, 1),
                )
            )
    Enterprise.objects.bulk_create(rows)
    PartnerFigureFactory(
        report=PartnerReportFactory(plan=plan, year=2023, status=PartnerReportStatus.APPROVED),
        indicator=ind["orgs"],
        value=Decimal(1),
    )
    # Not approved: never counted.
    PartnerFigureFactory(
        report=PartnerReportFactory(plan=plan, year=2024, status=PartnerReportStatus.SUBMITTED),
        indicator=ind["orgs"],
        value=Decimal(5),
    )
    for y in (2022, 2023):
        AnnualTargetFactory(
            annual_plan=AnnualPlanFactory(plan=plan, year=y),
            indicator=ind["expert"],
            target_min=Decimal(4),
            target_max=Decimal(5),
        )
    return plan, ind
