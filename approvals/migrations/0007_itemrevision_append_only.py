"""Frozen approved revisions (approvals_itemrevision) refuse UPDATE and DELETE."""

from django.db import migrations

from core.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("approvals", "0006_item_revisions")]

    operations = [append_only("approvals_itemrevision")]
