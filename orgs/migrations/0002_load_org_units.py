"""Load the Ministry of Labour's unit tree (orgs/data/org_units.csv)."""

from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "org_units.csv"
# DESIGN.md section 3: the Social Security Office plans on the calendar year.
CALENDAR_YEAR_UNITS = ["SSO"]


def load(apps, schema_editor):
    from emenscr.tables import read_rows
    from orgs.services import org_units_import

    OrgUnit = apps.get_model("orgs", "OrgUnit")
    org_units_import(rows=read_rows(DATA.read_bytes(), filename=DATA.name), unit_model=OrgUnit)
    OrgUnit.objects.filter(code__in=CALENDAR_YEAR_UNITS).update(cycle="calendar")


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
