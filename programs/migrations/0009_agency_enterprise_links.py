"""Every (agency, enterprise) of the applications past their draft and the enrolments already there."""

from django.db import migrations

SOURCES = (
    "SELECT a.enterprise_id, p.agency_id FROM applications_supportapplication a"
    " JOIN applications_supportscheme s ON s.id = a.scheme_id JOIN programs_plan p ON p.id = s.plan_id"
    " WHERE a.status <> 'draft'",
    "SELECT e.enterprise_id, c.agency_id FROM training_enrolment e JOIN training_course c ON c.id = e.course_id",
)


def link_existing(apps, schema_editor):
    for select_sql in SOURCES:
        schema_editor.execute(
            "INSERT INTO programs_agencyenterprise (enterprise_id, agency_id)"
            f" SELECT DISTINCT s.enterprise_id, s.agency_id FROM ({select_sql}) s"
            " WHERE s.enterprise_id IS NOT NULL AND s.agency_id IS NOT NULL AND NOT EXISTS ("
            " SELECT 1 FROM programs_agencyenterprise l"
            " WHERE l.enterprise_id = s.enterprise_id AND l.agency_id = s.agency_id)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0008_agency_enterprise"),
        ("applications", "0006_audit_trail_replaces_history"),
        ("training", "0008_participant_agency"),
    ]

    operations = [migrations.RunPython(link_existing, migrations.RunPython.noop)]
