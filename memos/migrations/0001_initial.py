"""Memos, their running numbers and the letterhead, born in `reporting` (its 0004): state only, the tables stay."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def content_types_follow(apps, schema_editor):
    """Keep the admin permissions of the models: their content types change app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(
        app_label="reporting", model__in=["memo", "memosequence", "letterhead"]
    ).update(app_label="memos")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("reporting", "0009_windows_moved_out"),
        ("orgs", "0004_api_tokens"),
        ("windows", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Letterhead",
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
                            "emblem",
                            models.FileField(
                                help_text="สูงประมาณ ๑.๕ เซนติเมตรเมื่อพิมพ์",
                                upload_to="letterhead/",
                                verbose_name="ตราครุฑ (PNG หรือ SVG)",
                            ),
                        ),
                        ("is_active", models.BooleanField(default=True, verbose_name="ใช้งาน")),
                        ("uploaded_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "uploaded_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "ตราครุฑบนบันทึกข้อความ",
                        "verbose_name_plural": "ตราครุฑบนบันทึกข้อความ",
                        "db_table": "reporting_letterhead",
                        "ordering": ["-uploaded_at"],
                    },
                ),
                migrations.CreateModel(
                    name="MemoSequence",
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
                        ("doc_prefix", models.CharField(max_length=32)),
                        ("is_circular", models.BooleanField(default=False)),
                        ("year", models.PositiveSmallIntegerField(verbose_name="ปี (พ.ศ.)")),
                        ("last_number", models.PositiveIntegerField(default=0)),
                    ],
                    options={
                        "db_table": "reporting_memosequence",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("doc_prefix", "is_circular", "year"),
                                name="unique_memo_sequence",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Memo",
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
                            "kind",
                            models.CharField(
                                choices=[
                                    (
                                        "quarter_approval",
                                        "ขออนุมัติรายงานความก้าวหน้ารายไตรมาส (M7 ลำดับสุดท้าย)",
                                    ),
                                    ("quarter_circular", "หนังสือเวียนแจ้งการอนุมัติรายงานรายไตรมาส"),
                                    ("window_notice", "แจ้งกำหนดการนำเข้าข้อมูลและรายงาน (รอบ)"),
                                    ("entry_approval", "ขออนุมัติการนำเข้าโครงการประจำปีงบประมาณ"),
                                ],
                                max_length=24,
                                verbose_name="ประเภทบันทึก",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[("draft", "ร่าง"), ("issued", "ออกเลขแล้ว")],
                                db_index=True,
                                default="draft",
                                max_length=8,
                                verbose_name="สถานะ",
                            ),
                        ),
                        (
                            "fiscal_year",
                            models.PositiveSmallIntegerField(verbose_name="ปีงบประมาณ (พ.ศ.)"),
                        ),
                        (
                            "quarter",
                            models.PositiveSmallIntegerField(
                                blank=True, null=True, verbose_name="ไตรมาส"
                            ),
                        ),
                        (
                            "urgency",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("", "ปกติ"),
                                    ("ด่วน", "ด่วน"),
                                    ("ด่วนมาก", "ด่วนมาก"),
                                    ("ด่วนที่สุด", "ด่วนที่สุด"),
                                ],
                                max_length=16,
                                verbose_name="ชั้นความเร็ว",
                            ),
                        ),
                        (
                            "is_circular",
                            models.BooleanField(default=False, verbose_name="หนังสือเวียน (เลขที่ ว)"),
                        ),
                        (
                            "memo_heading",
                            models.BooleanField(
                                default=True,
                                help_text="หนังสือเวียนแบบแจ้ง (เช่น ว ๗๗๖) ไม่มีหัวบันทึกข้อความ และมีส่วนราชการเจ้าของเรื่องท้ายหนังสือ",
                                verbose_name="พิมพ์หัว “บันทึกข้อความ” และส่วนราชการ",
                            ),
                        ),
                        (
                            "salutation",
                            models.CharField(
                                choices=[("เรียน", "เรียน"), ("ถึง", "ถึง")],
                                default="เรียน",
                                max_length=8,
                                verbose_name="คำขึ้นต้น",
                            ),
                        ),
                        (
                            "department_line",
                            models.CharField(max_length=255, verbose_name="ส่วนราชการ"),
                        ),
                        (
                            "doc_prefix",
                            models.CharField(
                                help_text="เช่น รง 0214", max_length=32, verbose_name="ที่ (รหัสหนังสือ)"
                            ),
                        ),
                        (
                            "number",
                            models.CharField(
                                blank=True,
                                help_text="เว้นว่างให้ระบบออกเลขถัดไปเมื่อออกเลข",
                                max_length=16,
                                verbose_name="เลขที่หนังสือ",
                            ),
                        ),
                        ("memo_date", models.DateField(blank=True, null=True, verbose_name="วันที่")),
                        ("subject", models.CharField(max_length=500, verbose_name="เรื่อง")),
                        ("addressee", models.CharField(max_length=500, verbose_name="เรียน / ถึง")),
                        ("body", models.JSONField(default=list, verbose_name="เนื้อความ")),
                        (
                            "closing",
                            models.CharField(blank=True, max_length=255, verbose_name="คำลงท้าย"),
                        ),
                        (
                            "signatory_name",
                            models.CharField(blank=True, max_length=255, verbose_name="ผู้ลงนาม"),
                        ),
                        (
                            "signatory_position",
                            models.TextField(blank=True, verbose_name="ตำแหน่งผู้ลงนาม"),
                        ),
                        (
                            "approvals",
                            models.JSONField(
                                blank=True,
                                default=list,
                                help_text='รายการ {"text": "อนุมัติตามข้อ ๓.๑", "name": "...", "position": "..."}',
                                verbose_name="ช่องสั่งการ/อนุมัติ",
                            ),
                        ),
                        ("contact", models.TextField(blank=True, verbose_name="ผู้ประสานงาน/โทรศัพท์")),
                        (
                            "attachments",
                            models.JSONField(blank=True, default=list, verbose_name="เอกสารแนบ"),
                        ),
                        (
                            "figures",
                            models.JSONField(blank=True, default=dict, verbose_name="ตัวเลขที่ใช้"),
                        ),
                        (
                            "pdf",
                            models.FileField(
                                blank=True, upload_to="memos/%Y/", verbose_name="ไฟล์ PDF"
                            ),
                        ),
                        (
                            "pdf_status",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("", "ยังไม่สร้าง"),
                                    ("pending", "กำลังสร้างไฟล์ PDF"),
                                    ("ready", "พร้อมดาวน์โหลด"),
                                    ("failed", "สร้างไฟล์ไม่สำเร็จ"),
                                ],
                                default="",
                                max_length=8,
                                verbose_name="สถานะไฟล์ PDF",
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "issued_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="ออกเลขเมื่อ"),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "issued_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "unit",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="orgs.orgunit",
                                verbose_name="ส่วนราชการเจ้าของเรื่อง",
                            ),
                        ),
                        (
                            "window",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="memos",
                                to="windows.window",
                                verbose_name="รอบ",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "บันทึกข้อความ",
                        "verbose_name_plural": "บันทึกข้อความ",
                        "db_table": "reporting_memo",
                        "ordering": ["-created_at", "-pk"],
                        "indexes": [
                            models.Index(
                                fields=["fiscal_year", "kind", "status"],
                                name="reporting_m_fiscal__dcaf71_idx",
                            )
                        ],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("status", "draft"),
                                    models.Q(
                                        models.Q(("number", ""), _negated=True),
                                        ("memo_date__isnull", False),
                                        ("issued_at__isnull", False),
                                    ),
                                    _connector="OR",
                                ),
                                name="issued_memo_is_numbered_and_dated",
                            ),
                            models.UniqueConstraint(
                                condition=models.Q(("status", "issued")),
                                fields=("doc_prefix", "is_circular", "number"),
                                name="unique_issued_memo_number",
                            ),
                        ],
                    },
                ),
            ]
        ),
        migrations.RunPython(content_types_follow, migrations.RunPython.noop),
    ]
