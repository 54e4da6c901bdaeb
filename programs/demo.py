"""Quảng Nam 2021-2025 demo data (the first customer). Idempotent.

Other apps' seeders find the plan with ``demo_plan()`` and the funding sources by code.
"""

import datetime

from .models import FundingSource, FundingSourceKind, Plan, PlanStatus

DEMO_PLAN_KEY = {"province_name": "Quảng Nam", "start_year": 2021, "end_year": 2025}

FUNDING_SOURCES = [
    ("st-nonbusiness", "Kinh phí sự nghiệp khoa học và công nghệ", FundingSourceKind.STATE, "Luật Ngân sách nhà nước"),
    ("resolution-02", "Kinh phí thực hiện Nghị quyết số 02/2019/NQ-HĐND", FundingSourceKind.STATE,
     "Nghị quyết số 02/2019/NQ-HĐND ngày 12/7/2019 của HĐND tỉnh Quảng Nam"),
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
