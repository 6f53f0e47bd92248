"""Once reloaded the default strategy tree into existing databases; now empty.

Reloading is `manage.py load_reference` (or `import_strategy_tree`), which updates
the nodes projects link to in place. Kept so the migration history stays intact.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("projects", "0006_project_list_index")]
    operations = []
