"""Quảng Nam 2021-2025 demo data (the first customer). Idempotent.

Other apps' seeders find the plan with ``demo_plan()`` and the funding sources by code.
"""

import datetime

from .models import FundingSource, FundingSourceKind, Plan, PlanStatus

DEMO_PLAN_KEY = {"province_name": "Quảng Nam", "start_year": 2021, "end_year": 2025}

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


def ensure_demo_plan() -> Plan:
    """The Quảng Nam plan 2021-2025 itself (objectives and tasks are added by ``seed_programs``)."""
    plan, _ = Plan.objects.get_or_create(
        **DEMO_PLAN_KEY,
        defaults={
            "title": "Kế hoạch hỗ trợ doanh nghiệp nâng cao năng suất và chất lượng sản phẩm, hàng hóa "
            "trên địa bàn tỉnh Quảng Nam, giai đoạn 2021 - 2025",
            "short_title": "Kế hoạch NSCL Quảng Nam 2021-2025",
            "decision_number": "",
            "decision_date": datetime.date(2021, 1, 28),
            "issuing_body": "Ủy ban nhân dân tỉnh Quảng Nam",
            "parent_agency": "UBND TỈNH QUẢNG NAM",
            "agency": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            "agency_abbreviation": "SKHCN",
            "report_place": "Quảng Nam",
            "status": PlanStatus.ACTIVE,
        },
    )
    return plan


def demo_plan() -> Plan:
    """The demo plan, created if missing (with its funding sources)."""
    ensure_funding_sources()
    return ensure_demo_plan()


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
    _ensure_province(plan)
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
        partners[name], _ = PartnerOrganisation.objects.get_or_create(name=name, defaults={"kind": kind})
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
                "plan": plan,
                "title": title,
                "summary": summary,
                "body": summary + "\n\n" + plan.title + ".",
                "is_published": True,
                "author": author,
                "published_at": dt.datetime(yy, mm, dd, 9, 0, tzinfo=timezone.get_current_timezone()),
            },
        )


def _ensure_province(plan: Plan) -> None:
    """The demo plan's area is Quảng Nam (unit 49) once the units are loaded."""
    from enterprises.models import AdministrativeUnit

    if plan.province_id is None:
        province = AdministrativeUnit.objects.filter(code="49", level="province").order_by("valid_from").first()
        if province is not None:
            Plan.objects.filter(pk=plan.pk).update(province=province)
            plan.province = province


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
