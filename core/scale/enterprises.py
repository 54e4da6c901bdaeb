"""Enterprises of one generated agency (valid tax codes, size classes derived as the services
derive them, communes of the agency's own province) and the representatives who apply for them."""

import random

from accounts.models import Role
from enterprises.models import Enterprise, EnterpriseStatus, LegalForm, Representative, RepresentativeStatus, Sector
from enterprises.sizes import size_class_for
from enterprises.validators import tax_code_with_check_digit

from .bulk import BulkWriter
from .setup import EMAIL_DOMAIN, Frame

TRADES = ["Chế biến Thực phẩm", "May mặc", "Gỗ", "Cơ khí", "Xây dựng", "Thương mại", "Bán lẻ", "Du lịch", "Phần mềm"]
FORMS = [LegalForm.LLC, LegalForm.LLC_ONE, LegalForm.JSC, LegalForm.PRIVATE, LegalForm.COOPERATIVE]
# Enterprises per representative account (the applicant of an application is its enterprise's representative).
PER_REPRESENTATIVE = 5


def tax_codes(number: int, count: int):
    """``count`` valid ten-digit tax codes of agency ``number``: 9, the agency's two digits, a
    six-digit sequence, the check digit (sequences without a check digit are skipped)."""
    made, seq = 0, 0
    while made < count:
        code = tax_code_with_check_digit(f"9{number:02d}{seq:06d}")
        seq += 1
        if code is not None:
            made += 1
            yield code


def write_enterprises(writer: BulkWriter, frame: Frame, count: int, rng: random.Random) -> list[int]:
    sectors = list(Sector.objects.filter(classification="VSIC2018", level=2).values_list("pk", "size_group"))
    first = writer.reserve(Enterprise, count)
    ids = list(range(first, first + count))

    def rows():
        for pk, code in zip(ids, tax_codes(frame.number, count), strict=True):
            sector_id, group = rng.choice(sectors)
            employees = rng.choice((3, 8, 15, 40, 80, 150, 250, 400))
            revenue = rng.randrange(1, 500) * 1_000_000_000
            capital = rng.randrange(1, 120) * 1_000_000_000
            model = rng.random() < 0.002
            yield {
                "id": pk,
                "tax_code": code,
                "name": f"Công ty {rng.choice(TRADES)} Thử tải {frame.number:02d}-{pk}",
                "legal_form": rng.choice(FORMS),
                "address": f"{rng.randrange(1, 400)} đường Thử Tải",
                "unit_id": rng.choice(frame.commune_ids),
                "sector_id": sector_id,
                "employees": employees,
                "revenue": revenue,
                "capital": capital,
                "figures_year": 2024,
                "size_class": size_class_for(group, employees, revenue, capital),
                "is_model": model,
                "model_since": writer.moment.date().replace(year=2023) if model else None,
                "status": EnterpriseStatus.ACTIVE,
            }

    writer.write(Enterprise, rows())
    return ids


def write_representatives(writer: BulkWriter, frame: Frame, enterprise_ids: list[int]) -> dict[int, int]:
    """One verified representative account per PER_REPRESENTATIVE enterprises; {enterprise: user}."""
    from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
    from django.contrib.auth.models import Group

    from accounts.models import User

    count = (len(enterprise_ids) + PER_REPRESENTATIVE - 1) // PER_REPRESENTATIVE
    first = writer.reserve(User, count)
    users = list(range(first, first + count))
    writer.write(
        User,
        (
            {
                "id": pk,
                "email": f"dn{pk}.{frame.number:02d}@{EMAIL_DOMAIN}",
                "full_name": f"Đại diện {pk}",
                "password": UNUSABLE_PASSWORD_PREFIX,
            }
            for pk in users
        ),
    )
    group = Group.objects.get(name=Role.ENTERPRISE)
    writer.write(User.groups.through, ({"user_id": pk, "group_id": group.pk} for pk in users))
    owner = {e: users[i // PER_REPRESENTATIVE] for i, e in enumerate(enterprise_ids)}
    writer.write(
        Representative,
        (
            {
                "user_id": user,
                "enterprise_id": enterprise,
                "status": RepresentativeStatus.VERIFIED,
                "decided_by_id": frame.staff_ids[0],
                "decided_at": writer.moment,
            }
            for enterprise, user in owner.items()
        ),
    )
    return owner
