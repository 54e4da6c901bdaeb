import datetime
from decimal import Decimal

import factory

from programs.models import (
    Activity,
    ActivityKind,
    Agency,
    AnnualPlan,
    AnnualTarget,
    BudgetEstimate,
    FundingSource,
    Indicator,
    IndicatorKind,
    NewsPost,
    Objective,
    PartnerFigure,
    PartnerOrganisation,
    PartnerReport,
    Plan,
    PlanStatus,
    TargetType,
    Task,
    TaskGroup,
)

DEFAULT_AGENCY = "test-agency"


class AgencyFactory(factory.django.DjangoModelFactory):
    """The default test agency (one per code: every factory and every internal ``make_user`` share
    it unless a test asks for another)."""

    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    code = DEFAULT_AGENCY
    name = factory.LazyAttribute(lambda a: f"Sở Khoa học và Công nghệ {a.code}")
    printed_name = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    parent_name = "UBND TỈNH QUẢNG NAM"
    abbreviation = "SKHCN"
    place_name = "Quảng Nam"
    code_prefix = factory.LazyAttribute(
        lambda a: "TEST" if a.code == DEFAULT_AGENCY else "".join(ch for ch in a.code.upper() if ch.isalpha())
    )


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    title = factory.Sequence(lambda n: f"Kế hoạch năng suất chất lượng số {n}")
    issuing_body = "Ủy ban nhân dân tỉnh Thử Nghiệm"
    province_name = "Thử Nghiệm"
    agency = factory.SubFactory(AgencyFactory)
    start_year = 2021
    end_year = 2025
    status = PlanStatus.ACTIVE


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    plan = factory.SubFactory(PlanFactory)
    code = factory.Sequence(lambda n: f"o{n}")
    title = "Mục tiêu thử nghiệm"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    objective = factory.SubFactory(ObjectiveFactory)
    code = factory.Sequence(lambda n: f"I{n}")
    name = factory.Sequence(lambda n: f"Chỉ tiêu {n}")
    unit = "lượt"
    kind = IndicatorKind.CUMULATIVE
    target_min = Decimal(10)
    target_max = None
    # A valid reading of the target (Indicator.clean): a range needs its maximum, so without one
    # the target is "at least" (as the data migration of issue #11 set it for existing rows).
    target_type = factory.LazyAttribute(lambda i: TargetType.AT_LEAST if i.target_max is None else TargetType.RANGE)


class AnnualPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualPlan

    plan = factory.SubFactory(PlanFactory)
    year = 2021


class AnnualTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualTarget

    annual_plan = factory.SubFactory(AnnualPlanFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    target_min = Decimal(1)


class TaskGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskGroup

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "Nhóm nhiệm vụ"


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    group = factory.SubFactory(TaskGroupFactory)
    code = factory.Sequence(lambda n: f"t{n}")
    title = "Nhiệm vụ"


class FundingSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingSource
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"source-{n}")
    name = factory.Sequence(lambda n: f"Nguồn kinh phí {n}")


class BudgetEstimateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetEstimate

    plan = factory.SubFactory(PlanFactory)
    year = 2022
    source = factory.SubFactory(FundingSourceFactory)
    proposed_amount = 1_500_000_000


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    plan = factory.SubFactory(PlanFactory)
    kind = ActivityKind.COMMUNICATION
    title = factory.Sequence(lambda n: f"Hoạt động {n}")
    date = datetime.date(2022, 5, 10)


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Sở Công Thương {n}")


class PartnerReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerReport

    organisation = factory.SubFactory(PartnerOrganisationFactory)
    plan = factory.SubFactory(PlanFactory)
    year = 2023


class PartnerFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerFigure

    report = factory.SubFactory(PartnerReportFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    value = Decimal(1)


class NewsPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsPost

    agency = factory.SubFactory(AgencyFactory)
    title = factory.Sequence(lambda n: f"Tin năng suất {n}")
    slug = factory.Sequence(lambda n: f"tin-{n}")
    body = "Nội dung"
