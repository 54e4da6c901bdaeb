"""Two plans side by side with records on the boundary days of their data years, and money paid
before and after each report's cut-off. Every expected figure below was computed by hand.

Plan P (2021-2025, Quảng Nam, the Decree 09 rule): data year Y = 15/12/Y-1 – 14/12/Y.
Plan Q (2021-2025, Đà Nẵng, calendar years): year Y = 01/01/Y – 31/12/Y.
The boundary days: 15/12/2020 (P's first day), 14/12/2021 (last day of P's 2021), 15/12/2021
(first day of P's 2022), 31/12/2021 (P's 2022, Q's 2021), 01/01/2022 (both 2022), 14/12/2025
(P's last day) and 15/12/2025 (after P).

P's indicators and what they count (data years 2021 | 2022 | 2023 | 2024 | 2025):
- E  expert person-times, cumulative, range 15-20:
     courses ending 15/12/2020 (1), 14/12/2021 (2) | 15/12/2021 (3), 31/12/2021 (1), 01/01/2022 (4)
     | – | – | 14/12/2025 (2); the course of 15/12/2025 (5) is after the plan; Q's courses and a
     course with no plan are never P's → 3 | 8 | 0 | 0 | 2, period 13, 86.67 % → below.
- M  manager person-times, cumulative, about 10 (±5 %: 9.5-10.5): a course ending 15/12/2021 (2)
     → 0 | 2 | 0 | 0 | 0, period 2, 20 % → below.
- S  supported enterprises, growth 10-15 %/year, baseline 2 in 2020: decisions 15/12/2020 (D),
     14/12/2021 (A) | 15/12/2021 (B), 31/12/2021 (C), 01/01/2022 (A again) → 2 | 3 | 0 | 0 | 0;
     growth 0 % | 50 % | -100 % | – | –. Annual 2022: (3/2)^1 - 1 = 50 % → above; two-year:
     (3/2)^(1/2) - 1 = 22.47 % → above; five-year: (0/2)^(1/5) - 1 = -100 % → below.
- ME model enterprises of P's area (distinct), at least 1: M1 14/12/2021 (a Quảng Nam commune)
     | M2 15/12/2021 (another commune), M3 01/01/2022 (a Đà Nẵng unit that took over M1's commune)
     → 1 | 2 | 0 | 0 | 0, period 3 → within; M4 (a Đà Nẵng ward of its own) is Q's only.
- C  conformity organisations of P's area (distinct), 1-2: accepted 31/12/2021 → 0 | 1 | 0 | 0 | 0;
     the same support for an organisation outside P's area is not counted.
- PF partner figures, cumulative, at least 3: an approved report for 2022 says 4 (a submitted
     one for 2021 says 9 and is not counted) → 0 | 4 | 0 | 0 | 0. Annual 2021: a counted 0 → below.
- N  an indicator with no measure → "no data".

Money (P's estimates: 2021 approved 500M on 20/12/2020, 2022 approved 300M on 20/12/2021):
  A1 (A, 14/12/2021): 2021 estimate, reserved 100M on 01/12/2021, paid 60M on 14/12/2021 and
     40M on 15/12/2021;  D (15/12/2020): 2021, reserved 10M on 15/12/2020, paid 10M on 05/01/2021;
  B (15/12/2021): 2022, reserved 50M on 15/12/2021, paid 50M on 20/12/2022 (after the 2022 cut-off);
  C (31/12/2021): 2022, reserved 30M on 31/12/2021, paid 30M on 01/01/2022;
  A2 (A, 01/01/2022): 2022, reserved 20M on 01/01/2022, nothing paid.
  Annual 2021 (cut-off 14/12/2021): budget 2021 approved 500M, reserved 110M, disbursed 70M;
     support: 2 applications, 2 enterprises, approved 110M, disbursed 70M.
  Annual 2022 (cut-off 14/12/2022): budget 2022 approved 300M, reserved 100M, disbursed 30M;
     support: 3 applications, 3 enterprises, approved 100M, disbursed 30M.
  Two-year (15/12/2020 – 14/12/2022): budget 800M / 210M / 140M; support 5 applications,
     4 enterprises, approved 210M, disbursed 140M.
  Five-year (15/12/2020 – 14/12/2025): budget 800M / 210M / 190M; support 5 / 4 / 210M / 190M.

Q (calendar years), expert person-times: courses ending 15/12/2021 (6) and 01/01/2022 (1) →
2021: 6, 2022: 1; model enterprises of Q's area: M1 (its commune was taken over by a Đà Nẵng
unit), M4 (15/12/2021) → 2021: 2; M3 (01/01/2022) → 2022: 1.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from enterprises.models import AdministrativeUnit, UnitMapping
from programs.models import IndicatorKind, IndicatorSource, PartnerReportStatus, TargetType
from tests.programs.factories import PartnerFigureFactory, PartnerReportFactory

from .factories import (
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
    SupportItemFactory,
)

d = datetime.date
M = 1_000_000
AT_2020_12_15 = d(2020, 12, 15)
AT_2021_12_14 = d(2021, 12, 14)
AT_2021_12_15 = d(2021, 12, 15)
AT_2021_12_31 = d(2021, 12, 31)
AT_2022_01_01 = d(2022, 1, 1)


@dataclass
class TwoPlans:
    p: object
    q: object
    courses: dict
    applications: dict
    enterprises: dict


def _units():
    qn = AdministrativeUnit.objects.create(code="49", name="Tỉnh Quảng Nam", level="province", kind="tỉnh")
    district = AdministrativeUnit.objects.create(
        code="502", name="Thành phố Tam Kỳ", level="district", kind="thành phố", parent=qn
    )
    taken_over = AdministrativeUnit.objects.create(
        code="20341", name="Phường An Mỹ", level="commune", kind="phường", parent=district
    )
    kept = AdministrativeUnit.objects.create(
        code="20335", name="Phường Tân Thạnh", level="commune", kind="phường", parent=district
    )
    dn = AdministrativeUnit.objects.create(code="48", name="Thành phố Đà Nẵng", level="province", kind="thành phố")
    successor = AdministrativeUnit.objects.create(
        code="20342",
        name="Phường Tam Kỳ",
        level="commune",
        kind="phường",
        parent=dn,
        valid_from=d(2025, 7, 1),
    )
    own = AdministrativeUnit.objects.create(
        code="20194", name="Phường Hải Châu", level="commune", kind="phường", parent=dn
    )
    UnitMapping.objects.create(old_unit=taken_over, new_unit=successor, effective_on=d(2025, 7, 1))
    return {"qn": qn, "dn": dn, "taken_over": taken_over, "kept": kept, "successor": successor, "own": own}


def _attended(course, n):
    for _ in range(n):
        EnrolmentFactory(course=course, status="attended")


def build() -> TwoPlans:
    units = _units()
    p = PlanFactory(province=units["qn"], short_title="Kế hoạch P", start_year=2021, end_year=2025)
    q = PlanFactory(
        province=units["dn"],
        short_title="Kế hoạch Q",
        province_name="Đà Nẵng",
        start_year=2021,
        end_year=2025,
        data_year_start_month=1,
        data_year_start_day=1,
    )
    expert = CourseKindFactory(code="expert-fig", name="Đào tạo chuyên gia", measure_arg="expert")
    manager = CourseKindFactory(code="manager-fig", name="Tập huấn lãnh đạo, quản lý", measure_arg="manager", order=2)
    indicators = {}
    for plan in (p, q):
        objective = ObjectiveFactory(plan=plan, code="a", title="Mục tiêu")
        spec = [
            (
                "E",
                "Chuyên gia",
                "lượt",
                IndicatorKind.CUMULATIVE,
                TargetType.RANGE,
                15,
                20,
                "training.person_times",
                "expert",
            ),
            (
                "M",
                "Lãnh đạo",
                "lượt",
                IndicatorKind.CUMULATIVE,
                TargetType.ABOUT,
                10,
                None,
                "training.person_times",
                "manager",
            ),
            (
                "S",
                "Tăng DN",
                "%/năm",
                IndicatorKind.ANNUAL_GROWTH,
                TargetType.RANGE,
                10,
                15,
                "applications.supported_enterprises",
                "",
            ),
            (
                "ME",
                "Mô hình",
                "DN",
                IndicatorKind.AT_LEAST,
                TargetType.AT_LEAST,
                1,
                None,
                "enterprises.model_enterprises",
                "",
            ),
            (
                "C",
                "Tổ chức",
                "tổ chức",
                IndicatorKind.AT_LEAST,
                TargetType.RANGE,
                1,
                2,
                "applications.conformity_organisations",
                "",
            ),
            ("PF", "Đối tác", "lượt", IndicatorKind.CUMULATIVE, TargetType.AT_LEAST, 3, None, "partner.figures", ""),
            ("N", "Chưa đo", "lượt", IndicatorKind.CUMULATIVE, TargetType.AT_LEAST, 1, None, "", ""),
        ]
        for order, (code, name, unit, kind, target_type, low, high, measure, arg) in enumerate(spec):
            indicators[(plan.pk, code)] = IndicatorFactory(
                objective=objective,
                code=code,
                name=name,
                unit=unit,
                kind=kind,
                target_type=target_type,
                target_min=Decimal(low),
                target_max=None if high is None else Decimal(high),
                tolerance_percent=Decimal(5),
                baseline_value=Decimal(2) if kind == IndicatorKind.ANNUAL_GROWTH else None,
                baseline_year=2020 if kind == IndicatorKind.ANNUAL_GROWTH else None,
                measure=measure,
                measure_arg=arg,
                source=IndicatorSource.PARTNER if measure == "partner.figures" else IndicatorSource.COMPUTED,
                order=order,
            )

    # --- Training ---------------------------------------------------------------------------
    courses = {}

    def course(plan, kind, end, attended, key=None):
        c = CourseFactory(plan=plan, kind=kind, start_date=end - datetime.timedelta(days=1), end_date=end)
        _attended(c, attended)
        if key:
            courses[key] = c
        return c

    for end, n in ((AT_2020_12_15, 1), (AT_2021_12_14, 2), (AT_2021_12_15, 3), (AT_2021_12_31, 1), (AT_2022_01_01, 4)):
        course(p, expert, end, n, key=f"p-expert-{end}")
    course(p, expert, d(2025, 12, 14), 2)
    course(p, expert, d(2025, 12, 15), 5)  # after P's last data year
    course(p, manager, AT_2021_12_15, 2, key="p-manager")
    course(q, expert, AT_2021_12_15, 6)
    course(q, expert, AT_2022_01_01, 1)
    course(None, expert, AT_2021_12_15, 7)  # no plan: counted in no plan

    # --- Enterprises, support and money ---------------------------------------------------------
    ent = {
        "A": EnterpriseFactory(name="Công ty A", unit=units["kept"]),
        "B": EnterpriseFactory(name="Công ty B", unit=units["kept"]),
        "C": EnterpriseFactory(name="Công ty C", unit=units["kept"]),
        "D": EnterpriseFactory(name="Công ty D", unit=units["kept"]),
        "F": EnterpriseFactory(name="Công ty F", unit=units["own"]),
        "M1": EnterpriseFactory(name="Mô hình 1", unit=units["taken_over"], is_model=True, model_since=AT_2021_12_14),
        "M2": EnterpriseFactory(name="Mô hình 2", unit=units["kept"], is_model=True, model_since=AT_2021_12_15),
        "M3": EnterpriseFactory(name="Mô hình 3", unit=units["successor"], is_model=True, model_since=AT_2022_01_01),
        "M4": EnterpriseFactory(name="Mô hình 4", unit=units["own"], is_model=True, model_since=AT_2021_12_15),
        "O1": EnterpriseFactory(name="Trung tâm Kiểm định P", unit=units["kept"]),
        "O2": EnterpriseFactory(name="Trung tâm Kiểm định ngoài", unit=units["own"]),
    }
    source = FundingSourceFactory(code="r02-fig", name="Kinh phí Nghị quyết 02")
    est_2021 = BudgetEstimateFactory(
        plan=p, year=2021, source=source, proposed_amount=600 * M, approved_amount=500 * M, approved_on=d(2020, 12, 20)
    )
    est_2022 = BudgetEstimateFactory(
        plan=p, year=2022, source=source, proposed_amount=400 * M, approved_amount=300 * M, approved_on=d(2021, 12, 20)
    )
    iso = SchemeFactory(plan=p, title="Hỗ trợ ISO 9001", funding_source=source)
    conformity = SchemeFactory(
        plan=p,
        title="Tăng cường năng lực đánh giá sự phù hợp",
        funding_source=source,
        item=SupportItemFactory(code="conformity", name="Năng lực đánh giá sự phù hợp"),
    )
    q_scheme = SchemeFactory(plan=q, title="Hỗ trợ 5S của Q", funding_source=source)

    apps = {}

    def decided(key, enterprise, day, *, scheme=iso, status="disbursed"):
        apps[key] = ApplicationFactory(enterprise=enterprise, scheme=scheme, status=status, decision_date=day)
        return apps[key]

    decided("D", ent["D"], AT_2020_12_15)
    decided("A1", ent["A"], AT_2021_12_14)
    decided("B", ent["B"], AT_2021_12_15)
    decided("C", ent["C"], AT_2021_12_31)
    decided("A2", ent["A"], AT_2022_01_01, status="approved")
    decided("early", ent["B"], d(2020, 11, 1))  # before the plan's first day
    decided("Q", ent["F"], AT_2021_12_15, scheme=q_scheme)
    for key, org, status in (("O1", ent["O1"], "accepted"), ("O2", ent["O2"], "accepted")):
        apps[key] = ApplicationFactory(enterprise=org, scheme=conformity, status=status, accepted_on=AT_2021_12_31)
    for key, estimate, kind, amount, day in (
        ("A1", est_2021, "reservation", 100 * M, d(2021, 12, 1)),
        ("A1", est_2021, "payment", 60 * M, AT_2021_12_14),
        ("A1", est_2021, "payment", 40 * M, AT_2021_12_15),
        ("D", est_2021, "reservation", 10 * M, AT_2020_12_15),
        ("D", est_2021, "payment", 10 * M, d(2021, 1, 5)),
        ("B", est_2022, "reservation", 50 * M, AT_2021_12_15),
        ("B", est_2022, "payment", 50 * M, d(2022, 12, 20)),
        ("C", est_2022, "reservation", 30 * M, AT_2021_12_31),
        ("C", est_2022, "payment", 30 * M, AT_2022_01_01),
        ("A2", est_2022, "reservation", 20 * M, AT_2022_01_01),
    ):
        LedgerEntryFactory(application=apps[key], estimate=estimate, kind=kind, amount=amount, date=day)

    # --- Partners ------------------------------------------------------------------------------
    approved = PartnerReportFactory(
        plan=p, year=2022, status=PartnerReportStatus.APPROVED, summary="Phối hợp tuyên truyền năng suất."
    )
    approved.organisation.name = "Liên minh Hợp tác xã"
    approved.organisation.save()
    approved.activities.create(title="Hội thảo năng suất cho hợp tác xã", date=d(2022, 5, 5), cost=12 * M)
    PartnerFigureFactory(report=approved, indicator=indicators[(p.pk, "PF")], value=Decimal(4))
    submitted = PartnerReportFactory(plan=p, year=2021, status=PartnerReportStatus.SUBMITTED)
    PartnerFigureFactory(report=submitted, indicator=indicators[(p.pk, "PF")], value=Decimal(9))
    return TwoPlans(p=p, q=q, courses=courses, applications=apps, enterprises=ent)


# Hand-computed KPI rows of plan P: code → (yearly counts 2021..2025, target text).
P_YEARLY = {
    "E": [3, 8, 0, 0, 2],
    "M": [0, 2, 0, 0, 0],
    "S": [2, 3, 0, 0, 0],
    "ME": [1, 2, 0, 0, 0],
    "C": [0, 1, 0, 0, 0],
    "PF": [0, 4, 0, 0, 0],
    "N": [0, 0, 0, 0, 0],
}
TARGET_TEXT = {
    "E": "15 - 20",
    "M": "khoảng 10 (±5 %)",
    "S": "10 - 15",
    "ME": "ít nhất 1",
    "C": "1 - 2",
    "PF": "ít nhất 3",
    "N": "ít nhất 1",
}
