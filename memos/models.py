"""Memos and their running numbers."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from core import clock
from orgs.models import OrgUnit


class MemoKind(models.TextChoices):
    QUARTER_APPROVAL = "quarter_approval", "ขออนุมัติรายงานความก้าวหน้ารายไตรมาส (M7 ลำดับสุดท้าย)"
    QUARTER_CIRCULAR = "quarter_circular", "หนังสือเวียนแจ้งการอนุมัติรายงานรายไตรมาส"
    WINDOW_NOTICE = "window_notice", "แจ้งกำหนดการนำเข้าข้อมูลและรายงาน (รอบ)"
    ENTRY_APPROVAL = "entry_approval", "ขออนุมัติการนำเข้าโครงการประจำปีงบประมาณ"
    KPI_REPORT = "kpi_report", "รายงานผลการดำเนินงานตามแผนปฏิบัติงานประจำเดือน (ตัวชี้วัด)"


class MemoStatus(models.TextChoices):
    DRAFT = "draft", "ร่าง"
    ISSUED = "issued", "ออกเลขแล้ว"


class PdfStatus(models.TextChoices):
    NONE = "", "ยังไม่สร้าง"
    PENDING = "pending", "กำลังสร้างไฟล์ PDF"
    READY = "ready", "พร้อมดาวน์โหลด"
    FAILED = "failed", "สร้างไฟล์ไม่สำเร็จ"


class Urgency(models.TextChoices):
    NORMAL = "", "ปกติ"
    URGENT = "ด่วน", "ด่วน"
    VERY_URGENT = "ด่วนมาก", "ด่วนมาก"
    MOST_URGENT = "ด่วนที่สุด", "ด่วนที่สุด"


# A PDF still pending this long after issue is taken as lost (a worker died) and may be queued again.
PDF_STUCK_AFTER = timedelta(minutes=10)


# What the render task writes on an issued memo; nothing else of it may change.
PDF_FIELDS = {"pdf", "pdf_status", "pdf_signed_by", "pdf_signed_at"}


class IssuedMemoError(Exception):
    """An issued memo was about to change."""


class Memo(models.Model):
    """One memo. `body` is a list of paragraphs {"level": int, "text": str} (see
    `paragraphs`); `figures` holds the live figures the draft was made from and,
    once issued, the figures the memo cites. Only `memos.services` writes memos;
    an issued memo never changes (save() refuses)."""

    kind = models.CharField("ประเภทบันทึก", max_length=24, choices=MemoKind.choices)
    status = models.CharField(
        "สถานะ", max_length=8, choices=MemoStatus.choices, default=MemoStatus.DRAFT, db_index=True
    )
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    quarter = models.PositiveSmallIntegerField("ไตรมาส", null=True, blank=True)
    month = models.PositiveSmallIntegerField(
        "รอบเดือนที่ (ต.ค. = ๑)",
        null=True,
        blank=True,
        help_text="รายงานผลการดำเนินงานรายเดือน: รายงานถึงเดือนที่เท่าใดของปีงบประมาณ",
    )
    window = models.ForeignKey(
        "windows.Window",
        verbose_name="รอบ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memos",
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name="ส่วนราชการเจ้าของเรื่อง", on_delete=models.PROTECT, related_name="+"
    )
    urgency = models.CharField("ชั้นความเร็ว", max_length=16, choices=Urgency.choices, blank=True)
    is_circular = models.BooleanField("หนังสือเวียน (เลขที่ ว)", default=False)
    memo_heading = models.BooleanField(
        "พิมพ์หัว “บันทึกข้อความ” และส่วนราชการ",
        default=True,
        help_text="หนังสือเวียนแบบแจ้ง (เช่น ว ๗๗๖) ไม่มีหัวบันทึกข้อความ และมีส่วนราชการเจ้าของเรื่องท้ายหนังสือ",
    )
    salutation = models.CharField(
        "คำขึ้นต้น", max_length=8, choices=[("เรียน", "เรียน"), ("ถึง", "ถึง")], default="เรียน"
    )
    department_line = models.CharField("ส่วนราชการ", max_length=255)
    doc_prefix = models.CharField("ที่ (รหัสหนังสือ)", max_length=32, help_text="เช่น รง 0214")
    number = models.CharField(
        "เลขที่หนังสือ", max_length=16, blank=True, help_text="เว้นว่างให้ระบบออกเลขถัดไปเมื่อออกเลข"
    )
    memo_date = models.DateField("วันที่", null=True, blank=True)
    subject = models.CharField("เรื่อง", max_length=500)
    addressee = models.CharField("เรียน / ถึง", max_length=500)
    body = models.JSONField("เนื้อความ", default=list)
    closing = models.CharField("คำลงท้าย", max_length=255, blank=True)
    signatory_name = models.CharField("ผู้ลงนาม", max_length=255, blank=True)
    signatory_position = models.TextField("ตำแหน่งผู้ลงนาม", blank=True)
    approvals = models.JSONField(
        "ช่องสั่งการ/อนุมัติ",
        default=list,
        blank=True,
        help_text='รายการ {"text": "อนุมัติตามข้อ ๓.๑", "name": "...", "position": "..."}',
    )
    contact = models.TextField("ผู้ประสานงาน/โทรศัพท์", blank=True)
    attachments = models.JSONField("เอกสารแนบ", default=list, blank=True)
    figures = models.JSONField("ตัวเลขที่ใช้", default=dict, blank=True)
    pdf = models.FileField("ไฟล์ PDF", upload_to="memos/%Y/", blank=True)
    pdf_status = models.CharField(
        "สถานะไฟล์ PDF", max_length=8, choices=PdfStatus.choices, blank=True, default=""
    )
    pdf_signed_by = models.CharField(
        "ลงนามดิจิทัลโดย (ตามใบรับรอง)",
        max_length=500,
        blank=True,
        help_text="ผู้ถือใบรับรองที่ลงลายมือชื่อดิจิทัลในไฟล์ PDF (ว่างเมื่อไม่ได้ลงนาม)",
    )
    pdf_signed_at = models.DateTimeField("ลงนามดิจิทัลเมื่อ", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField("ออกเลขเมื่อ", null=True, blank=True)

    class Meta:
        db_table = "reporting_memo"  # born in `reporting` (its 0004); the table kept its name
        ordering = ["-created_at", "-pk"]
        verbose_name = "บันทึกข้อความ"
        verbose_name_plural = "บันทึกข้อความ"
        indexes = [models.Index(fields=["fiscal_year", "kind", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft")
                | (~Q(number="") & Q(memo_date__isnull=False) & Q(issued_at__isnull=False)),
                name="issued_memo_is_numbered_and_dated",
            ),
            models.UniqueConstraint(
                fields=["doc_prefix", "is_circular", "number"],
                condition=Q(status="issued"),
                name="unique_issued_memo_number",
            ),
        ]

    def __str__(self):
        return self.subject

    def save(self, *args, **kwargs):
        if self.pk and Memo.objects.filter(pk=self.pk, status=MemoStatus.ISSUED).exists():
            # The PDF of an issued memo (and its signature) is written once, by the task
            # that renders it.
            fields = set(kwargs.get("update_fields") or ())
            if not fields or fields - PDF_FIELDS:
                raise IssuedMemoError("บันทึกที่ออกเลขแล้วแก้ไขไม่ได้")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("memos:memo", args=[self.pk])

    def delete(self, *args, **kwargs):
        if self.status == MemoStatus.ISSUED:
            raise IssuedMemoError("บันทึกที่ออกเลขแล้วลบไม่ได้")
        return super().delete(*args, **kwargs)

    @property
    def is_issued(self) -> bool:
        return self.status == MemoStatus.ISSUED

    @property
    def is_report(self) -> bool:
        """A report (รายงาน, seed 003), not a letter: its title, the numbered text with
        the tables and charts in their places, and who compiled it; no ที่, เรียน,
        closing or signature on the page (the register still numbers and dates it)."""
        return self.kind == MemoKind.KPI_REPORT

    @property
    def is_stamped_letter(self) -> bool:
        """A หนังสือประทับตรา (seed 000's ว ๗๗๖), not a บันทึกข้อความ: ที่, ถึง, the text,
        the issuing unit's name over its stamp with the date, the owner unit and telephone
        at the foot; no เรื่อง, closing or signature (ระเบียบงานสารบรรณ)."""
        return not self.memo_heading

    @property
    def pdf_may_retry(self) -> bool:
        """The PDF failed, or is still pending long after issue."""
        if self.pdf_status == PdfStatus.FAILED:
            return True
        return (
            self.pdf_status == PdfStatus.PENDING
            and self.issued_at is not None
            and clock.now() - self.issued_at > PDF_STUCK_AFTER
        )

    @property
    def reference(self) -> str:
        """ที่ รง ๐๒๑๔/๗๕ or รง ๐๒๑๔/ว ๗๗๖ (Arabic digits; the PDF shows Thai ones)."""
        series = "ว " if self.is_circular else ""
        return f"{self.doc_prefix}/{series}{self.number}" if self.number else f"{self.doc_prefix}/"


class MemoSequence(models.Model):
    """The running numbers of a sender's letters in one Buddhist year (per series)."""

    doc_prefix = models.CharField(max_length=32)
    is_circular = models.BooleanField(default=False)
    year = models.PositiveSmallIntegerField("ปี (พ.ศ.)")
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = (
            "reporting_memosequence"  # born in `reporting` (its 0004); the table kept its name
        )
        constraints = [
            models.UniqueConstraint(
                fields=["doc_prefix", "is_circular", "year"], name="unique_memo_sequence"
            ),
        ]

    def __str__(self):
        return f"{self.doc_prefix} {self.year}: {self.last_number}"


class Letterhead(models.Model):
    """The emblem (ครุฑ) printed on memos: uploaded by an administrator; none by default."""

    emblem = models.FileField(
        "ตราครุฑ (PNG หรือ SVG)", upload_to="letterhead/", help_text="สูงประมาณ ๑.๕ เซนติเมตรเมื่อพิมพ์"
    )
    is_active = models.BooleanField("ใช้งาน", default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "reporting_letterhead"  # born in `reporting` (its 0004); the table kept its name
        ordering = ["-uploaded_at"]
        verbose_name = "ตราครุฑบนบันทึกข้อความ"
        verbose_name_plural = "ตราครุฑบนบันทึกข้อความ"

    def __str__(self):
        return f"ตราครุฑ ({self.uploaded_at:%Y-%m-%d})"
