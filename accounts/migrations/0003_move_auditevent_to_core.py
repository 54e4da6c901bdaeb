# AuditEvent now lives in core (same table): remove it from this app's state only.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_roles'),
        ('core', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='AuditEvent')],
            database_operations=[],
        ),
    ]
