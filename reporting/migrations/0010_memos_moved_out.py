"""Memos move to the `memos` app (memos 0001): state only, the tables stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0009_windows_moved_out"),
        ("memos", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="letterhead",
                    name="uploaded_by",
                ),
                migrations.RemoveField(
                    model_name="memo",
                    name="created_by",
                ),
                migrations.RemoveField(
                    model_name="memo",
                    name="issued_by",
                ),
                migrations.RemoveField(
                    model_name="memo",
                    name="unit",
                ),
                migrations.RemoveField(
                    model_name="memo",
                    name="window",
                ),
                migrations.DeleteModel(
                    name="MemoSequence",
                ),
                migrations.DeleteModel(
                    name="Letterhead",
                ),
                migrations.DeleteModel(
                    name="Memo",
                ),
            ]
        ),
    ]
