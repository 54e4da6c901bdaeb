from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The kernel every app builds on: audit, workflow, queue and outbox, mail, PDF, spreadsheet
    import, registries (navigation, sections, seeders, reference data) and the clock."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.db import connections
        from django.db.backends.signals import connection_created

        from .text import register_sqlite_unaccent

        connection_created.connect(register_sqlite_unaccent, dispatch_uid="core.sqlite_unaccent")

        from .importing import JOB_KIND, run_import_job
        from .jobs import register_job

        register_job(JOB_KIND, run_import_job)
        from .sectioncache import watch_changes

        watch_changes()
        for connection in connections.all(initialized_only=True):
            if connection.vendor == "sqlite" and connection.connection is not None:
                register_sqlite_unaccent(connection=connection)
