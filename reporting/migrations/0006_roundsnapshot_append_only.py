"""A round's frozen figures (reporting_roundsnapshot) refuse UPDATE and DELETE."""

from django.db import migrations

from core.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("reporting", "0005_memo_salutation_heading")]

    operations = [append_only("reporting_roundsnapshot")]
