"""Demo data of the programmes, in its own time (today is after the 2021-2025 plan; Quảng Nam is
part of Đà Nẵng since 1 Jul 2025). Idempotent: a second run changes nothing.

- ``seed_programs`` (order 30): the agencies, and the Quảng Nam plan 2021-2025 (the first
  customer) with its objectives, indicators, tasks, budgets, activities, partners and news.
- ``seed_next_plans`` (order 70, after the five-year summary closed the Quảng Nam plan): Đà Nẵng's
  plan 2026-2030 made from it through the service, approved and in force, with this year's
  estimates, activities, partner report and news; and a small plan of a second agency
  (Quảng Ngãi), so that what each agency sees is visible.

Other apps' seeders find the plans with ``demo_plan()`` / ``next_plan()`` and the funding sources by code.
"""

import datetime

from core import clock

from .models import Agency, AgencyArea, FundingSource, FundingSourceKind, Plan, PlanStatus

DEMO_PLAN_KEY = {"province_name": "Quảng Nam", "start_year": 2021, "end_year": 2025}
QUANG_NAM, DA_NANG, QUANG_NGAI = "skhcn-quangnam", "skhcn-danang", "skhcn-quangngai"
MERGER = datetime.date(2025, 7, 1)
RESOLUTION_202 = "Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh"
# Internal demo accounts and their agency (README, "Demo accounts"): the city's department took
# Quảng Nam's over, so its people keep the closed plan too.
DEMO_MEMBERS = {
    "staff@demo.vn": DA_NANG,
    "finance@demo.vn": DA_NANG,
    "leader@demo.vn": DA_NANG,
    "admin@demo.vn": DA_NANG,
    "chuyenvien.quangngai@demo.vn": QUANG_NGAI,
}
AGENCIES = {
    QUANG_NAM: {
        "name": "Sở Khoa học và Công nghệ tỉnh Quảng Nam",
        "parent_name": "UBND TỈNH QUẢNG NAM",
        "place_name": "Quảng Nam",
        "code_prefix": "NSCL",  # the codes of 2021-2025 (NSCL-2025-0042) stay as they were issued
        "valid_to": MERGER - datetime.timedelta(days=1),
        "area": ("49", None, MERGER - datetime.timedelta(days=1)),
    },
    DA_NANG: {
        "name": "Sở Khoa học và Công nghệ thành phố Đà Nẵng",
        "parent_name": "UBND THÀNH PHỐ ĐÀ NẴNG",
        "place_name": "Đà Nẵng",
        "code_prefix": "NSCL-DNG",
        "valid_from": MERGER,
        "predecessor": QUANG_NAM,
        "area": ("48", MERGER, None),
    },
    QUANG_NGAI: {
        "name": "Sở Khoa học và Công nghệ tỉnh Quảng Ngãi",
        "parent_name": "UBND TỈNH QUẢNG NGÃI",
        "place_name": "Quảng Ngãi",
        "code_prefix": "NSCL-QNG",
        "valid_from": MERGER,
        "area": ("51", MERGER, None),
    },
}

FUNDING_SOURCES = [
    ("st-nonbusiness", "Kinh phí sự nghiệp khoa học và công nghệ", FundingSourceKind.STATE, "Luật Ngân sách nhà nước"),
    (
        "resolution-02",
        "Kinh phí thực hiện Nghị quyết số 02/2019/NQ-HĐND",
        FundingSourceKind.STATE,
        "Nghị quyết số 02/2019/NQ-HĐND ngày 12/7/2019 của HĐND tỉnh Quảng Nam",
    ),
    ("st-programmes", "Kinh phí các chương trình, kế hoạch khác của ngành KH&CN", FundingSourceKind.STATE, ""),
    ("other", "Nguồn vốn huy động hợp pháp khác", FundingSourceKind.OTHER, ""),
]


def ensure_funding_sources() -> dict[str, FundingSource]:
    sources = {}
    for code, name, kind, basis in FUNDING_SOURCES:
        sources[code], _ = FundingSource.objects.get_or_create(
            code=code, defaults={"name": name, "kind": kind, "legal_basis": basis}
        )
    return sources


def ensure_agencies() -> dict[str, Agency]:
    """The three demo agencies, their areas (when the units are loaded) and their demo members."""
    from django.contrib.auth import get_user_model

    from enterprises.models import AdministrativeUnit

    agencies: dict[str, Agency] = {}
    for code, data in AGENCIES.items():
        values = {k: v for k, v in data.items() if k not in ("area", "predecessor")}
        values |= {"printed_name": "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "abbreviation": "SKHCN"}
        if data.get("predecessor"):
            values["predecessor"] = agencies[data["predecessor"]]
        agencies[code], _ = Agency.objects.get_or_create(code=code, defaults=values)
        unit_code, start, end = data["area"]
        unit = AdministrativeUnit.objects.filter(code=unit_code, level="province").order_by("-valid_from").first()
        if unit is not None:
            AgencyArea.objects.get_or_create(
                agency=agencies[code],
                unit=unit,
                defaults={"valid_from": start, "valid_to": end, "basis": RESOLUTION_202},
            )
    for user in get_user_model().objects.filter(email__in=DEMO_MEMBERS):
        agency = agencies[DEMO_MEMBERS[user.email]]
        if not agency.members.filter(pk=user.pk).exists():
            agency.members.add(user)
    return agencies


def ensure_demo_plan() -> Plan:
    """The Quảng Nam plan 2021-2025 itself (objectives and tasks are added by ``seed_programs``);
    in force until the five-year summary closes it (``reports`` seeder)."""
    agency = ensure_agencies()[QUANG_NAM]
    plan, _ = Plan.objects.get_or_create(
        **DEMO_PLAN_KEY,
        defaults={
            "title": "Kế hoạch hỗ trợ doanh nghiệp nâng cao năng suất và chất lượng sản phẩm, hàng hóa "
            "trên địa bàn tỉnh Quảng Nam, giai đoạn 2021 - 2025",
            "short_title": "Kế hoạch NSCL Quảng Nam 2021-2025",
            "decision_number": "",
            "decision_date": datetime.date(2021, 1, 28),
            "issuing_body": "Ủy ban nhân dân tỉnh Quảng Nam",
            "agency": agency,
            "status": PlanStatus.ACTIVE,
        },
    )
    return plan


def demo_plan() -> Plan:
    """The demo plan, created if missing (with its funding sources)."""
    ensure_funding_sources()
    return ensure_demo_plan()


def next_plan() -> Plan | None:
    """Đà Nẵng's plan that follows the demo plan, once ``seed_next_plans`` made it."""
    return Plan.objects.filter(agency__code=DA_NANG, predecessor__start_year=2021).first()


def second_agency_plan() -> Plan | None:
    """The second agency's plan (Quảng Ngãi), once ``seed_next_plans`` made it."""
    return Plan.objects.filter(agency__code=QUANG_NGAI).order_by("pk").first()


def seed_programs() -> None:
    """The Quảng Nam plan's objectives, indicators, tasks, annual plans, budget, activities,
    partners and news (seeder order 30; idempotent: existing rows are left as they are)."""
    import datetime as dt

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from . import demo_data as data
    from .models import (
        Activity,
        AnnualPlan,
        AnnualTarget,
        BudgetEstimate,
        EstimateStatus,
        Indicator,
        NewsPost,
        Objective,
        PartnerActivity,
        PartnerOrganisation,
        PartnerReport,
        PartnerReportStatus,
        Task,
        TaskGroup,
    )

    sources = ensure_funding_sources()
    plan = ensure_demo_plan()
    objectives = {}
    for order, (code, title) in enumerate(data.OBJECTIVES, start=1):
        objectives[code], _ = Objective.objects.get_or_create(
            plan=plan, code=code, defaults={"title": title, "order": order}
        )
    annual_plans = {}
    for year, (title, number, (yy, mm, dd)) in data.ANNUAL_DECISIONS.items():
        annual_plans[year], _ = AnnualPlan.objects.get_or_create(
            plan=plan,
            year=year,
            defaults={"title": title, "decision_number": number, "decision_date": dt.date(yy, mm, dd)},
        )
    for order, (obj, code, name, unit, kind, target_type, tmin, tmax, bval, byear, measure, arg, yearly) in enumerate(
        data.INDICATORS, start=1
    ):
        indicator, _ = Indicator.objects.get_or_create(
            objective=objectives[obj],
            code=code,
            defaults={
                "name": name,
                "unit": unit,
                "kind": kind,
                "target_type": target_type,
                "target_min": tmin,
                "target_max": tmax,
                "baseline_value": bval,
                "baseline_year": byear,
                "measure": measure,
                "measure_arg": arg,
                "order": order,
            },
        )
        for year, (ymin, ymax) in yearly.items():
            AnnualTarget.objects.get_or_create(
                annual_plan=annual_plans[year],
                indicator=indicator,
                defaults={"target_min": ymin, "target_max": ymax},
            )
    tasks = {}
    for number, title, items in data.TASK_GROUPS:
        group, _ = TaskGroup.objects.get_or_create(plan=plan, number=number, defaults={"title": title})
        for code, text in items:
            tasks[f"{number}.{code}"], _ = Task.objects.get_or_create(group=group, code=code, defaults={"title": text})
    for year, amounts in data.BUDGET.items():
        for code, (proposed, approved) in amounts.items():
            BudgetEstimate.objects.get_or_create(
                plan=plan,
                year=year,
                source=sources[code],
                defaults={
                    "proposed_amount": proposed,
                    "appraised_amount": approved,
                    "approved_amount": approved,
                    "status": EstimateStatus.APPROVED,
                    # The province allocates the year's budget in December of the year before.
                    "approved_on": dt.date(year - 1, 12, 20),
                },
            )

    def activity(year, month, day, kind, task, title, results, cost, source, org):
        Activity.objects.get_or_create(
            plan=plan,
            title=title,
            date=dt.date(year, month, day),
            defaults={
                "kind": kind,
                "task": tasks[task],
                "results": results,
                "cost": cost,
                "funding_source": sources.get(source),
                "responsible_organisation": org,
                "description": tasks[task].title,
            },
        )

    for year in plan.years:
        for month, day, kind, task, title, results, cost, source, org in data.YEARLY_ACTIVITIES:
            fill = {"y": year, "n": 24 + 3 * (year - 2021), "k": 4 + (year - 2021) % 2}
            activity(year, month, day, kind, task, title.format(**fill), results.format(**fill), cost, source, org)
    for row in data.ONE_OFF_ACTIVITIES:
        activity(*row)

    User = get_user_model()
    partners = {}
    for name, kind in data.PARTNERS:
        partners[name], _ = PartnerOrganisation.objects.get_or_create(
            name=name, agency=plan.agency, defaults={"kind": kind}
        )
    partner_user = User.objects.filter(email="partner@demo.vn").first()
    if partner_user is not None:
        partners[data.PARTNERS[0][0]].users.add(partner_user)
    for org_name, year, status in (
        ("Liên minh Hợp tác xã tỉnh Quảng Nam", 2023, PartnerReportStatus.APPROVED),
        ("Sở Công Thương tỉnh Quảng Nam", 2024, PartnerReportStatus.SUBMITTED),
    ):
        report, created = PartnerReport.objects.get_or_create(
            organisation=partners[org_name],
            plan=plan,
            year=year,
            defaults={
                "status": status,
                "summary": "Phối hợp triển khai nội dung năng suất chất lượng trong "
                "hợp tác xã, doanh nghiệp thuộc lĩnh vực quản lý.",
            },
        )
        if created:
            report.fill_period()
            report.decided_at = report.decided_at or (
                dt.datetime(year, 12, 20, 9, 0, tzinfo=timezone.get_current_timezone())
                if status == PartnerReportStatus.APPROVED
                else None
            )
            report.save(update_fields=["period_start", "period_end", "decided_at"])
            PartnerActivity.objects.create(
                report=report,
                kind="communication",
                date=dt.date(year, 7, 15),
                title="Phổ biến kế hoạch năng suất chất lượng đến hội viên",
                results="Phổ biến đến 85 hợp tác xã, doanh nghiệp.",
                cost=12_000_000,
            )
    _ensure_model_enterprise(plan)
    author = User.objects.filter(email="staff@demo.vn").first()
    for slug, title, summary, (yy, mm, dd) in data.NEWS:
        NewsPost.objects.get_or_create(
            slug=slug,
            defaults={
                "agency": plan.agency,
                "plan": plan,
                "title": title,
                "summary": summary,
                "body": summary + "\n\n" + plan.title + ".",
                "is_published": True,
                "author": author,
                "published_at": dt.datetime(yy, mm, dd, 9, 0, tzinfo=timezone.get_current_timezone()),
            },
        )


def _ensure_model_enterprise(plan: Plan) -> None:
    """Objective c): the demo designates one model enterprise (mô hình điểm) in 2023 when none is."""
    import datetime as dt

    from enterprises.models import Enterprise

    from .area import plan_area_q

    in_area = Enterprise.objects.filter(plan_area_q(plan))
    if in_area.filter(is_model=True).exists():
        return
    enterprise = in_area.order_by("pk").first()
    if enterprise is None:
        return
    enterprise.is_model = True
    enterprise.model_since = dt.date(2023, 10, 16)
    enterprise.model_note = "Áp dụng đồng bộ 5S, Kaizen, ISO 9001 và truy xuất nguồn gốc; mô hình điểm của tỉnh."
    enterprise.save(update_fields=["is_model", "model_since", "model_note", "updated_at"])


# --- The plans after the merger --------------------------------------------------------------------
NEXT_TITLE = (
    "Kế hoạch hỗ trợ doanh nghiệp nâng cao năng suất và chất lượng sản phẩm, hàng hóa trên địa bàn "
    "thành phố Đà Nẵng, giai đoạn 2026 - 2030"
)
NEXT_TARGETS_NOTE = (
    "Chỉ tiêu giai đoạn 2026 - 2030 là số liệu minh họa của bản trình diễn, "
    "không phải quyết định chính thức của UBND thành phố Đà Nẵng."
)
# Demo targets of 2026-2030 per indicator code: (plan min, plan max, yearly min, yearly max).
NEXT_TARGETS = {
    "a.1": (20, 30, 4, 6),
    "b.1": (1200, None, 240, None),
    "c.1": (10, 15, 10, 15),
    "c.2": (3, None, 1, None),
    "d.1": (2, 3, 1, None),
}
NEXT_OBJECTIVES = {
    "a": "Đào tạo khoảng 20 - 30 lượt chuyên gia năng suất chất lượng cho cơ quan, địa phương, doanh nghiệp "
    "trên địa bàn thành phố.",
    "b": "Tập huấn khoảng 1.200 lượt cán bộ lãnh đạo, quản lý năng suất chất lượng của cơ quan, doanh nghiệp.",
    "d": "Tăng cường năng lực cho 02 - 03 tổ chức đạt chuẩn, bảo đảm đánh giá sự phù hợp cho các sản phẩm, hàng "
    "hóa trên địa bàn thành phố Đà Nẵng.",
}
# This year's estimates of the city's plan (VND): {source: (proposed, approved)}; approved by finance.
NEXT_ESTIMATES = {
    "resolution-02": (3_600_000_000, 3_400_000_000),
    "st-nonbusiness": (2_600_000_000, 2_400_000_000),
    "st-programmes": (600_000_000, 500_000_000),
    "other": (300_000_000, 300_000_000),
}
SECOND_TITLE = (
    "Kế hoạch hỗ trợ doanh nghiệp nâng cao năng suất và chất lượng sản phẩm, hàng hóa trên địa bàn "
    "tỉnh Quảng Ngãi, giai đoạn 2026 - 2030"
)


def plan_year(plan: Plan) -> int:
    """The year of ``plan`` the demo's records of "this year" fall in (today's year, inside the plan)."""
    return min(max(clock.today().year, plan.start_year), plan.end_year)


def recent(plan: Plan, days: int) -> datetime.date:
    """``days`` before today, but not before 5 January of the plan's current year."""
    today = clock.today()
    return max(datetime.date(plan_year(plan), 1, 5), min(today, today - datetime.timedelta(days=days)))


def _demo_user(email):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(email=email).first()


def seed_next_plans() -> None:
    """Đà Nẵng's plan 2026-2030 from the closed Quảng Nam plan (through the services) and Quảng
    Ngãi's small plan (seeder order 70). Idempotent: each part is made once."""
    agencies = ensure_agencies()
    predecessor = demo_plan()
    staff = _demo_user("staff@demo.vn")
    if staff is None or predecessor.status != PlanStatus.CLOSED:
        return
    plan = next_plan() or _make_next_plan(predecessor, agencies[DA_NANG], staff)
    _seed_this_year(plan, staff)
    _designate_model_enterprise(plan)
    _seed_second_agency(agencies[QUANG_NGAI])


def _make_next_plan(predecessor: Plan, agency: Agency, staff) -> Plan:
    from .models import AnnualPlan, Indicator, Objective
    from .services import (
        annual_target_save,
        plan_activate,
        plan_approve,
        plan_create_successor,
        plan_item_save,
        plan_save,
    )

    plan = plan_create_successor(
        plan=predecessor,
        agency=agency,
        title=NEXT_TITLE,
        short_title="Kế hoạch NSCL Đà Nẵng 2026-2030",
        issuing_body="Ủy ban nhân dân thành phố Đà Nẵng",
        province_name="Đà Nẵng",
        actor=staff,
    )
    plan.targets_note = NEXT_TARGETS_NOTE
    plan_save(plan=plan, actor=staff)
    for code, title in NEXT_OBJECTIVES.items():
        objective = Objective.objects.get(plan=plan, code=code)
        objective.title = title
        plan_item_save(item=objective, actor=staff)
    year = plan_year(plan)
    annual = plan_item_save(
        item=AnnualPlan(
            plan=plan,
            year=year,
            title=f"Kế hoạch hỗ trợ doanh nghiệp nâng cao năng suất chất lượng năm {year} (minh họa)",
        ),
        actor=staff,
    )
    for indicator in Indicator.objects.filter(objective__plan=plan):
        low, high, year_low, year_high = NEXT_TARGETS[indicator.code]
        indicator.target_min, indicator.target_max = low, high
        plan_item_save(item=indicator, actor=staff)
        annual_target_save(
            annual_plan=annual, indicator=indicator, target_min=year_low, target_max=year_high, actor=staff
        )
    decided = min(clock.today(), datetime.date(plan.start_year, 1, 20))
    plan_approve(plan=plan, decision_number="01/QĐ-UBND (minh họa)", decision_date=decided, actor=staff)
    return plan_activate(plan=plan, actor=staff)


def _seed_this_year(plan: Plan, staff) -> None:
    """This year's approved estimates by source, activities, a partner report and a news post."""
    from . import demo_data as data
    from .models import Activity, BudgetEstimate, NewsPost, PartnerOrganisation, PartnerReport, Task
    from .services import (
        activity_save,
        estimate_appraise,
        estimate_approve,
        estimate_propose,
        news_save,
        partner_activity_save,
        partner_report_save,
        partner_report_submit,
    )

    finance, partner = _demo_user("finance@demo.vn"), _demo_user("partner@demo.vn")
    sources = ensure_funding_sources()
    year = plan_year(plan)
    if plan.status != PlanStatus.ACTIVE:
        return
    for code, (proposed, approved) in NEXT_ESTIMATES.items():
        if finance is None or BudgetEstimate.objects.filter(plan=plan, year=year, source=sources[code]).exists():
            continue
        estimate = estimate_propose(
            plan=plan, year=year, source=sources[code], amount=proposed, note="Dự toán minh họa.", actor=staff
        )
        estimate_appraise(estimate=estimate, amount=approved, actor=finance)
        estimate_approve(estimate=estimate, actor=finance)
    tasks = {f"{t.group.number}.{t.code}": t for t in Task.objects.filter(group__plan=plan).select_related("group")}
    today = clock.today()
    for month, day, kind, task, title, results, cost, source, organisation in data.YEARLY_ACTIVITIES:
        when = datetime.date(year, month, day)
        title = title.format(y=year).replace("Quảng Nam", "Đà Nẵng")
        if when > today or Activity.objects.filter(plan=plan, title=title).exists():
            continue
        activity_save(
            activity=Activity(
                plan=plan,
                task=tasks[task],
                kind=kind,
                title=title,
                date=when,
                results=results.format(y=year, n=18, k=4).replace("Quảng Nam", "Đà Nẵng"),
                description=tasks[task].title,
                cost=cost,
                funding_source=sources.get(source),
                responsible_organisation=organisation.replace("Quảng Nam", "thành phố Đà Nẵng"),
            ),
            actor=staff,
        )
    if partner is not None:
        organisation, _ = PartnerOrganisation.objects.get_or_create(
            agency=plan.agency, name="Sở Công Thương thành phố Đà Nẵng", defaults={"kind": "department"}
        )
        if not organisation.users.filter(pk=partner.pk).exists():
            organisation.users.add(partner)
        if not PartnerReport.objects.filter(organisation=organisation, plan=plan, year=year).exists():
            report = partner_report_save(
                report=PartnerReport(
                    organisation=organisation,
                    plan=plan,
                    year=year,
                    summary="Phối hợp tuyên truyền, hướng dẫn doanh nghiệp công nghiệp áp dụng công cụ năng suất.",
                ),
                actor=partner,
            )
            from .models import PartnerActivity

            partner_activity_save(
                activity=PartnerActivity(
                    report=report,
                    kind="communication",
                    date=recent(plan, 90),
                    title="Hội nghị phổ biến giải pháp năng suất cho doanh nghiệp khu công nghiệp",
                    results="120 doanh nghiệp tham dự.",
                    cost=35_000_000,
                ),
                actor=partner,
            )
            partner_report_submit(report=report, actor=partner)
    if not NewsPost.objects.filter(slug="ke-hoach-nscl-da-nang-2026-2030").exists():
        news_save(
            post=NewsPost(
                agency=plan.agency,
                plan=plan,
                slug="ke-hoach-nscl-da-nang-2026-2030",
                title="Triển khai Kế hoạch nâng cao năng suất chất lượng thành phố Đà Nẵng giai đoạn 2026-2030",
                summary="Kế hoạch kế thừa kết quả giai đoạn 2021-2025 của tỉnh Quảng Nam (số liệu minh họa).",
                body=plan.title + ".",
                is_published=True,
            ),
            actor=staff,
        )


def _designate_model_enterprise(plan: Plan) -> None:
    """One enterprise recorded under a former Quảng Nam unit becomes a model enterprise this year:
    its history carries over into the city's plan through the unit mappings."""
    from enterprises.models import Enterprise

    from .area import plan_area_q

    year = plan_year(plan)
    in_area = Enterprise.objects.filter(plan_area_q(plan))
    if in_area.filter(is_model=True, model_since__year=year).exists():
        return
    enterprise = in_area.filter(is_model=False).order_by("pk").first()
    if enterprise is None:
        return
    enterprise.is_model, enterprise.model_since = True, recent(plan, 45)
    enterprise.model_note = "Mô hình điểm của thành phố: áp dụng đồng bộ Lean, 5S và chuyển đổi số."
    enterprise.save(update_fields=["is_model", "model_since", "model_note", "updated_at"])


def _seed_second_agency(agency: Agency) -> None:
    """Quảng Ngãi's small plan (written directly: one objective, one indicator, one task group),
    in force, with this year's approved estimate."""
    from .models import BudgetEstimate, EstimateStatus, Indicator, IndicatorKind, Objective, Task, TaskGroup

    plan = second_agency_plan()
    if plan is None:
        plan = Plan.objects.create(
            agency=agency,
            title=SECOND_TITLE,
            short_title="Kế hoạch NSCL Quảng Ngãi 2026-2030",
            issuing_body="Ủy ban nhân dân tỉnh Quảng Ngãi",
            province_name="Quảng Ngãi",
            decision_number="05/QĐ-UBND (minh họa)",
            decision_date=min(clock.today(), datetime.date(2026, 2, 10)),
            targets_note="Số liệu minh họa của bản trình diễn.",
            start_year=2026,
            end_year=2030,
            status=PlanStatus.ACTIVE,
        )
        objective = Objective.objects.create(
            plan=plan, code="a", title="Hỗ trợ ít nhất 60 doanh nghiệp áp dụng công cụ năng suất chất lượng.", order=1
        )
        Indicator.objects.create(
            objective=objective,
            code="a.1",
            name="Doanh nghiệp được hỗ trợ nâng cao năng suất chất lượng",
            unit="doanh nghiệp",
            kind=IndicatorKind.AT_LEAST,
            target_min=60,
            measure="applications.supported_enterprises",
            order=1,
        )
        group = TaskGroup.objects.create(plan=plan, number=1, title="Hỗ trợ doanh nghiệp áp dụng công cụ cải tiến")
        Task.objects.create(group=group, code="a", title="Hỗ trợ doanh nghiệp áp dụng 5S, Kaizen.")
    BudgetEstimate.objects.get_or_create(
        plan=plan,
        year=plan_year(plan),
        source=ensure_funding_sources()["st-nonbusiness"],
        defaults={
            "proposed_amount": 900_000_000,
            "appraised_amount": 800_000_000,
            "approved_amount": 800_000_000,
            "status": EstimateStatus.APPROVED,
        },
    )
