"""The Ministry of Labour's M7 chain (emenscr.reference.CHAIN_LEVELS)."""

from django.db import migrations


def load(apps, schema_editor):
    from emenscr.reference import load_default_chain

    load_default_chain(apps)


class Migration(migrations.Migration):
    dependencies = [("approvals", "0003_initial"), ("orgs", "0002_load_org_units")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
