"""The frame of one generated agency: the agency, its province and communes, its internal users,
its 2021-2025 plan (objectives, indicators with their measures and yearly targets, tasks) and
the support schemes. Small, so written with ordinary bulk_create."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import Group

from accounts.models import Role, User
from core.demo import load
from enterprises.models import AdministrativeUnit, UnitLevel
from programs.applications.models import PolicyVersion, SupportItem, SupportScheme
from programs.demo import ensure_funding_sources
from programs.models import (
    Agency,
    AgencyArea,
    AnnualPlan,
    AnnualTarget,
    Indicator,
    Objective,
    Plan,
    PlanStatus,
    Task,
    TaskGroup,
)

CODE_PREFIX = "scale-"
EMAIL_DOMAIN = "thu-tai.example.vn"
PLAN_START, PLAN_END = 2021, 2025
COMMUNES = 20
M = 1_000_000
# The 34 provinces and cities from 1 Jul 2025 (Resolution 202/2025/QH15).
PROVINCES = [
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An",
    "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên",
    "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
    "Đắk Lắk", "Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
]  # fmt: skip
CITIES = {"Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"}


@dataclass
class Frame:
    """What the bulk writers of one agency need: ids, not model instances, for the big tables."""

    number: int
    agency: Agency
    plan: Plan
    commune_ids: list[int]
    staff_ids: list[int]
    leader_id: int
    finance_id: int
    schemes: list[dict] = field(default_factory=list)
    training_task_id: int | None = None
    support_task_id: int | None = None
    participant_enterprise: dict[int, int | None] = field(default_factory=dict)

    @property
    def prefix(self) -> str:
        return self.agency.code_prefix


def agency_code(number: int) -> str:
    return f"{CODE_PREFIX}{number:02d}"


def _letters(number: int) -> str:
    n, letters = number - 1, ""
    for _ in range(2):
        letters = chr(ord("A") + n % 26) + letters
        n //= 26
    return letters


def _province(number: int) -> tuple[str, str]:
    base = PROVINCES[(number - 1) % len(PROVINCES)]
    name = base if number <= len(PROVINCES) else f"{base} {number}"
    kind = "thành phố" if base in CITIES else "tỉnh"
    return name, kind


def make_frame(number: int) -> Frame:
    province, kind = _province(number)
    agency = Agency.objects.create(
        code=agency_code(number),
        name=f"Sở Khoa học và Công nghệ {kind} {province} (dữ liệu thử tải)",
        printed_name="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        parent_name=f"UBND {kind.upper()} {province.upper()}",
        abbreviation="SKHCN",
        place_name=province,
        code_prefix=f"TT-{_letters(number)}",
    )
    unit = AdministrativeUnit.objects.create(
        code=f"XP{number:03d}", name=f"{kind.capitalize()} {province}", level=UnitLevel.PROVINCE, kind=kind
    )
    communes = AdministrativeUnit.objects.bulk_create(
        AdministrativeUnit(
            code=f"XC{number:03d}{k:02d}", name=f"Xã Thử Tải {k}", level=UnitLevel.COMMUNE, kind="xã", parent=unit
        )
        for k in range(1, COMMUNES + 1)
    )
    AgencyArea.objects.create(agency=agency, unit=unit, basis="Dữ liệu thử tải")
    users = _internal_users(agency, number)
    plan = _plan(agency, province, kind)
    frame = Frame(
        number=number,
        agency=agency,
        plan=plan,
        commune_ids=[c.pk for c in communes],
        staff_ids=[u.pk for u in users[Role.STAFF]],
        leader_id=users[Role.LEADER][0].pk,
        finance_id=users[Role.FINANCE][0].pk,
    )
    tasks = {f"{t.group.number}.{t.code}": t.pk for t in Task.objects.filter(group__plan=plan).select_related("group")}
    frame.training_task_id = tasks.get("3.a")
    frame.support_task_id = tasks.get("4.a")
    frame.schemes = _schemes(plan, frame.support_task_id)
    return frame


def _internal_users(agency: Agency, number: int) -> dict[str, list[User]]:
    people = {Role.STAFF: 3, Role.LEADER: 1, Role.FINANCE: 1}
    users: dict[str, list[User]] = {}
    for role, count in people.items():
        group = Group.objects.get(name=role)
        users[role] = User.objects.bulk_create(
            User(
                email=f"{role}{k}.{number:02d}@{EMAIL_DOMAIN}",
                full_name=f"Cán bộ {k} ({role}) Sở {number:02d}",
                password=UNUSABLE_PASSWORD_PREFIX,  # generated people never sign in
            )
            for k in range(1, count + 1)
        )
        group.user_set.add(*users[role])
        agency.members.add(*users[role])
    return users


def _plan(agency: Agency, province: str, kind: str) -> Plan:
    plan = Plan.objects.create(
        title=f"Kế hoạch nâng cao năng suất và chất lượng sản phẩm, hàng hóa {kind} {province}, "
        f"giai đoạn {PLAN_START} - {PLAN_END} (dữ liệu thử tải)",
        short_title=f"Kế hoạch NSCL {province} {PLAN_START}-{PLAN_END}",
        decision_date=datetime.date(PLAN_START, 1, 28),
        issuing_body=f"Ủy ban nhân dân {kind} {province}",
        province_name=province,
        agency=agency,
        start_year=PLAN_START,
        end_year=PLAN_END,
        status=PlanStatus.ACTIVE,
    )
    data = load("programs", "plan_2021_2025.yaml")  # the demo plan's structure (programs/demo/)
    objectives = {
        row["code"]: Objective.objects.create(plan=plan, code=row["code"], title=row["title"], order=order)
        for order, row in enumerate(data["objectives"], start=1)
    }
    annual = {year: AnnualPlan.objects.create(plan=plan, year=year) for year in plan.years}
    targets = []
    for order, row in enumerate(data["indicators"], start=1):
        indicator = Indicator.objects.create(
            objective=objectives[row["objective"]],
            code=row["code"],
            name=row["name"],
            unit=row["unit"],
            kind=row["kind"],
            target_type=row["target_type"],
            target_min=row["target_min"],
            target_max=row["target_max"],
            baseline_value=row["baseline_value"],
            baseline_year=row["baseline_year"],
            measure=row["measure"],
            measure_arg=row["measure_arg"] or "",
            order=order,
        )
        targets += [
            AnnualTarget(annual_plan=annual[int(year)], indicator=indicator, target_min=low, target_max=high)
            for year, (low, high) in row["yearly_targets"].items()
        ]
    AnnualTarget.objects.bulk_create(targets)
    for row in data["task_groups"]:
        group = TaskGroup.objects.create(plan=plan, number=row["number"], title=row["title"])
        Task.objects.bulk_create(Task(group=group, code=t["code"], title=t["title"]) for t in row["tasks"])
    return plan


def _schemes(plan: Plan, task_id: int | None) -> list[dict]:
    """One scheme per support item, one policy version each; dicts the writers read."""
    sources = ensure_funding_sources()
    schemes = []
    for order, row in enumerate(load("programs.applications", "support_items.csv"), start=1):
        code, name, source = row["code"], row["name"], row["source"]
        rate, cap = int(row["rate"]), int(row["cap_from_2024"])
        item, _ = SupportItem.objects.get_or_create(code=code, defaults={"name": name, "order": order})
        scheme = SupportScheme.objects.create(
            item=item,
            plan=plan,
            task_id=task_id,
            title=f"Hỗ trợ {name[0].lower()}{name[1:]}",
            legal_basis="Quyết định số 1322/QĐ-TTg ngày 31/8/2020 của Thủ tướng Chính phủ",
            funding_source=sources[source],
            opens_on=datetime.date(PLAN_START, 1, 1),
        )
        policy = PolicyVersion.objects.create(
            scheme=scheme, effective_from=datetime.date(PLAN_START, 1, 1), rate_percent=rate, cap_amount=cap * M
        )
        schemes.append(
            {"id": scheme.pk, "policy_id": policy.pk, "source_id": sources[source].pk, "rate": rate, "cap": cap * M}
        )
    return schemes
