"""Monthly KPIs (ตัวชี้วัด) of the annual action plan, their targets and results.

A KPI belongs to a unit and a fiscal year, optionally to a project. Its plan
is a *cumulative* target for each month of the fiscal year (month 1 =
ตุลาคม … 12 = กันยายน); a month without a row plans nothing new, and a KPI
with no target up to a month is not yet due then.

Results are entered *per month* (what the unit achieved in that month), as
units record them monthly in PBMS (seed 003); the report adds them up to the
month for a quantitative KPI. A non-quantitative KPI (ร้อยละ, ระดับ) is a
level, not a count: its result to date is the latest month's value.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from orgs.models import OrgUnit

VALUE = {"max_digits": 16, "decimal_places": 2}
MONTH_VALIDATORS = [MinValueValidator(1), MaxValueValidator(12)]


PERCENT_UNITS = {"ร้อยละ", "%"}


def is_percent_unit(unit_of_measure: str) -> bool:
    """A per cent KPI's results are at most 100 (the entry form and the workbook agree)."""
    return unit_of_measure.strip() in PERCENT_UNITS


class Kpi(models.Model):
    code = models.CharField(
        "รหัสตัวชี้วัด",
        max_length=64,
        help_text="ไม่ซ้ำกันในปีงบประมาณเดียวกัน เช่น 68-0208-2-01 (ใช้จับคู่เมื่อนำเข้าจากไฟล์ Excel)",
    )
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)", db_index=True)
    unit = models.ForeignKey(
        OrgUnit, verbose_name="หน่วยงานรับผิดชอบ", on_delete=models.PROTECT, related_name="kpis"
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name="ภายใต้โครงการ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="monthly_kpis",
    )
    name = models.TextField("ตัวชี้วัด")
    unit_of_measure = models.CharField("หน่วยนับ", max_length=64, help_text="เช่น คน เรื่อง ร้อยละ ระดับ")
    annual_target = models.DecimalField(
        "เป้าหมาย 12 เดือน", validators=[MinValueValidator(0)], **VALUE
    )
    is_quantitative = models.BooleanField(
        "ตัวชี้วัดเชิงปริมาณ",
        default=True,
        help_text="นำไปคำนวณร้อยละของโครงการและหน่วยงาน (ร้อยละ/ระดับ ไม่ใช่เชิงปริมาณ)",
    )
    position = models.PositiveIntegerField("ลำดับ", default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["fiscal_year", "position", "pk"]
        verbose_name = "ตัวชี้วัดรายเดือน"
        verbose_name_plural = "ตัวชี้วัดรายเดือน"
        indexes = [models.Index(fields=["unit", "fiscal_year"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(annual_target__gte=0), name="kpi_annual_target_not_negative"
            ),
            models.UniqueConstraint(
                fields=["fiscal_year", "code"],
                name="unique_kpi_code_per_year",
                violation_error_message="รหัสตัวชี้วัดนี้มีอยู่แล้วในปีงบประมาณเดียวกัน",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.annual_target:,.0f} {self.unit_of_measure})"

    def save(self, *args, **kwargs):
        # A KPI added one by one (the admin, a test, another app's data) without a code
        # gets the next free one, so the workbook can still match it by code.
        if not self.code:
            self.code = kpi_code_next(unit=self.unit, fiscal_year=self.fiscal_year)
        super().save(*args, **kwargs)


def kpi_code_of(*, unit_code: str, fiscal_year: int, number: int) -> str:
    """68-0208-2-01: the two-digit fiscal year, the unit's code and a running number."""
    return f"{fiscal_year % 100:02d}-{unit_code}-{number:02d}"


def kpi_code_next(*, unit: OrgUnit, fiscal_year: int) -> str:
    """The first code of the unit's pattern not yet taken in the year."""
    prefix = kpi_code_of(unit_code=unit.code, fiscal_year=fiscal_year, number=0)[:-2]
    taken = set(
        Kpi.objects.filter(fiscal_year=fiscal_year, code__startswith=prefix).values_list(
            "code", flat=True
        )
    )
    number = 1
    while kpi_code_of(unit_code=unit.code, fiscal_year=fiscal_year, number=number) in taken:
        number += 1
    return kpi_code_of(unit_code=unit.code, fiscal_year=fiscal_year, number=number)


class KpiTarget(models.Model):
    """The cumulative target up to a fiscal month."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="targets")
    month = models.PositiveSmallIntegerField("เดือนที่ (ต.ค. = 1)", validators=MONTH_VALIDATORS)
    cumulative_value = models.DecimalField(
        "เป้าหมายสะสมถึงเดือนนี้", validators=[MinValueValidator(0)], **VALUE
    )

    class Meta:
        ordering = ["kpi", "month"]
        verbose_name = "เป้าหมายสะสมรายเดือน"
        verbose_name_plural = "เป้าหมายสะสมรายเดือน"
        constraints = [
            models.UniqueConstraint(fields=["kpi", "month"], name="unique_kpi_target_month"),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="kpi_target_month_1_12"
            ),
            models.CheckConstraint(
                condition=Q(cumulative_value__gte=0), name="kpi_target_not_negative"
            ),
        ]

    def __str__(self):
        return f"เดือนที่ {self.month}: {self.cumulative_value}"


class KpiResult(models.Model):
    """What the unit achieved in one fiscal month (not cumulative)."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="results")
    month = models.PositiveSmallIntegerField("เดือนที่ (ต.ค. = 1)", validators=MONTH_VALIDATORS)
    value = models.DecimalField("ผลการดำเนินงานของเดือน", validators=[MinValueValidator(0)], **VALUE)
    remark = models.TextField(
        "หมายเหตุ",
        blank=True,
        help_text="เหตุผลที่ผลการดำเนินงานไม่เป็นไปตามแผน (ต้องระบุเมื่อผลสะสมต่ำกว่าเป้าหมายที่ถึงกำหนด)",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ผู้บันทึก",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kpi", "month"]
        verbose_name = "ผลการดำเนินงานรายเดือน"
        verbose_name_plural = "ผลการดำเนินงานรายเดือน"
        constraints = [
            models.UniqueConstraint(fields=["kpi", "month"], name="unique_kpi_result_month"),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="kpi_result_month_1_12"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="kpi_result_not_negative"),
        ]

    def __str__(self):
        return f"เดือนที่ {self.month}: {self.value}"
