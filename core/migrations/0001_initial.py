# AuditEvent moved here from accounts: state only, the table keeps its name.

import django.db.models.deletion
import core.clock
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0002_roles'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AuditEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('action', models.CharField(db_index=True, max_length=100, verbose_name='action')),
                        ('object_id', models.CharField(blank=True, db_index=True, max_length=64)),
                        ('object_repr', models.CharField(blank=True, max_length=255, verbose_name='object')),
                        ('reason', models.TextField(blank=True, verbose_name='reason')),
                        ('data', models.JSONField(blank=True, default=dict, verbose_name='details')),
                        ('created_at', models.DateTimeField(db_index=True, default=core.clock.now, verbose_name='time')),
                        ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='actor')),
                        ('content_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to='contenttypes.contenttype')),
                    ],
                    options={
                        'verbose_name': 'audit event',
                        'verbose_name_plural': 'audit events',
                        'ordering': ['-created_at', '-pk'],
                        'db_table': 'accounts_auditevent',
                        'indexes': [models.Index(fields=['content_type', 'object_id'], name='accounts_au_content_805f6c_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
