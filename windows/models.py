"""Windows (รอบ) of a fiscal year and the extensions ป.ย.ป. grants in them."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from orgs.models import OrgUnit


class WindowKind(models.TextChoices):
    PROJECT_ENTRY = "project_entry", "นำเข้าโครงการประจำปี"
    MIDYEAR_ENTRY = "midyear_entry", "นำเข้าโครงการใหม่ระหว่างปี"
    QUARTERLY_REPORT = "quarterly_report", "รายงานความก้าวหน้ารายไตรมาส"
    LEVEL3_PLAN = "level3_plan", "นำเข้าแผนระดับที่ ๓"
    ANNUAL_REPORT = "annual_report", "รายงานผลสัมฤทธิ์แผนรายปี"


class Window(models.Model):
    """A window of a fiscal year: open, unit deadline (data + unit-head M7),
    chain deadline (final M7). `units` empty means every unit."""

    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    kind = models.CharField("ประเภทรอบ", max_length=24, choices=WindowKind.choices)
    quarter = models.PositiveSmallIntegerField(
        "ไตรมาส", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    name = models.CharField("ชื่อรอบ", max_length=255, blank=True)
    opens_on = models.DateField("วันเปิดระบบ")
    unit_deadline = models.DateField("กำหนดส่งของหน่วยงาน (รวม M7 ผู้บริหารหน่วยงาน)")
    chain_deadline = models.DateField("กำหนดอนุมัติครบทุกขั้น (M7)")
    units = models.ManyToManyField(
        OrgUnit,
        verbose_name="หน่วยงานในรอบ",
        blank=True,
        related_name="+",
        help_text="เว้นว่าง = ทุกหน่วยงาน",
    )
    opened_at = models.DateTimeField("แจ้งเปิดรอบเมื่อ", null=True, blank=True, editable=False)
    late_marked_at = models.DateTimeField(
        "ตรวจรายการเกินกำหนดเมื่อ", null=True, blank=True, editable=False
    )
    locked_at = models.DateTimeField("ปิดรอบเมื่อ", null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-fiscal_year", "opens_on", "kind"]
        # Born in `reporting` (its migration 0001); the tables kept their names.
        db_table = "reporting_window"
        verbose_name = "รอบการนำเข้า/รายงาน"
        verbose_name_plural = "รอบการนำเข้า/รายงาน"
        constraints = [
            models.CheckConstraint(
                condition=Q(unit_deadline__gte=F("opens_on"))
                & Q(chain_deadline__gte=F("unit_deadline")),
                name="window_dates_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(kind="quarterly_report") | Q(quarter__isnull=False),
                name="report_window_has_quarter",
            ),
        ]

    def __str__(self):
        return self.name or f"{self.get_kind_display()} {self.fiscal_year}"


class Extension(models.Model):
    """ป.ย.ป. extends a window for one unit (and its subtree) or for one item."""

    window = models.ForeignKey(Window, on_delete=models.CASCADE, related_name="extensions")
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name="หน่วยงาน",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    until = models.DateField("ขยายถึงวันที่")
    reason = models.TextField("เหตุผล")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "reporting_extension"
        ordering = ["window", "-granted_at"]
        verbose_name = "การขยายเวลา"
        verbose_name_plural = "การขยายเวลา"
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | Q(object_id__isnull=False),
                name="extension_names_unit_or_item",
            ),
        ]

    def __str__(self):
        return f"{self.window} ถึง {self.until}"
