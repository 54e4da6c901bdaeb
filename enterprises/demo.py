"""Demo enterprises of Quảng Nam (seed_demo, order 20). Deterministic and idempotent."""

import datetime
import random

from .models import AdministrativeUnit, Enterprise, LegalForm, Representative, RepresentativeStatus, Sector, UnitLevel
from .validators import tax_code_with_check_digit

SEED = 20210128
COUNT = 300
# Units in force on this day are the ones the demo records were filed under (the 2021-2025 plan).
RECORDED_ON = datetime.date(2022, 6, 30)
DEMO_COMPANY = ("400012345", "Công ty Cổ phần Thực phẩm Xanh Quảng Nam", "Thực phẩm Xanh")

LEGAL_PREFIX = {
    LegalForm.LLC_ONE: "Công ty TNHH MTV",
    LegalForm.LLC: "Công ty TNHH",
    LegalForm.JSC: "Công ty Cổ phần",
    LegalForm.PRIVATE: "Doanh nghiệp tư nhân",
    LegalForm.COOPERATIVE: "Hợp tác xã",
}
# (VSIC division, trade word for the name, weight)
TRADES = [
    ("01", "Nông sản", 6),
    ("02", "Lâm sản", 4),
    ("03", "Thủy sản", 5),
    ("08", "Khai thác đá", 2),
    ("10", "Thực phẩm", 12),
    ("11", "Đồ uống", 3),
    ("13", "Dệt", 4),
    ("14", "May mặc", 8),
    ("15", "Da giày", 3),
    ("16", "Chế biến gỗ", 7),
    ("22", "Nhựa", 2),
    ("23", "Vật liệu xây dựng", 5),
    ("25", "Cơ khí", 6),
    ("27", "Thiết bị điện", 2),
    ("29", "Ô tô", 2),
    ("31", "Nội thất", 4),
    ("35", "Điện năng", 2),
    ("36", "Cấp nước", 1),
    ("38", "Môi trường", 2),
    ("41", "Xây dựng", 7),
    ("42", "Công trình", 4),
    ("43", "Xây lắp", 3),
    ("46", "Thương mại", 9),
    ("47", "Bán lẻ", 5),
    ("49", "Vận tải", 4),
    ("55", "Du lịch", 6),
    ("56", "Ẩm thực", 4),
    ("62", "Phần mềm", 3),
    ("71", "Tư vấn kỹ thuật", 2),
    ("85", "Giáo dục", 1),
    ("86", "Y tế", 1),
]
NAMES = [
    "Phú Ninh",
    "Thu Bồn",
    "Trường Hải",
    "Hội An Xanh",
    "Sông Vu",
    "Tam Kỳ",
    "Núi Thành",
    "Chu Lai",
    "Vĩnh Điện",
    "Cửa Đại",
    "Ngọc Linh",
    "Quế Sơn",
    "Bắc Trà My",
    "Hòa Phát Quảng",
    "An Phú",
    "Tân Thịnh",
    "Hưng Long",
    "Thành Công",
    "Minh Phát",
    "Phước Lộc",
    "Đại Lộc",
    "Duy Xuyên",
    "Mỹ Sơn",
    "Cù Lao Chàm",
    "Kỳ Hà",
    "Tam Hiệp",
    "Phú Quý",
    "Đông Giang",
    "Sông Tranh",
    "Bình Minh",
    "Hoàng Gia",
    "Việt Trung",
    "Nam Phát",
    "Trà Nhiêu",
    "Điện Ngọc",
    "Thăng Long",
    "Hương Trà",
    "Tiên Phước",
    "Phúc Thịnh",
    "Gia Khang",
]
STREETS = [
    "Phan Châu Trinh",
    "Hùng Vương",
    "Trần Cao Vân",
    "Huỳnh Thúc Kháng",
    "Nguyễn Duy Hiệu",
    "Lê Lợi",
    "Quang Trung",
    "Điện Biên Phủ",
    "Trần Hưng Đạo",
    "Nguyễn Hoàng",
]
CONTACTS = [
    "Nguyễn Văn An",
    "Trần Thị Bích",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Huỳnh Văn Em",
    "Võ Thị Giang",
    "Đặng Văn Hải",
    "Bùi Thị Hạnh",
    "Ngô Văn Khoa",
    "Dương Thị Lan",
    "Đỗ Văn Minh",
    "Hồ Thị Ngọc",
]
# Employees, revenue (bn VND), capital (bn VND) ranges: mostly micro and small, as in the province.
SIZES = [
    ((2, 10), (0.5, 3), (0.3, 3), 40),
    ((11, 80), (4, 45), (3, 18), 35),
    ((60, 190), (30, 180), (15, 90), 17),
    ((201, 900), (210, 900), (110, 600), 8),
]
DEMO_REPRESENTATIVES = [
    ("dn.phuninh@demo.vn", "Trần Minh Tâm", RepresentativeStatus.VERIFIED),
    ("dn.thubon@demo.vn", "Lê Thị Mai", RepresentativeStatus.PENDING),
    ("dn.chulai@demo.vn", "Phạm Quốc Bảo", RepresentativeStatus.PENDING),
    ("dn.hoian@demo.vn", "Nguyễn Thị Thanh", RepresentativeStatus.REJECTED),
]


def _tax_code(rng: random.Random, used: set[str]) -> str:
    while True:
        code = tax_code_with_check_digit("40" + f"{rng.randrange(1, 10_000_000):07d}")
        if code and code not in used:
            used.add(code)
            return code


def demo_enterprise_rows() -> list[dict]:
    """The ~300 demo enterprises as field dicts (same output on every call)."""
    from .selectors import units_valid_on

    rng = random.Random(SEED)
    communes = list(
        units_valid_on(RECORDED_ON).filter(level=UnitLevel.COMMUNE, parent__parent__code="49").order_by("code")
    )
    districts = sorted({c.parent_id for c in communes})
    by_district = {d: [c for c in communes if c.parent_id == d] for d in districts}
    sectors = {s.code: s for s in Sector.objects.filter(classification="VSIC2018", level=2)}
    used = {tax_code_with_check_digit(DEMO_COMPANY[0])}
    rows = []
    for index in range(COUNT):
        division, trade, _weight = rng.choices(TRADES, weights=[t[2] for t in TRADES])[0]
        form = rng.choices(list(LEGAL_PREFIX), weights=[25, 30, 25, 8, 12])[0]
        (staff_lo, staff_hi), (rev_lo, rev_hi), (cap_lo, cap_hi), _w = rng.choices(
            SIZES, weights=[s[3] for s in SIZES]
        )[0]
        district = districts[index % len(districts)]  # every district-level unit gets enterprises
        unit = rng.choice(by_district[district])
        name_word = rng.choice(NAMES)
        name = f"{LEGAL_PREFIX[form]} {trade} {name_word}"
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
                "address": f"{rng.randrange(1, 400)} {rng.choice(STREETS)}, {unit.name}, {unit.parent.name}",
                "unit": unit,
                "sector": sectors[division],
                "employees": rng.randrange(staff_lo, staff_hi + 1),
                "revenue": int(rng.uniform(rev_lo, rev_hi) * 10) * 100_000_000,
                "capital": int(rng.uniform(cap_lo, cap_hi) * 10) * 100_000_000,
                "figures_year": rng.choice([2021, 2022, 2023, 2024]),
                "contact_name": rng.choice(CONTACTS),
                "phone": f"0235 3{rng.randrange(100000, 999999)}",
                "email": f"lienhe{index + 1}@dn-quangnam.vn",
                "is_model": is_model,
                "model_since": datetime.date(rng.choice([2022, 2023, 2024]), rng.randrange(1, 13), 1)
                if is_model
                else None,
                "model_note": "Mô hình điểm áp dụng đồng bộ các giải pháp năng suất chất lượng (5S, Kaizen, ISO 9001)."
                if is_model
                else "",
            }
        )
    return rows


# A second province for the second demo agency. Only the province row (code 51, from 1 Jul 2025,
# Resolution 202/2025/QH15) is demo data: its communes are not in the verified files of data/.
SECOND_PROVINCE = ("51", "Tỉnh Quảng Ngãi", "tỉnh", datetime.date(2025, 7, 1))
SECOND_ENTERPRISES = [
    ("Công ty TNHH Thủy sản Sa Huỳnh", "03", "Thủy sản Sa Huỳnh"),
    ("Công ty Cổ phần Đường Phổ Phong", "10", "Đường Phổ Phong"),
    ("Hợp tác xã Nông nghiệp Nghĩa Hành", "01", "HTX Nghĩa Hành"),
    ("Công ty TNHH Cơ khí Dung Quất", "25", "Cơ khí Dung Quất"),
    ("Công ty Cổ phần May Trà Khúc", "14", "May Trà Khúc"),
    ("Công ty TNHH Gỗ Sơn Tịnh", "16", "Gỗ Sơn Tịnh"),
]


def quang_nam_enterprises():
    """The demo enterprises recorded in Quảng Nam (all but the second province's)."""
    return Enterprise.objects.exclude(unit__code=SECOND_PROVINCE[0])


def second_province() -> AdministrativeUnit:
    code, name, kind, start = SECOND_PROVINCE
    unit, _ = AdministrativeUnit.objects.get_or_create(
        code=code,
        valid_from=start,
        defaults={"name": name, "level": UnitLevel.PROVINCE, "kind": kind, "basis_from": "Nghị quyết số 202/2025/QH15"},
    )
    return unit


def seed_second_province() -> None:
    """The second demo province and a handful of its enterprises (idempotent)."""
    from .services import enterprise_create

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

    from .services import enterprise_create, reference_data_load, representative_reject, representative_verify

    reference_data_load()
    staff = User.objects.filter(email="staff@demo.vn").first()
    existing = set(Enterprise.objects.values_list("tax_code", flat=True))
    rows = demo_enterprise_rows()
    for row in rows:
        if row["tax_code"] not in existing:
            enterprise_create(data=row, actor=None)

    # The named demo company of enterprise@demo.vn.
    company_code = tax_code_with_check_digit(DEMO_COMPANY[0])
    company = Enterprise.objects.filter(tax_code=company_code).first()
    if company is None:
        template = dict(rows[0])
        template.update(
            tax_code=company_code,
            name=DEMO_COMPANY[1],
            short_name=DEMO_COMPANY[2],
            legal_form=LegalForm.JSC,
            sector=Sector.objects.get(classification="VSIC2018", code="10"),
            employees=85,
            revenue=42_000_000_000,
            capital=18_000_000_000,
            figures_year=2024,
            email="lienhe@thucphamxanh.vn",
            website="https://thucphamxanh.vn",
            contact_name="Võ Thị Thu Hà",
            is_model=True,
            model_since=datetime.date(2023, 5, 1),
            model_note="Mô hình điểm năm 2023: áp dụng 5S, Kaizen và ISO 22000.",
        )
        company = enterprise_create(data=template, actor=None)
    people = [("enterprise@demo.vn", None, RepresentativeStatus.VERIFIED, company)]
    targets = list(quang_nam_enterprises().exclude(pk=company.pk).order_by("tax_code")[:4])
    people += [
        (email, name, status, target)
        for (email, name, status), target in zip(DEMO_REPRESENTATIVES, targets, strict=False)
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
            representative_reject(
                representative=rep, actor=staff, reason="Giấy giới thiệu không đúng người đại diện theo pháp luật."
            )
    seed_second_province()
