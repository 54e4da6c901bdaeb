# The audit trail refuses UPDATE and DELETE in PostgreSQL itself (see core.append_only).

from django.db import migrations

from core.append_only import protect


class Migration(migrations.Migration):
    dependencies = [("core", "0002_outbox_and_background_jobs")]

    operations = [protect("accounts_auditevent")]
