from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """``unaccent`` for diacritic-insensitive search (PostgreSQL only: the operation does
    nothing on other databases; SQLite gets an equivalent function in ``apps.py``)."""

    dependencies = [("enterprises", "0001_initial")]

    operations = [UnaccentExtension()]
