"""Decision 1322/QĐ-TTg's national targets as data (editable in the admin; the figures are the
decision's approximate ones, see DOMAIN.md)."""

from decimal import Decimal

from django.db import migrations

TARGETS = [
    # code, name, measure, argument, kind, from, year, low, high, unit, order
    ("experts-2025", "Chuyên gia năng suất chất lượng được đào tạo đến năm 2025", "training.person_times", "expert",
     "count", 2021, 2025, Decimal(600), None, "lượt", 10),
    ("experts-2030", "Chuyên gia năng suất chất lượng được đào tạo đến năm 2030", "training.person_times", "expert",
     "count", 2021, 2030, Decimal(1000), None, "lượt", 20),
    ("supported-growth", "Số doanh nghiệp được hỗ trợ tăng bình quân hằng năm", "applications.supported_enterprises", "",
     "growth", 2021, 2030, Decimal(10), Decimal(15), "%", 30),
    ("models-2030", "Doanh nghiệp được hướng dẫn áp dụng làm mô hình điểm đến năm 2030", "enterprises.model_enterprises", "",
     "count", 2021, 2030, Decimal(100), None, "doanh nghiệp", 40),
]


def create(apps, schema_editor):
    NationalTarget = apps.get_model("national", "NationalTarget")
    for code, name, measure, arg, kind, start, year, low, high, unit, order in TARGETS:
        NationalTarget.objects.get_or_create(
            code=code,
            defaults={
                "name": name, "measure": measure, "measure_arg": arg, "kind": kind, "year_from": start,
                "year": year, "target_low": low, "target_high": high, "unit": unit, "order": order,
                "note": "Quyết định 1322/QĐ-TTg ngày 31/8/2020 (con số khoảng, chỉnh sửa được).",
            },
        )


def remove(apps, schema_editor):
    apps.get_model("national", "NationalTarget").objects.filter(code__in=[t[0] for t in TARGETS]).delete()


class Migration(migrations.Migration):
    dependencies = [("national", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
