from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

INDEX = "enterprises_search_trgm"


def backfill(apps, schema_editor):
    """Fill ``search_text`` for the enterprises recorded before it existed (as the model does)."""
    from core.text import fold

    Enterprise = apps.get_model("enterprises", "Enterprise")
    batch = []
    for enterprise in Enterprise.objects.only("pk", "name", "short_name", "address", "tax_code").iterator(2000):
        enterprise.search_text = "\n".join(
            fold(getattr(enterprise, name) or "") for name in ("name", "short_name", "address", "tax_code")
        )
        batch.append(enterprise)
        if len(batch) >= 2000:
            Enterprise.objects.bulk_update(batch, ["search_text"])
            batch = []
    if batch:
        Enterprise.objects.bulk_update(batch, ["search_text"])


def create_index(apps, schema_editor):
    """A trigram GIN index on the folded text (PostgreSQL; SQLite searches by a scan)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "enterprises_enterprise" USING gin ("search_text" gin_trgm_ops)'
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    """The diacritics-insensitive enterprise search backed by an index: a folded copy of the
    searched fields (kept by ``Enterprise.save`` and the manager's bulk writes) and, on
    PostgreSQL, pg_trgm's GIN index on it, which serves ``LIKE '%term%'``."""

    dependencies = [("enterprises", "0003_sane_bounds")]

    operations = [
        migrations.AddField(
            model_name="enterprise",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="search text"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        TrigramExtension(),
        migrations.RunPython(create_index, drop_index),
    ]
