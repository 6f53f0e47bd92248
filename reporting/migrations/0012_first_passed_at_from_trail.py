"""Fill first_passed_at of the items made before it from their trail."""

from django.db import migrations

from approvals.backfill import first_passed_from_trail


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0011_first_passed_at"),
        ("approvals", "0009_transition_time_from_the_clock"),
    ]

    operations = [
        migrations.RunPython(
            first_passed_from_trail("reporting", "quarterlyreport", "annualreport"),
            migrations.RunPython.noop,
        )
    ]
