"""Load the default strategy tree (projects/data/strategy_tree.csv)."""

from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "strategy_tree.csv"


def load(apps, schema_editor):
    from emenscr.tables import read_rows
    from projects.services.reference import strategy_tree_import

    PlanNode = apps.get_model("projects", "PlanNode")
    strategy_tree_import(rows=read_rows(DATA.read_bytes(), filename=DATA.name), node_model=PlanNode)


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
