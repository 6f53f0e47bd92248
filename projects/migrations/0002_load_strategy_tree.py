"""Once loaded the default strategy tree; now empty.

The tree comes from `manage.py load_reference` (projects/data/strategy_tree.csv
by default), not from migrations. Kept so the migration history stays intact.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]
    operations = []
