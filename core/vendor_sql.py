"""SQL written in each database's dialect, as one migration operation: the triggers that
keep figures in the database (projects/0012, 0013) have a PostgreSQL version and a SQLite
one (`make run`)."""

from django.db import migrations


def _statements(by_vendor: dict[str, list[str]]):
    def run(apps, schema_editor):
        for sql in by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql, params=None)  # PL/pgSQL, not parameters

    return run


def vendor_sql(
    forwards: dict[str, list[str]], backwards: dict[str, list[str]]
) -> migrations.RunPython:
    """Runs the statements listed under the database's vendor ("postgresql", "sqlite");
    nothing on another."""
    return migrations.RunPython(_statements(forwards), _statements(backwards), elidable=False)
