"""Windows and extensions move to the `windows` app (windows 0001): state only, the tables stay."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("approvals", "0008_window_moved"),
        ("reporting", "0008_approved_progress_data"),
        ("windows", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="quarterlyreport",
                    name="window",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reports",
                        to="windows.window",
                    ),
                ),
                migrations.AlterField(
                    model_name="memo",
                    name="window",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="memos",
                        to="windows.window",
                        verbose_name="รอบ",
                    ),
                ),
                migrations.AlterField(
                    model_name="annualreport",
                    name="window",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="annual_reports",
                        to="windows.window",
                    ),
                ),
                migrations.DeleteModel(
                    name="Extension",
                ),
                migrations.DeleteModel(
                    name="Window",
                ),
            ]
        ),
    ]
