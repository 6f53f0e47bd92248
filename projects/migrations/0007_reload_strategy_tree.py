"""Reload the default strategy tree (projects/data/strategy_tree.csv) into existing
databases: the fuller tree names sub-plans and targets and places master plans
under their national strategies. The loader matches nodes by level and code (or
level, parent and name), so the nodes projects link to are updated in place."""

from django.db import migrations


def reload(apps, schema_editor):
    from emenscr.reference import load_strategy_tree

    load_strategy_tree(apps)


class Migration(migrations.Migration):
    dependencies = [("projects", "0006_project_list_index")]
    operations = [migrations.RunPython(reload, migrations.RunPython.noop)]
