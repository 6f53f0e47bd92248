"""Official records that no one changes from the application: a PostgreSQL trigger.

The models already refuse `save()` of an existing row, `delete()` and queryset
`update()`/`delete()`; the trigger also stops raw SQL, the admin and anything
else that connects as the application. Only row-level UPDATE and DELETE are
refused: TRUNCATE stays possible because test runs flush the database with it
(a restore with pg_restore --clean drops and recreates the table, trigger
included). A data migration that must correct a record has to disable the
trigger explicitly (`ALTER TABLE … DISABLE TRIGGER …`), which leaves a trace in
the migration history. SQLite (`make run`) has no such trigger.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION emenscr_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is an append-only record: % refused', TG_TABLE_NAME, TG_OP
        USING HINT = 'The audit trail and frozen records are never changed or deleted.';
END
$$;
"""


def trigger_name(table: str) -> str:
    return f"{table}_append_only"


def _create(table: str):
    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(FUNCTION, params=None)  # its % are PL/pgSQL's, not parameters
        schema_editor.execute(
            f"CREATE TRIGGER {trigger_name(table)} BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION emenscr_refuse_change()"
        )

    return forwards


def _drop(table: str):
    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger_name(table)} ON {table}")

    return backwards


def append_only(table: str) -> migrations.RunPython:
    """The migration operation that makes `table` append-only (PostgreSQL only)."""
    return migrations.RunPython(_create(table), _drop(table), elidable=False)
