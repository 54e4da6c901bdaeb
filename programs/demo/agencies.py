"""The demo agencies, funding sources and plans that the other seeders look up (data:
``agencies.yaml`` and the ``plan`` part of ``plan_2021_2025.yaml``)."""

import datetime

from core import clock
from core.demo import load

from ..models import Agency, AgencyArea, FundingSource, Plan, PlanStatus

DEMO_PLAN_KEY = {"province_name": "Quảng Nam", "start_year": 2021, "end_year": 2025}
QUANG_NAM, DA_NANG, QUANG_NGAI = "skhcn-quangnam", "skhcn-danang", "skhcn-quangngai"


def ensure_funding_sources() -> dict[str, FundingSource]:
    sources = {}
    for row in load("programs", "agencies.yaml")["funding_sources"]:
        sources[row["code"]], _ = FundingSource.objects.get_or_create(
            code=row["code"], defaults={"name": row["name"], "kind": row["kind"], "legal_basis": row["legal_basis"]}
        )
    return sources


def ensure_agencies() -> dict[str, Agency]:
    """The three demo agencies, their areas (when the units are loaded) and their demo members
    (the internal demo accounts: the city's department took Quảng Nam's over, so its people keep
    the closed plan too)."""
    from django.contrib.auth import get_user_model

    from enterprises.models import AdministrativeUnit

    data = load("programs", "agencies.yaml")
    agencies: dict[str, Agency] = {}
    for row in data["agencies"]:
        code, area = row.pop("code"), row.pop("area")
        values = {k: v for k, v in row.items() if k != "predecessor"}
        values |= {"printed_name": "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "abbreviation": "SKHCN"}
        if row.get("predecessor"):
            values["predecessor"] = agencies[row["predecessor"]]
        agencies[code], _ = Agency.objects.get_or_create(code=code, defaults=values)
        unit = AdministrativeUnit.objects.filter(code=area["unit"], level="province").order_by("-valid_from").first()
        if unit is not None:
            AgencyArea.objects.get_or_create(
                agency=agencies[code],
                unit=unit,
                defaults={"valid_from": area["valid_from"], "valid_to": area["valid_to"], "basis": data["area_basis"]},
            )
    members = data["members"]
    for user in get_user_model().objects.filter(email__in=members):
        agency = agencies[members[user.email]]
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
            **load("programs", "plan_2021_2025.yaml")["plan"],
            "decision_number": "",
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


def plan_year(plan: Plan) -> int:
    """The year of ``plan`` the demo's records of "this year" fall in (today's year, inside the plan)."""
    return min(max(clock.today().year, plan.start_year), plan.end_year)


def recent(plan: Plan, days: int) -> datetime.date:
    """``days`` before today, but not before 5 January of the plan's current year."""
    today = clock.today()
    return max(datetime.date(plan_year(plan), 1, 5), min(today, today - datetime.timedelta(days=days)))
