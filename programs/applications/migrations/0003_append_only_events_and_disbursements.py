# Application events and disbursements refuse UPDATE and DELETE in PostgreSQL (core.append_only).

from django.db import migrations

from core.append_only import protect


class Migration(migrations.Migration):
    dependencies = [("applications", "0002_clock_defaults"), ("core", "0003_append_only_audit")]

    operations = [protect("applications_applicationevent", "applications_disbursement")]
