"""Projects counted per owning unit, year, status and completeness (ProjectTally), kept by
the database whichever way a project is written (forms, the engine, the import's bulk
writes, the admin, raw SQL). Triggers only add rows: +n for the projects that came to a
key, -n for those that left it; projects.services.tallies folds them.

PostgreSQL's triggers run once per statement over its transition tables, so the import's
bulk insert adds a row per key, not per project; an update that moves nothing adds
nothing. SQLite (`make run`) has row triggers only.
"""

import django.db.models.deletion
from django.db import migrations, models

from core.vendor_sql import vendor_sql

KEY = "owner_unit_id, fiscal_year, status, is_complete"
INTO = f"INSERT INTO projects_projecttally ({KEY}, n)"

POSTGRESQL = [
    f"""
    CREATE OR REPLACE FUNCTION projects_project_tally() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            {INTO} SELECT {KEY}, count(*) FROM new_rows GROUP BY {KEY};
        ELSIF TG_OP = 'DELETE' THEN
            {INTO} SELECT {KEY}, -count(*) FROM old_rows GROUP BY {KEY};
        ELSE
            {INTO} SELECT {KEY}, sum(n) FROM (
                SELECT {KEY}, -1 AS n FROM old_rows
                UNION ALL SELECT {KEY}, 1 FROM new_rows
            ) AS moved GROUP BY {KEY} HAVING sum(n) <> 0;
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER projects_project_tally_insert AFTER INSERT ON projects_project
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION projects_project_tally()
    """,
    """
    CREATE TRIGGER projects_project_tally_update AFTER UPDATE ON projects_project
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION projects_project_tally()
    """,
    """
    CREATE TRIGGER projects_project_tally_delete AFTER DELETE ON projects_project
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION projects_project_tally()
    """,
]
POSTGRESQL_DROP = [
    *(
        f"DROP TRIGGER IF EXISTS projects_project_tally_{event} ON projects_project"
        for event in ("insert", "update", "delete")
    ),
    "DROP FUNCTION IF EXISTS projects_project_tally()",
]


def _row(row: str, n: int) -> str:
    return (
        f"{INTO} VALUES ({row}.owner_unit_id, {row}.fiscal_year, {row}.status, "
        f"{row}.is_complete, {n});"
    )


_MOVED = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in KEY.split(", "))
SQLITE = [
    f"CREATE TRIGGER projects_project_tally_insert AFTER INSERT ON projects_project "
    f"BEGIN {_row('NEW', 1)} END",
    f"CREATE TRIGGER projects_project_tally_update AFTER UPDATE OF {KEY} ON projects_project "
    f"WHEN {_MOVED} BEGIN {_row('OLD', -1)} {_row('NEW', 1)} END",
    f"CREATE TRIGGER projects_project_tally_delete AFTER DELETE ON projects_project "
    f"BEGIN {_row('OLD', -1)} END",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS projects_project_tally_{event}"
    for event in ("insert", "update", "delete")
]


def backfill(apps, schema_editor):
    # After the triggers: creating them locked out writers until this migration commits,
    # so every project is counted once, by this or by a trigger.
    schema_editor.execute(
        f"{INTO} SELECT {KEY}, count(*) FROM projects_project GROUP BY {KEY}", params=None
    )


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0005_unit_head_title_and_phone"),
        ("projects", "0012_project_budget_total"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProjectTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("fiscal_year", models.PositiveSmallIntegerField()),
                ("status", models.CharField(max_length=16)),
                ("is_complete", models.BooleanField()),
                ("n", models.IntegerField()),
                (
                    "owner_unit",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="orgs.orgunit",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(fields=["fiscal_year", "status"], name="project_tally_year")
                ],
            },
        ),
        vendor_sql(
            {"postgresql": POSTGRESQL, "sqlite": SQLITE},
            {"postgresql": POSTGRESQL_DROP, "sqlite": SQLITE_DROP},
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=False),
    ]
