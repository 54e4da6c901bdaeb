"""The plans after the merger (seeder order 70; data: ``plan_2026_2030.yaml`` and the yearly
activities of ``plan_2021_2025.yaml``): Đà Nẵng's plan 2026-2030 made from the closed Quảng Nam
plan through the services, with this year's estimates, activities, partner report and news; and
Quảng Ngãi's small plan. Idempotent: each part is made once."""

import datetime

from django.contrib.auth import get_user_model

from core import clock
from core.demo import load

from ..models import (
    Activity,
    Agency,
    AnnualPlan,
    BudgetEstimate,
    EstimateStatus,
    Indicator,
    IndicatorKind,
    NewsPost,
    Objective,
    PartnerActivity,
    PartnerOrganisation,
    PartnerReport,
    Plan,
    PlanStatus,
    Task,
    TaskGroup,
)
from .agencies import (
    DA_NANG,
    QUANG_NGAI,
    demo_plan,
    ensure_agencies,
    ensure_funding_sources,
    next_plan,
    plan_year,
    recent,
    second_agency_plan,
)


def _demo_user(email):
    return get_user_model().objects.filter(email=email).first()


def seed_next_plans() -> None:
    """Đà Nẵng's plan 2026-2030 from the closed Quảng Nam plan (through the services) and Quảng
    Ngãi's small plan (seeder order 70). Idempotent: each part is made once."""
    agencies = ensure_agencies()
    predecessor = demo_plan()
    staff = _demo_user("staff@demo.vn")
    if staff is None or predecessor.status != PlanStatus.CLOSED:
        return
    data = load("programs", "plan_2026_2030.yaml")
    plan = next_plan() or _make_next_plan(predecessor, agencies[DA_NANG], staff, data)
    _seed_this_year(plan, staff, data)
    _designate_model_enterprise(plan, data["model_enterprise_note"])
    _seed_second_agency(agencies[QUANG_NGAI], data["second_agency"])


def _make_next_plan(predecessor: Plan, agency: Agency, staff, data: dict) -> Plan:
    from ..services import (
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
        title=data["title"],
        short_title=data["short_title"],
        issuing_body=data["issuing_body"],
        province_name=data["province_name"],
        actor=staff,
    )
    plan.targets_note = data["targets_note"]
    plan_save(plan=plan, actor=staff)
    for code, title in data["objectives"].items():
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
        low, high, year_low, year_high = data["targets"][indicator.code]
        indicator.target_min, indicator.target_max = low, high
        plan_item_save(item=indicator, actor=staff)
        annual_target_save(
            annual_plan=annual, indicator=indicator, target_min=year_low, target_max=year_high, actor=staff
        )
    decided = min(clock.today(), datetime.date(plan.start_year, 1, 20))
    plan_approve(plan=plan, decision_number=data["decision_number"], decision_date=decided, actor=staff)
    return plan_activate(plan=plan, actor=staff)


def _seed_this_year(plan: Plan, staff, data: dict) -> None:
    """This year's approved estimates by source, activities, a partner report and a news post."""
    from ..services import (
        activity_save,
        estimate_appraise,
        estimate_approve,
        estimate_propose,
        news_save,
    )

    finance, partner = _demo_user("finance@demo.vn"), _demo_user("partner@demo.vn")
    sources = ensure_funding_sources()
    year = plan_year(plan)
    if plan.status != PlanStatus.ACTIVE:
        return
    for code, (proposed, approved) in data["estimates"].items():
        if finance is None or BudgetEstimate.objects.filter(plan=plan, year=year, source=sources[code]).exists():
            continue
        estimate = estimate_propose(
            plan=plan, year=year, source=sources[code], amount=proposed, note=data["estimate_note"], actor=staff
        )
        estimate_appraise(estimate=estimate, amount=approved, actor=finance)
        estimate_approve(estimate=estimate, actor=finance)
    tasks = {f"{t.group.number}.{t.code}": t for t in Task.objects.filter(group__plan=plan).select_related("group")}
    today = clock.today()
    # The Quảng Nam plan's yearly activities, carried on by the city.
    for row in load("programs", "plan_2021_2025.yaml")["yearly_activities"]:
        when = datetime.date(year, row["month"], row["day"])
        title = row["title"].format(y=year).replace("Quảng Nam", "Đà Nẵng")
        if when > today or Activity.objects.filter(plan=plan, title=title).exists():
            continue
        activity_save(
            activity=Activity(
                plan=plan,
                task=tasks[row["task"]],
                kind=row["kind"],
                title=title,
                date=when,
                results=row["results"].format(y=year, n=18, k=4).replace("Quảng Nam", "Đà Nẵng"),
                description=tasks[row["task"]].title,
                cost=row["cost"],
                funding_source=sources.get(row["source"]),
                responsible_organisation=row["organisation"].replace("Quảng Nam", "thành phố Đà Nẵng"),
            ),
            actor=staff,
        )
    if partner is not None:
        _seed_partner_report(plan, partner, year, data["partner"])
    news = data["news"]
    if not NewsPost.objects.filter(slug=news["slug"]).exists():
        news_save(
            post=NewsPost(agency=plan.agency, plan=plan, body=plan.title + ".", is_published=True, **news),
            actor=staff,
        )


def _seed_partner_report(plan: Plan, partner, year: int, data: dict) -> None:
    """The city's partner organisation (partner@demo.vn in it) and its submitted report of the year."""
    from ..services import partner_activity_save, partner_report_save, partner_report_submit

    organisation, _ = PartnerOrganisation.objects.get_or_create(
        agency=plan.agency, name=data["organisation"], defaults={"kind": data["kind"]}
    )
    if not organisation.users.filter(pk=partner.pk).exists():
        organisation.users.add(partner)
    if PartnerReport.objects.filter(organisation=organisation, plan=plan, year=year).exists():
        return
    report = partner_report_save(
        report=PartnerReport(organisation=organisation, plan=plan, year=year, summary=data["summary"]),
        actor=partner,
    )
    done = data["activity"]
    partner_activity_save(
        activity=PartnerActivity(
            report=report,
            kind=done["kind"],
            date=recent(plan, done["days_ago"]),
            title=done["title"],
            results=done["results"],
            cost=done["cost"],
        ),
        actor=partner,
    )
    partner_report_submit(report=report, actor=partner)


def _designate_model_enterprise(plan: Plan, note: str) -> None:
    """One enterprise recorded under a former Quảng Nam unit becomes a model enterprise this year:
    its history carries over into the city's plan through the unit mappings."""
    from enterprises.models import Enterprise

    from ..area import plan_area_q

    year = plan_year(plan)
    in_area = Enterprise.objects.filter(plan_area_q(plan))
    if in_area.filter(is_model=True, model_since__year=year).exists():
        return
    enterprise = in_area.filter(is_model=False).order_by("pk").first()
    if enterprise is None:
        return
    enterprise.is_model, enterprise.model_since = True, recent(plan, 45)
    enterprise.model_note = note
    enterprise.save(update_fields=["is_model", "model_since", "model_note", "updated_at"])


def _seed_second_agency(agency: Agency, data: dict) -> None:
    """Quảng Ngãi's small plan (written directly: one objective, one indicator, one task group),
    in force, with this year's approved estimate."""
    plan = second_agency_plan()
    if plan is None:
        plan = Plan.objects.create(
            agency=agency,
            **{key: data[key] for key in ("title", "short_title", "issuing_body", "province_name", "decision_number")},
            decision_date=min(clock.today(), data["decision_date"]),
            targets_note=data["targets_note"],
            start_year=2026,
            end_year=2030,
            status=PlanStatus.ACTIVE,
        )
        objective = Objective.objects.create(plan=plan, code="a", title=data["objective"], order=1)
        Indicator.objects.create(
            objective=objective, code="a.1", kind=IndicatorKind.AT_LEAST, order=1, **data["indicator"]
        )
        group = TaskGroup.objects.create(plan=plan, number=1, title=data["task_group"])
        Task.objects.create(group=group, code="a", title=data["task"])
    estimate = data["estimate"]
    BudgetEstimate.objects.get_or_create(
        plan=plan,
        year=plan_year(plan),
        source=ensure_funding_sources()[estimate["source"]],
        defaults={
            "proposed_amount": estimate["proposed"],
            "appraised_amount": estimate["approved"],
            "approved_amount": estimate["approved"],
            "status": EstimateStatus.APPROVED,
        },
    )
