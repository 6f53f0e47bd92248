"""Windows and extensions, born in `reporting` (its 0001): state only, the tables stay."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def content_types_follow(apps, schema_editor):
    """Keep the admin permissions of the models: their content types change app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="reporting", model__in=["window", "extension"]).update(
        app_label="windows"
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("reporting", "0008_approved_progress_data"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("orgs", "0004_api_tokens"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Window",
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
                        (
                            "fiscal_year",
                            models.PositiveSmallIntegerField(verbose_name="ปีงบประมาณ (พ.ศ.)"),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("project_entry", "นำเข้าโครงการประจำปี"),
                                    ("midyear_entry", "นำเข้าโครงการใหม่ระหว่างปี"),
                                    ("quarterly_report", "รายงานความก้าวหน้ารายไตรมาส"),
                                    ("level3_plan", "นำเข้าแผนระดับที่ ๓"),
                                    ("annual_report", "รายงานผลสัมฤทธิ์แผนรายปี"),
                                ],
                                max_length=24,
                                verbose_name="ประเภทรอบ",
                            ),
                        ),
                        (
                            "quarter",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                null=True,
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(4),
                                ],
                                verbose_name="ไตรมาส",
                            ),
                        ),
                        (
                            "name",
                            models.CharField(blank=True, max_length=255, verbose_name="ชื่อรอบ"),
                        ),
                        ("opens_on", models.DateField(verbose_name="วันเปิดระบบ")),
                        (
                            "unit_deadline",
                            models.DateField(
                                verbose_name="กำหนดส่งของหน่วยงาน (รวม M7 ผู้บริหารหน่วยงาน)"
                            ),
                        ),
                        ("chain_deadline", models.DateField(verbose_name="กำหนดอนุมัติครบทุกขั้น (M7)")),
                        (
                            "opened_at",
                            models.DateTimeField(
                                blank=True, editable=False, null=True, verbose_name="แจ้งเปิดรอบเมื่อ"
                            ),
                        ),
                        (
                            "late_marked_at",
                            models.DateTimeField(
                                blank=True,
                                editable=False,
                                null=True,
                                verbose_name="ตรวจรายการเกินกำหนดเมื่อ",
                            ),
                        ),
                        (
                            "locked_at",
                            models.DateTimeField(
                                blank=True, editable=False, null=True, verbose_name="ปิดรอบเมื่อ"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "created_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "units",
                            models.ManyToManyField(
                                blank=True,
                                help_text="เว้นว่าง = ทุกหน่วยงาน",
                                related_name="+",
                                to="orgs.orgunit",
                                verbose_name="หน่วยงานในรอบ",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "รอบการนำเข้า/รายงาน",
                        "verbose_name_plural": "รอบการนำเข้า/รายงาน",
                        "db_table": "reporting_window",
                        "ordering": ["-fiscal_year", "opens_on", "kind"],
                    },
                ),
                migrations.CreateModel(
                    name="Extension",
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
                        ("object_id", models.PositiveBigIntegerField(blank=True, null=True)),
                        ("until", models.DateField(verbose_name="ขยายถึงวันที่")),
                        ("reason", models.TextField(verbose_name="เหตุผล")),
                        ("granted_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "content_type",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                to="contenttypes.contenttype",
                            ),
                        ),
                        (
                            "granted_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "unit",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="orgs.orgunit",
                                verbose_name="หน่วยงาน",
                            ),
                        ),
                        (
                            "window",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="extensions",
                                to="windows.window",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "การขยายเวลา",
                        "verbose_name_plural": "การขยายเวลา",
                        "db_table": "reporting_extension",
                        "ordering": ["window", "-granted_at"],
                    },
                ),
                migrations.AddConstraint(
                    model_name="window",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            ("unit_deadline__gte", models.F("opens_on")),
                            ("chain_deadline__gte", models.F("unit_deadline")),
                        ),
                        name="window_dates_ordered",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="window",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("kind", "quarterly_report"), _negated=True),
                            ("quarter__isnull", False),
                            _connector="OR",
                        ),
                        name="report_window_has_quarter",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="extension",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            ("unit__isnull", False), ("object_id__isnull", False), _connector="OR"
                        ),
                        name="extension_names_unit_or_item",
                    ),
                ),
            ]
        ),
        migrations.RunPython(content_types_follow, migrations.RunPython.noop),
    ]
