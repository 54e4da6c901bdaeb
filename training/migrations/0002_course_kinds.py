from django.db import migrations

KINDS = [
    ("expert", "Đào tạo chuyên gia năng suất chất lượng", "expert"),
    ("manager", "Đào tạo lãnh đạo, cán bộ quản lý về năng suất chất lượng", "manager"),
    ("apo", "Chương trình đào tạo của APO", "apo"),
    ("seminar", "Hội thảo, tập huấn nâng cao nhận thức", "seminar"),
    ("other", "Khóa đào tạo khác", ""),
]


def seed_kinds(apps, schema_editor):
    CourseKind = apps.get_model("training", "CourseKind")
    for order, (code, name, arg) in enumerate(KINDS, start=1):
        CourseKind.objects.get_or_create(code=code, defaults={"name": name, "measure_arg": arg, "order": order})


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]

    operations = [migrations.RunPython(seed_kinds, migrations.RunPython.noop)]
