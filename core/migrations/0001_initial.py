"""The outbox moves from the `emenscr` package to `core`: state only, the table stays."""

from django.db import migrations, models


def content_type_follows(apps, schema_editor):
    """Keep the admin permissions of the model: its content type changes app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="emenscr", model="outboxmessage").update(app_label="core")


class Migration(migrations.Migration):
    initial = True

    dependencies = [("emenscr", "0001_outbox"), ("contenttypes", "0002_remove_content_type_name")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="OutboxMessage",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("task", models.CharField(max_length=200, verbose_name="งาน")),
                        (
                            "args",
                            models.JSONField(blank=True, default=list, verbose_name="อาร์กิวเมนต์"),
                        ),
                        (
                            "kwargs",
                            models.JSONField(
                                blank=True, default=dict, verbose_name="อาร์กิวเมนต์แบบระบุชื่อ"
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="สร้างเมื่อ"),
                        ),
                        (
                            "sent_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="ส่งเข้าคิวเมื่อ"),
                        ),
                        (
                            "attempts",
                            models.PositiveIntegerField(
                                default=0, verbose_name="จำนวนครั้งที่ส่งไม่สำเร็จ"
                            ),
                        ),
                        (
                            "last_error",
                            models.CharField(
                                blank=True, max_length=500, verbose_name="ข้อผิดพลาดล่าสุด"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "งานรอส่งเข้าคิว",
                        "verbose_name_plural": "งานรอส่งเข้าคิว",
                        "ordering": ["pk"],
                        "db_table": "emenscr_outboxmessage",
                        "indexes": [
                            models.Index(
                                condition=models.Q(("sent_at__isnull", True)),
                                fields=["id"],
                                name="outbox_pending",
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(content_type_follows, migrations.RunPython.noop),
    ]
