"""Demo enterprises of Quảng Nam (seed_demo, order 20). Deterministic and idempotent.

The words they are drawn from, the named demo company, the demo representatives and the second
province are data (``enterprises.yaml``, ``trades.csv``); the order of the random draws is the
code's, so that the same rows come out."""

import datetime
import random

from core.demo import load

from ..models import AdministrativeUnit, Enterprise, LegalForm, Representative, RepresentativeStatus, Sector, UnitLevel
from ..validators import tax_code_with_check_digit

SEED = 20210128
COUNT = 300
# Units in force on this day are the ones the demo records were filed under (the 2021-2025 plan).
RECORDED_ON = datetime.date(2022, 6, 30)
_DATA = load("enterprises", "enterprises.yaml")
SECOND_ENTERPRISES = [(row["name"], row["division"], row["short_name"]) for row in _DATA["second_enterprises"]]


def _tax_code(rng: random.Random, used: set[str]) -> str:
    while True:
        code = tax_code_with_check_digit("40" + f"{rng.randrange(1, 10_000_000):07d}")
        if code and code not in used:
            used.add(code)
            return code


def demo_enterprise_rows() -> list[dict]:
    """The ~300 demo enterprises as field dicts (same output on every call)."""
    from ..selectors import units_valid_on

    rng = random.Random(SEED)
    communes = list(
        units_valid_on(RECORDED_ON).filter(level=UnitLevel.COMMUNE, parent__parent__code="49").order_by("code")
    )
    districts = sorted({c.parent_id for c in communes})
    by_district = {d: [c for c in communes if c.parent_id == d] for d in districts}
    sectors = {s.code: s for s in Sector.objects.filter(classification="VSIC2018", level=2)}
    used = {tax_code_with_check_digit(_DATA["demo_company"]["tax_code"])}
    trades = [(row["division"], row["trade"], int(row["weight"])) for row in load("enterprises", "trades.csv")]
    prefix = {row["form"]: row["prefix"] for row in _DATA["legal_forms"]}
    sizes = _DATA["sizes"]
    rows = []
    for index in range(COUNT):
        division, trade, _weight = rng.choices(trades, weights=[t[2] for t in trades])[0]
        form = rng.choices(list(prefix), weights=[row["weight"] for row in _DATA["legal_forms"]])[0]
        size = rng.choices(sizes, weights=[s["weight"] for s in sizes])[0]
        (staff_lo, staff_hi), (rev_lo, rev_hi), (cap_lo, cap_hi) = size["employees"], size["revenue"], size["capital"]
        district = districts[index % len(districts)]  # every district-level unit gets enterprises
        unit = rng.choice(by_district[district])
        name_word = rng.choice(_DATA["names"])
        name = f"{prefix[form]} {trade} {name_word}"
        if any(r["name"] == name for r in rows):
            name = f"{name} {index + 1}"
        founded = datetime.date(rng.randrange(1995, 2022), rng.randrange(1, 13), rng.randrange(1, 29))
        is_model = index % 45 == 7
        rows.append(
            {
                "tax_code": _tax_code(rng, used),
                "name": name,
                "short_name": f"{trade} {name_word}",
                "legal_form": form,
                "founded_on": founded,
                "address": f"{rng.randrange(1, 400)} {rng.choice(_DATA['streets'])}, {unit.name}, {unit.parent.name}",
                "unit": unit,
                "sector": sectors[division],
                "employees": rng.randrange(staff_lo, staff_hi + 1),
                "revenue": int(rng.uniform(rev_lo, rev_hi) * 10) * 100_000_000,
                "capital": int(rng.uniform(cap_lo, cap_hi) * 10) * 100_000_000,
                "figures_year": rng.choice([2021, 2022, 2023, 2024]),
                "contact_name": rng.choice(_DATA["contacts"]),
                "phone": f"0235 3{rng.randrange(100000, 999999)}",
                "email": f"lienhe{index + 1}@dn-quangnam.vn",
                "is_model": is_model,
                "model_since": datetime.date(rng.choice([2022, 2023, 2024]), rng.randrange(1, 13), 1)
                if is_model
                else None,
                "model_note": _DATA["model_note"] if is_model else "",
            }
        )
    return rows


def quang_nam_enterprises():
    """The demo enterprises recorded in Quảng Nam (all but the second province's)."""
    return Enterprise.objects.exclude(unit__code=second_province_code())


def second_province_code() -> str:
    """The code of the second demo province (Quảng Ngãi, 51)."""
    return _DATA["second_province"]["code"]


def second_province() -> AdministrativeUnit:
    """A second province for the second demo agency. Only the province row (from 1 Jul 2025,
    Resolution 202/2025/QH15) is demo data: its communes are not in the verified files of data/."""
    data = _DATA["second_province"]
    unit, _ = AdministrativeUnit.objects.get_or_create(
        code=data["code"],
        valid_from=data["valid_from"],
        defaults={
            "name": data["name"],
            "level": UnitLevel.PROVINCE,
            "kind": data["kind"],
            "basis_from": data["basis_from"],
        },
    )
    return unit


def seed_second_province() -> None:
    """The second demo province and a handful of its enterprises (idempotent)."""
    from ..services import enterprise_create

    province = second_province()
    rng = random.Random(SEED + 51)
    used = set(Enterprise.objects.values_list("tax_code", flat=True))
    sectors = {s.code: s for s in Sector.objects.filter(classification="VSIC2018", level=2)}
    for index, (name, division, short) in enumerate(SECOND_ENTERPRISES):
        if Enterprise.objects.filter(name=name).exists():
            continue
        enterprise_create(
            data={
                "tax_code": _tax_code(rng, used),
                "name": name,
                "short_name": short,
                "legal_form": LegalForm.COOPERATIVE if name.startswith("Hợp tác xã") else LegalForm.LLC,
                "address": f"{rng.randrange(1, 300)} Quang Trung, {province.name}",
                "unit": province,
                "sector": sectors[division],
                "employees": 20 + 15 * index,
                "revenue": (8 + 6 * index) * 1_000_000_000,
                "capital": (5 + 3 * index) * 1_000_000_000,
                "figures_year": 2025,
                "email": f"lienhe{index + 1}@dn-quangngai.vn",
            },
            actor=None,
        )


def seed_enterprises() -> None:
    """Units and sectors, ~300 enterprises, and demo representatives (enterprise@demo.vn verified)."""
    from accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
    from accounts.models import User
    from accounts.services import user_ensure_demo

    from ..services import enterprise_create, reference_data_load, representative_reject, representative_verify

    reference_data_load()
    staff = User.objects.filter(email="staff@demo.vn").first()
    existing = set(Enterprise.objects.values_list("tax_code", flat=True))
    rows = demo_enterprise_rows()
    for row in rows:
        if row["tax_code"] not in existing:
            enterprise_create(data=row, actor=None)

    # The named demo company of enterprise@demo.vn (in the unit of the first drawn enterprise).
    named = dict(_DATA["demo_company"])
    company_code = tax_code_with_check_digit(named["tax_code"])
    company = Enterprise.objects.filter(tax_code=company_code).first()
    if company is None:
        template = dict(rows[0])
        template.update(
            named,
            tax_code=company_code,
            sector=Sector.objects.get(classification="VSIC2018", code=named["sector"]),
        )
        company = enterprise_create(data=template, actor=None)
    people = [("enterprise@demo.vn", None, RepresentativeStatus.VERIFIED, company)]
    targets = list(quang_nam_enterprises().exclude(pk=company.pk).order_by("tax_code")[:4])
    people += [
        (row["email"], row["name"], RepresentativeStatus(row["status"]), target)
        for row, target in zip(_DATA["representatives"], targets, strict=False)
    ]
    for email, name, status, enterprise in people:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = user_ensure_demo(
                email=email,
                role="enterprise",
                full_name=name or email,
                password=DEMO_PASSWORD,
                totp_secret=DEMO_TOTP_SECRET,
            )
        rep, created = Representative.objects.get_or_create(
            user=user,
            enterprise=enterprise,
            defaults={"position": "Giám đốc" if status != "pending" else "Trưởng phòng"},
        )
        if created and status == RepresentativeStatus.VERIFIED:
            representative_verify(representative=rep, actor=staff)
        elif created and status == RepresentativeStatus.REJECTED:
            representative_reject(representative=rep, actor=staff, reason=_DATA["rejection_reason"])
    seed_second_province()
