"""The outbox now lives in `core` (core 0001); this package forgets it, the table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("emenscr", "0001_outbox"), ("core", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="OutboxMessage")],
        ),
    ]
