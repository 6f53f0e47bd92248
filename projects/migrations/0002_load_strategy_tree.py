"""Load the default strategy tree (projects/data/strategy_tree.csv)."""

from django.db import migrations


def load(apps, schema_editor):
    from emenscr.reference import load_strategy_tree

    load_strategy_tree(apps)


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
