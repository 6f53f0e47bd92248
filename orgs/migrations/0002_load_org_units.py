"""Load the Ministry of Labour's unit tree (orgs/data/org_units.csv)."""

from django.db import migrations


def load(apps, schema_editor):
    from emenscr.reference import load_org_units

    load_org_units(apps)


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
