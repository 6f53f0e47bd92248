"""Once loaded the Ministry of Labour's unit tree; now empty.

Reference data comes from `manage.py load_reference` (emenscr/reference.py), not
from migrations, so another ministry loads its own files and this migration
never depends on code that changes. Kept so the migration history stays intact.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]
    operations = []
