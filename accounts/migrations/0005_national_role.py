"""The Ministry's read-only national role (issue #16): its auth group."""

from django.db import migrations


def create_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="national")


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="national").delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_sane_bounds")]

    operations = [migrations.RunPython(create_role, remove_role)]
