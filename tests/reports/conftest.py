import datetime
from dataclasses import dataclass

import pytest

from programs.models import IndicatorKind

from .factories import (
    ActivityFactory,
    ApplicationFactory,
    BudgetEstimateFactory,
    CourseFactory,
    CourseKindFactory,
    EnrolmentFactory,
    EnterpriseFactory,
    FundingSourceFactory,
    IndicatorFactory,
    LedgerEntryFactory,
    ObjectiveFactory,
    PlanFactory,
    SchemeFactory,
    SectorFactory,
    TaskFactory,
    TaskGroupFactory,
    UnitFactory,
)

# Everything a leader needs filled before finalising (lessons only for two- and five-year reports).
COMPLETE = {
    "number": "12/BC-SKHCN",
    "signer_name": "Nguyễn Văn Hùng",
    "signer_title": "Giám đốc",
    "recipients": "UBND tỉnh (b/c);\nLưu: VT.",
    "shortcomings": "Nguồn lực hỗ trợ còn hạn chế.",
    "lessons": "Phối hợp sớm với các hiệp hội doanh nghiệp.",
    "next_tasks": "Tiếp tục hỗ trợ doanh nghiệp áp dụng công cụ cải tiến.",
    "proposals": "Đề nghị bố trí đủ kinh phí.",
}


@dataclass
class ReportData:
    plan: object
    groups: list
    sources: list
    # Hand-computed expectations for the five-year summary (15/12/2020 – 14/12/2025).
    activity_cost: int
    activities_in_period: int
    budget: dict
    indicators: list
    support: dict
    training: dict


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
    st_2021 = BudgetEstimateFactory(
        plan=plan,
        year=2021,
        source=st,
        proposed_amount=500_000_000,
        appraised_amount=450_000_000,
        approved_amount=400_000_000,
        reserved_amount=300_000_000,
        disbursed_amount=250_000_000,
    )
    st_2022 = BudgetEstimateFactory(
        plan=plan,
        year=2022,
        source=st,
        proposed_amount=600_000_000,
        appraised_amount=600_000_000,
        approved_amount=550_000_000,
        reserved_amount=100_000_000,
        disbursed_amount=0,
    )
    r02_2022 = BudgetEstimateFactory(
        plan=plan,
        year=2022,
        source=r02,
        proposed_amount=1_000_000_000,
        appraised_amount=900_000_000,
        approved_amount=800_000_000,
        reserved_amount=800_000_000,
        disbursed_amount=700_000_000,
    )
    # KPIs: K1 counts expert person-times (training), K2 distinct supported enterprises (applications).
    objective = ObjectiveFactory(plan=plan, code="a")
    k1 = IndicatorFactory(
        objective=objective,
        code="a1",
        name="Số lượt chuyên gia năng suất được đào tạo",
        unit="lượt",
        kind=IndicatorKind.CUMULATIVE,
        target_min=15,
        target_max=20,
        measure="training.person_times",
        measure_arg="expert",
        order=1,
    )
    k2 = IndicatorFactory(
        objective=objective,
        code="a2",
        name="Số doanh nghiệp được hỗ trợ",
        unit="doanh nghiệp",
        kind=IndicatorKind.AT_LEAST,
        target_min=2,
        target_max=None,
        measure="applications.supported_enterprises",
        order=2,
    )
    # Training: 2 expert courses (3 + 5 person-times), 1 manager course (2), 1 cancelled (ignored).
    expert = CourseKindFactory(code="expert-test", name="Đào tạo chuyên gia năng suất", measure_arg="expert")
    manager = CourseKindFactory(code="manager-test", name="Đào tạo lãnh đạo, quản lý", measure_arg="manager", order=2)
    c1 = CourseFactory(
        plan=plan, kind=expert, start_date=datetime.date(2021, 10, 1), end_date=datetime.date(2021, 10, 10)
    )
    c2 = CourseFactory(
        plan=plan,
        kind=expert,
        start_date=datetime.date(2022, 5, 1),
        end_date=datetime.date(2022, 5, 5),
        cost=45_000_000,
    )
    c3 = CourseFactory(
        plan=plan, kind=manager, start_date=datetime.date(2023, 8, 1), end_date=datetime.date(2023, 8, 8)
    )
    c4 = CourseFactory(
        plan=plan,
        kind=manager,
        start_date=datetime.date(2022, 1, 1),
        end_date=datetime.date(2022, 1, 2),
        status="cancelled",
    )
    for course, statuses in (
        (c1, ["attended"] * 3 + ["registered"]),
        (c2, ["attended"] * 4 + ["certified"]),
        (c3, ["attended"] * 2),
        (c4, ["attended"] * 5),
    ):
        for status in statuses:
            EnrolmentFactory(course=course, status=status)
    # Support: 3 supported applications of 2 enterprises in the period; 2 others do not count.
    hoi_an, tam_ky = UnitFactory(name="Thành phố Hội An"), UnitFactory(name="Thành phố Tam Kỳ")
    food = SectorFactory(code="C10", name="Sản xuất, chế biến thực phẩm")
    e1 = EnterpriseFactory(name="Công ty Cổ phần Đồ hộp Hội An", unit=hoi_an, sector=food, is_model=True)
    e2 = EnterpriseFactory(name="Công ty TNHH Mỹ nghệ Tam Kỳ", unit=tam_ky, sector=food)
    e3 = EnterpriseFactory(name="Hợp tác xã Rau sạch Điện Bàn", unit=hoi_an, sector=food)
    iso = SchemeFactory(plan=plan, title="Hỗ trợ áp dụng ISO 9001:2015", funding_source=r02)
    five_s = SchemeFactory(plan=plan, title="Hỗ trợ áp dụng công cụ 5S", funding_source=r02)
    a1 = ApplicationFactory(
        enterprise=e1,
        scheme=iso,
        status="disbursed",
        approved_amount=100_000_000,
        reserved_amount=100_000_000,
        disbursed_amount=80_000_000,
        decision_date=datetime.date(2021, 6, 10),
        decision_number="101/QĐ-SKHCN",
    )
    a2 = ApplicationFactory(
        enterprise=e2,
        scheme=iso,
        status="approved",
        approved_amount=50_000_000,
        reserved_amount=50_000_000,
        decision_date=datetime.date(2022, 3, 1),
    )
    a3 = ApplicationFactory(
        enterprise=e1,
        scheme=five_s,
        status="accepted",
        approved_amount=30_000_000,
        reserved_amount=30_000_000,
        disbursed_amount=30_000_000,
        decision_date=datetime.date(2023, 9, 9),
    )
    ApplicationFactory(enterprise=e3, scheme=five_s, status="submitted")
    before = ApplicationFactory(
        enterprise=e3,
        scheme=iso,
        status="approved",
        approved_amount=70_000_000,
        reserved_amount=70_000_000,
        decision_date=datetime.date(2020, 11, 1),
    )
    # The dated ledger (money in reports comes only from it). Per estimate it adds up to the budget
    # below: st 2021 reserved 300M, paid 250M; st 2022 reserved 100M; r02 2022 reserved 800M, paid 700M.
    # The application decided before the plan stands for the rest of the money moved on them.
    d = datetime.date
    for application, estimate, kind, amount, day in (
        (a1, st_2021, "reservation", 100_000_000, d(2021, 5, 20)),
        (a1, st_2021, "payment", 80_000_000, d(2021, 9, 1)),
        (a2, st_2022, "reservation", 50_000_000, d(2022, 2, 15)),
        (a3, r02_2022, "reservation", 30_000_000, d(2023, 9, 1)),
        (a3, r02_2022, "payment", 30_000_000, d(2023, 11, 1)),
        (before, st_2021, "reservation", 200_000_000, d(2021, 3, 1)),
        (before, st_2021, "payment", 170_000_000, d(2021, 10, 1)),
        (before, st_2022, "reservation", 50_000_000, d(2022, 4, 1)),
        (before, r02_2022, "reservation", 770_000_000, d(2022, 3, 1)),
        (before, r02_2022, "payment", 670_000_000, d(2022, 8, 1)),
    ):
        LedgerEntryFactory(application=application, estimate=estimate, kind=kind, amount=amount, date=day)
    return ReportData(
        plan=plan,
        groups=[policy, comms],
        indicators=[k1, k2],
        support={
            "total": {"applications": 3, "enterprises": 2, "approved": 180_000_000, "disbursed": 110_000_000},
            "scheme": {
                "Hỗ trợ áp dụng ISO 9001:2015": (2, 2, 150_000_000, 80_000_000),
                "Hỗ trợ áp dụng công cụ 5S": (1, 1, 30_000_000, 30_000_000),
            },
            "unit": {"Thành phố Hội An": (2, 1, 130_000_000, 110_000_000), "Thành phố Tam Kỳ": (1, 1, 50_000_000, 0)},
        },
        training={"Đào tạo chuyên gia năng suất": (2, 8), "Đào tạo lãnh đạo, quản lý": (1, 2), "total": (3, 10)},
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
