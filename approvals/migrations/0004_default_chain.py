"""Once loaded the Ministry of Labour's M7 chain; now empty.

The chain comes from `manage.py load_reference` (orgs/data/ministry.json by
default), not from migrations, so another ministry loads its own. Kept so the
migration history stays intact.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("approvals", "0003_initial"), ("orgs", "0002_load_org_units")]
    operations = []
