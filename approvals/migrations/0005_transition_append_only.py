"""The approval trail (approvals_transition) refuses UPDATE and DELETE in the database."""

from django.db import migrations

from core.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("approvals", "0004_default_chain")]

    operations = [append_only("approvals_transition")]
