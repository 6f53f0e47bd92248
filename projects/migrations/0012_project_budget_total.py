"""Each project's budget total (M5's sources added up), kept by the database.

Triggers on projects_budgetsource put the sum back on the project after every insert,
update or delete of a source, whichever path wrote it (forms, the workbook import's
bulk writes, the admin, raw SQL). A trigger on projects_project keeps the column to the
sum when a save from an instance read before its sources changed writes an older value.
PostgreSQL and SQLite (`make run`) each get their own dialect.
"""

from django.db import migrations, models

from core.vendor_sql import vendor_sql

SUM = "(SELECT COALESCE(SUM(amount), 0) FROM projects_budgetsource WHERE project_id = {})"


def _set_total(project_id: str) -> str:
    """The statement that puts the sum back on the project `project_id` names."""
    return (
        f"UPDATE projects_project SET budget_total = {SUM.format(project_id)} "
        f"WHERE id = {project_id};"
    )


POSTGRESQL = [
    f"""
    CREATE OR REPLACE FUNCTION projects_budget_sources_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN {_set_total("OLD.project_id")} END IF;
        IF TG_OP <> 'DELETE' THEN {_set_total("NEW.project_id")} END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER projects_budgetsource_total
    AFTER INSERT OR UPDATE OR DELETE ON projects_budgetsource
    FOR EACH ROW EXECUTE FUNCTION projects_budget_sources_changed()
    """,
    f"""
    CREATE OR REPLACE FUNCTION projects_budget_total_kept() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' OR NEW.budget_total IS DISTINCT FROM OLD.budget_total THEN
            NEW.budget_total := {SUM.format("NEW.id")};
        END IF;
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER projects_project_budget_total
    BEFORE INSERT OR UPDATE OF budget_total ON projects_project
    FOR EACH ROW EXECUTE FUNCTION projects_budget_total_kept()
    """,
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS projects_budgetsource_total ON projects_budgetsource",
    "DROP TRIGGER IF EXISTS projects_project_budget_total ON projects_project",
    "DROP FUNCTION IF EXISTS projects_budget_sources_changed()",
    "DROP FUNCTION IF EXISTS projects_budget_total_kept()",
]


# SQLite cannot change NEW in a trigger: a project written with another total is written
# again (recursive triggers are off).
_SQLITE_KEPT = (
    f"WHEN NEW.budget_total IS NOT {SUM.format('NEW.id')} BEGIN {_set_total('NEW.id')} END"
)
SQLITE = [
    "CREATE TRIGGER projects_budgetsource_total_insert AFTER INSERT ON projects_budgetsource "
    f"BEGIN {_set_total('NEW.project_id')} END",
    "CREATE TRIGGER projects_budgetsource_total_update AFTER UPDATE ON projects_budgetsource "
    f"BEGIN {_set_total('OLD.project_id')} {_set_total('NEW.project_id')} END",
    "CREATE TRIGGER projects_budgetsource_total_delete AFTER DELETE ON projects_budgetsource "
    f"BEGIN {_set_total('OLD.project_id')} END",
    "CREATE TRIGGER projects_project_budget_total AFTER UPDATE OF budget_total ON "
    f"projects_project {_SQLITE_KEPT}",
    f"CREATE TRIGGER projects_project_budget_total_insert AFTER INSERT ON projects_project {_SQLITE_KEPT}",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in (
        "projects_budgetsource_total_insert",
        "projects_budgetsource_total_update",
        "projects_budgetsource_total_delete",
        "projects_project_budget_total",
        "projects_project_budget_total_insert",
    )
]


def backfill(apps, schema_editor):
    schema_editor.execute(
        f"UPDATE projects_project SET budget_total = {SUM.format('projects_project.id')}"
    )


class Migration(migrations.Migration):
    dependencies = [("projects", "0011_project_end_date")]

    operations = [
        migrations.AddField(
            model_name="project",
            name="budget_total",
            field=models.DecimalField(
                decimal_places=2,
                default=0,
                editable=False,
                max_digits=18,
                verbose_name="งบประมาณรวมทุกแหล่ง (บาท)",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=False),
        vendor_sql(
            {"postgresql": POSTGRESQL, "sqlite": SQLITE},
            {"postgresql": POSTGRESQL_DROP, "sqlite": SQLITE_DROP},
        ),
    ]
