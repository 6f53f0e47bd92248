"""Rewrite unit paths with fixed-width ids, so ordering by path is the tree's order."""

from django.db import migrations


def rebuild(apps, schema_editor):
    from orgs.models import rebuild_paths

    rebuild_paths(apps.get_model("orgs", "OrgUnit"))


class Migration(migrations.Migration):
    dependencies = [("orgs", "0002_load_org_units")]
    operations = [migrations.RunPython(rebuild, rebuild)]
