"""The Quảng Nam plan 2021-2025 (seeder order 30; data: ``plan_2021_2025.yaml``): its objectives,
indicators, tasks, annual plans, budget, activities, partners and news. Idempotent: existing rows
are left as they are."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.demo import load

from ..models import (
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
    Plan,
    Task,
    TaskGroup,
)
from .agencies import ensure_demo_plan, ensure_funding_sources


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def seed_programs() -> None:
    """The Quảng Nam plan's objectives, indicators, tasks, annual plans, budget, activities,
    partners and news (seeder order 30; idempotent: existing rows are left as they are)."""
    data = load("programs", "plan_2021_2025.yaml")
    sources = ensure_funding_sources()
    plan = ensure_demo_plan()
    objectives = {}
    for order, row in enumerate(data["objectives"], start=1):
        objectives[row["code"]], _ = Objective.objects.get_or_create(
            plan=plan, code=row["code"], defaults={"title": row["title"], "order": order}
        )
    annual_plans = {}
    for row in data["annual_plans"]:
        annual_plans[row["year"]], _ = AnnualPlan.objects.get_or_create(
            plan=plan,
            year=row["year"],
            defaults={
                "title": row["title"],
                "decision_number": row["decision_number"],
                "decision_date": row["decision_date"],
            },
        )
    for order, row in enumerate(data["indicators"], start=1):
        indicator, _ = Indicator.objects.get_or_create(
            objective=objectives[row["objective"]],
            code=row["code"],
            defaults={
                **{key: row[key] for key in ("name", "unit", "kind", "target_type", "baseline_year", "measure")},
                "target_min": _decimal(row["target_min"]),
                "target_max": _decimal(row["target_max"]),
                "baseline_value": _decimal(row["baseline_value"]),
                "measure_arg": row["measure_arg"],
                "order": order,
            },
        )
        for year, (ymin, ymax) in row["yearly_targets"].items():
            AnnualTarget.objects.get_or_create(
                annual_plan=annual_plans[year],
                indicator=indicator,
                defaults={"target_min": ymin, "target_max": ymax},
            )
    tasks = {}
    for group_row in data["task_groups"]:
        number = group_row["number"]
        group, _ = TaskGroup.objects.get_or_create(plan=plan, number=number, defaults={"title": group_row["title"]})
        for row in group_row["tasks"]:
            tasks[f"{number}.{row['code']}"], _ = Task.objects.get_or_create(
                group=group, code=row["code"], defaults={"title": row["title"]}
            )
    for year, amounts in data["budget"].items():
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

    def activity(date, row, title, results):
        Activity.objects.get_or_create(
            plan=plan,
            title=title,
            date=date,
            defaults={
                "kind": row["kind"],
                "task": tasks[row["task"]],
                "results": results,
                "cost": row["cost"],
                "funding_source": sources.get(row["source"]),
                "responsible_organisation": row["organisation"],
                "description": tasks[row["task"]].title,
            },
        )

    for year in plan.years:
        for row in data["yearly_activities"]:
            fill = {"y": year, "n": 24 + 3 * (year - 2021), "k": 4 + (year - 2021) % 2}
            when = dt.date(year, row["month"], row["day"])
            activity(when, row, row["title"].format(**fill), row["results"].format(**fill))
    for row in data["one_off_activities"]:
        activity(row["date"], row, row["title"], row["results"])

    _seed_partners(plan, data)
    _ensure_model_enterprise(plan, data["model_enterprise"])
    author = get_user_model().objects.filter(email="staff@demo.vn").first()
    for row in data["news"]:
        NewsPost.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "agency": plan.agency,
                "plan": plan,
                "title": row["title"],
                "summary": row["summary"],
                "body": row["summary"] + "\n\n" + plan.title + ".",
                "is_published": True,
                "author": author,
                "published_at": dt.datetime.combine(
                    row["published_on"], dt.time(9, 0), tzinfo=timezone.get_current_timezone()
                ),
            },
        )


def _seed_partners(plan: Plan, data: dict) -> None:
    """The partner organisations (partner@demo.vn in the first) and their reports, one approved."""
    partners = {}
    for row in data["partners"]:
        partners[row["name"]], _ = PartnerOrganisation.objects.get_or_create(
            name=row["name"], agency=plan.agency, defaults={"kind": row["kind"]}
        )
    partner_user = get_user_model().objects.filter(email="partner@demo.vn").first()
    if partner_user is not None:
        partners[data["partners"][0]["name"]].users.add(partner_user)
    done = data["partner_activity"]
    for row in data["partner_reports"]:
        year, status = row["year"], PartnerReportStatus(row["status"])
        report, created = PartnerReport.objects.get_or_create(
            organisation=partners[row["organisation"]],
            plan=plan,
            year=year,
            defaults={"status": status, "summary": data["partner_report_summary"]},
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
                kind=done["kind"],
                date=dt.date(year, done["month"], done["day"]),
                title=done["title"],
                results=done["results"],
                cost=done["cost"],
            )


def _ensure_model_enterprise(plan: Plan, model: dict) -> None:
    """Objective c): the demo designates one model enterprise (mô hình điểm) in 2023 when none is."""
    from enterprises.models import Enterprise

    from ..area import plan_area_q

    in_area = Enterprise.objects.filter(plan_area_q(plan))
    if in_area.filter(is_model=True).exists():
        return
    enterprise = in_area.order_by("pk").first()
    if enterprise is None:
        return
    enterprise.is_model = True
    enterprise.model_since = model["since"]
    enterprise.model_note = model["note"]
    enterprise.save(update_fields=["is_model", "model_since", "model_note", "updated_at"])
