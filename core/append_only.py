"""Append-only tables, enforced by PostgreSQL: a trigger refuses every UPDATE and DELETE, whoever
sends it (ORM bulk operations, raw SQL, the admin). Used by migrations; other databases keep the
models' own guards only. TRUNCATE stays possible for the test suite's flushes."""

FUNCTION = """
CREATE OR REPLACE FUNCTION core_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'append-only table %: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
END
$$;
"""


def protect(*tables: str):
    """A RunPython operation adding the refusing trigger to ``tables`` (PostgreSQL only)."""
    from django.db import migrations

    def forward(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(FUNCTION, params=None)
        for table in tables:
            schema_editor.execute(
                f'CREATE TRIGGER "{table}_append_only" BEFORE UPDATE OR DELETE ON "{table}" '
                "FOR EACH ROW EXECUTE FUNCTION core_refuse_change()"
            )

    def backward(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in tables:
            schema_editor.execute(f'DROP TRIGGER IF EXISTS "{table}_append_only" ON "{table}"')

    return migrations.RunPython(forward, backward, elidable=False)
