"""Rewrite unit paths with fixed-width ids, so ordering by path is the tree's order.

Self-contained (a copy of orgs.models.rebuild_paths as it was): a migration must
not change when the application's code does.
"""

from django.db import migrations


def rebuild(apps, schema_editor):
    OrgUnit = apps.get_model("orgs", "OrgUnit")
    units = list(OrgUnit.objects.only("pk", "parent_id", "path", "depth"))
    children = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    changed, stack = [], [(u, "/") for u in children.get(None, [])]
    while stack:
        unit, prefix = stack.pop()
        path = f"{prefix}{unit.pk:07d}/"
        depth = path.count("/") - 2
        if (unit.path, unit.depth) != (path, depth):
            unit.path, unit.depth = path, depth
            changed.append(unit)
        stack.extend((child, path) for child in children.get(unit.pk, []))
    OrgUnit.objects.bulk_update(changed, ["path", "depth"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("orgs", "0002_load_org_units")]
    operations = [migrations.RunPython(rebuild, rebuild)]
