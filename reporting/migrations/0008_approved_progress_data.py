"""Reports approved before the field existed: their approved progress is their progress."""

from django.db import migrations
from django.db.models import F


def forwards(apps, schema_editor):
    QuarterlyReport = apps.get_model("reporting", "QuarterlyReport")
    QuarterlyReport.objects.filter(status="approved").update(
        approved_progress_percent=F("progress_percent")
    )


class Migration(migrations.Migration):
    dependencies = [("reporting", "0007_report_approved_progress")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
