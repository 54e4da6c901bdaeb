"""Courses belong to an agency: the agency of their plan, else the first agency."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    Course = apps.get_model("training", "Course")
    Agency = apps.get_model("programs", "Agency")
    for course in Course.objects.filter(plan__isnull=False).select_related("plan"):
        course.agency_id = course.plan.agency_id
        course.save(update_fields=["agency"])
    if Course.objects.filter(agency__isnull=True).exists():
        first = Agency.objects.order_by("pk").first()
        if first is None:
            first = Agency.objects.create(
                code="agency-1",
                name="Sở Khoa học và Công nghệ",
                printed_name="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
                parent_name="",
                abbreviation="SKHCN",
                place_name="",
                code_prefix="NSCL",
            )
        Course.objects.filter(agency__isnull=True).update(agency=first)


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0005_agencies"),
        ("training", "0005_sane_bounds"),
    ]

    operations = [
        migrations.AddField(
            model_name="course",
            name="agency",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="courses",
                to="programs.agency",
                verbose_name="agency",
            ),
        ),
        migrations.AddField(
            model_name="historicalcourse",
            name="agency",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="programs.agency",
                verbose_name="agency",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="course",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="courses",
                to="programs.agency",
                verbose_name="agency",
            ),
        ),
    ]
