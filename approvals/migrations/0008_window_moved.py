"""Windows now live in their own app: the foreign key follows, the table stays (state only)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("approvals", "0007_itemrevision_append_only"),
        ("windows", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="approval",
                    name="window",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="approvals",
                        to="windows.window",
                        verbose_name="รอบ",
                    ),
                ),
            ]
        ),
    ]
