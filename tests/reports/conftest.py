import datetime
from dataclasses import dataclass

import pytest

from .factories import (
    ActivityFactory,
    BudgetEstimateFactory,
    FundingSourceFactory,
    PlanFactory,
    TaskFactory,
    TaskGroupFactory,
)


@dataclass
class ReportData:
    plan: object
    groups: list
    sources: list
    # Hand-computed expectations for the five-year summary (15/12/2020 – 14/12/2025).
    activity_cost: int
    activities_in_period: int
    budget: dict


@pytest.fixture
def report_data(db):
    """A small plan with known figures: 3 activities in the period (1 outside), budget in 2 sources."""
    plan = PlanFactory()
    policy = TaskGroupFactory(plan=plan, number=1, title="Hoàn thiện cơ chế, chính sách")
    comms = TaskGroupFactory(plan=plan, number=2, title="Thông tin, truyền thông về năng suất chất lượng")
    t1 = TaskFactory(group=policy, code="a")
    t2 = TaskFactory(group=comms, code="a")
    ActivityFactory(
        plan=plan, task=t1, title="Ban hành quy định hỗ trợ", date=datetime.date(2021, 3, 5), cost=10_000_000
    )
    ActivityFactory(
        plan=plan,
        task=t2,
        title="Chuyên mục truyền hình Năng suất",
        date=datetime.date(2022, 7, 1),
        cost=25_500_000,
        results="Phát sóng 12 số",
    )
    ActivityFactory(
        plan=plan, task=None, title="Khảo sát nhu cầu doanh nghiệp", date=datetime.date(2025, 12, 14), cost=1_234_567
    )
    # Outside the five-year data period (after 14/12/2025).
    ActivityFactory(plan=plan, task=t2, title="Hội nghị tổng kết", date=datetime.date(2025, 12, 20), cost=99_000_000)
    st = FundingSourceFactory(code="st-test", name="Kinh phí sự nghiệp khoa học và công nghệ")
    r02 = FundingSourceFactory(code="r02-test", name="Kinh phí Nghị quyết số 02/2019/NQ-HĐND")
    BudgetEstimateFactory(
        plan=plan,
        year=2021,
        source=st,
        proposed_amount=500_000_000,
        appraised_amount=450_000_000,
        approved_amount=400_000_000,
        reserved_amount=300_000_000,
        disbursed_amount=250_000_000,
    )
    BudgetEstimateFactory(
        plan=plan,
        year=2022,
        source=st,
        proposed_amount=600_000_000,
        appraised_amount=600_000_000,
        approved_amount=550_000_000,
        reserved_amount=100_000_000,
        disbursed_amount=0,
    )
    BudgetEstimateFactory(
        plan=plan,
        year=2022,
        source=r02,
        proposed_amount=1_000_000_000,
        appraised_amount=900_000_000,
        approved_amount=800_000_000,
        reserved_amount=800_000_000,
        disbursed_amount=700_000_000,
    )
    return ReportData(
        plan=plan,
        groups=[policy, comms],
        sources=[st, r02],
        activity_cost=10_000_000 + 25_500_000 + 1_234_567,
        activities_in_period=3,
        budget={
            "proposed": 2_100_000_000,
            "appraised": 1_950_000_000,
            "approved": 1_750_000_000,
            "reserved": 1_200_000_000,
            "disbursed": 950_000_000,
            "remaining": 550_000_000,
        },
    )
