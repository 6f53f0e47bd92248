"""Quarterly reports (M6), annual achievement reports of level-3 plans, and frozen
round snapshots; their windows are `windows.models.Window`."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from approvals.models import ApprovableItem
from projects.models import MONEY, Activity, Level3Indicator, Level3Plan, Project, ProjectTarget
from windows.models import Window


class QuarterlyReport(ApprovableItem):
    """M6: a project's progress in one fiscal round (fiscal year + quarter)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="reports")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    quarter = models.PositiveSmallIntegerField("ไตรมาส")
    window = models.ForeignKey(
        Window, null=True, blank=True, on_delete=models.PROTECT, related_name="reports"
    )
    progress_percent = models.DecimalField(
        "ความก้าวหน้าโครงการ (ร้อยละ)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    disbursed = models.DecimalField("เบิกจ่ายในไตรมาส (บาท)", null=True, blank=True, **MONEY)
    contribution_level1 = models.TextField("ความคืบหน้าต่อแผนระดับที่ ๑", blank=True)
    contribution_level2 = models.TextField("ความคืบหน้าต่อแผนระดับที่ ๒", blank=True)
    contribution_level3 = models.TextField("ความคืบหน้าต่อแผนระดับที่ ๓", blank=True)
    result = models.TextField("สรุปผลการดำเนินงาน", blank=True)
    problems = models.TextField("ปัญหาและอุปสรรค", blank=True)
    suggestions = models.TextField("ข้อเสนอแนะ", blank=True)
    # The progress of the last approved revision (set on approval, by the engine's
    # hook): live figures count it while a new revision is drafted or in the chain.
    approved_progress_percent = models.DecimalField(
        "ความก้าวหน้าตามฉบับที่อนุมัติแล้ว (ร้อยละ)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
    )

    class Meta:
        ordering = ["-fiscal_year", "-quarter", "project"]
        verbose_name = "รายงานผลรายไตรมาส"
        verbose_name_plural = "รายงานผลรายไตรมาส"
        indexes = [models.Index(fields=["fiscal_year", "quarter", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "fiscal_year", "quarter"], name="unique_report_per_round"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="report_q_1_4"
            ),
            models.CheckConstraint(
                condition=Q(progress_percent__isnull=True)
                | Q(progress_percent__gte=0, progress_percent__lte=100),
                name="report_progress_0_100",
            ),
            models.CheckConstraint(
                condition=Q(disbursed__isnull=True) | Q(disbursed__gte=0),
                name="report_disbursed_not_negative",
            ),
        ]

    def __str__(self):
        return f"รายงานไตรมาส {self.quarter}/{self.fiscal_year} {self.project.code} {self.project.name}"

    def get_absolute_url(self):
        return reverse("reporting:report", args=[self.project_id, self.fiscal_year, self.quarter])

    @property
    def owner_unit(self):
        return self.project.owner_unit


class ReportTargetProgress(models.Model):
    """M6: progress on one output, outcome or KPI of the project's M3."""

    report = models.ForeignKey(
        QuarterlyReport, on_delete=models.CASCADE, related_name="target_progress"
    )
    target = models.ForeignKey(ProjectTarget, on_delete=models.PROTECT, related_name="+")
    result_value = models.DecimalField(
        "ผลที่ได้", max_digits=18, decimal_places=2, null=True, blank=True
    )
    progress = models.TextField("ความคืบหน้า", blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "target"], name="unique_report_target"),
        ]

    def __str__(self):
        return f"{self.target}: {self.progress}"


class ReportActivityProgress(models.Model):
    """M6: progress of one M4 activity in the quarter."""

    report = models.ForeignKey(
        QuarterlyReport, on_delete=models.CASCADE, related_name="activity_progress"
    )
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="+")
    progress_percent = models.DecimalField(
        "ความก้าวหน้า (ร้อยละ)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    note = models.TextField("ผลการดำเนินงาน", blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "activity"], name="unique_report_activity"),
        ]

    def __str__(self):
        return f"{self.activity}: {self.progress_percent}"


class AnnualReport(ApprovableItem):
    """รายงานผลสัมฤทธิ์: a level-3 plan's achievements in one year."""

    plan = models.ForeignKey(Level3Plan, on_delete=models.PROTECT, related_name="annual_reports")
    year = models.PositiveSmallIntegerField("ปี (พ.ศ.)")
    window = models.ForeignKey(
        Window, null=True, blank=True, on_delete=models.PROTECT, related_name="annual_reports"
    )
    summary = models.TextField("สรุปผลสัมฤทธิ์", blank=True)
    problems = models.TextField("ปัญหาและอุปสรรค", blank=True)
    suggestions = models.TextField("ข้อเสนอแนะ", blank=True)

    class Meta:
        ordering = ["-year", "plan"]
        verbose_name = "รายงานผลสัมฤทธิ์แผนรายปี"
        verbose_name_plural = "รายงานผลสัมฤทธิ์แผนรายปี"
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="unique_annual_report"),
        ]

    def __str__(self):
        return f"{self.plan} ปี {self.year}"

    def get_absolute_url(self):
        return reverse("reporting:annual_report", args=[self.plan_id, self.year])

    @property
    def owner_unit(self):
        return self.plan.owner_unit


class AnnualIndicatorResult(models.Model):
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="results")
    indicator = models.ForeignKey(Level3Indicator, on_delete=models.PROTECT, related_name="+")
    result_value = models.DecimalField(
        "ผลที่ได้", max_digits=18, decimal_places=2, null=True, blank=True
    )
    note = models.TextField("คำอธิบาย", blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="unique_annual_result"),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.result_value}"


class RoundSnapshot(models.Model):
    """A quarterly round's figures frozen when it closes (the memo keeps these)."""

    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    quarter = models.PositiveSmallIntegerField("ไตรมาส")
    data = models.JSONField("ตัวเลข")
    reason = models.CharField("เหตุที่บันทึก", max_length=255, blank=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    taken_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-fiscal_year", "-quarter"]
        verbose_name = "ข้อมูลสรุปรอบ (ตรึงไว้)"
        verbose_name_plural = "ข้อมูลสรุปรอบ (ตรึงไว้)"
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "quarter"], name="unique_round_snapshot"
            ),
        ]

    def __str__(self):
        return f"ไตรมาส {self.quarter}/{self.fiscal_year}"


class RoundTallies(models.Model):
    """A frozen round's figures per owning unit, as the comparison reads them
    (reporting.compare.Tally: projects due, reported, on time, budget, bands) and the
    groups of its frozen five-band summary, kept when the round is frozen so that
    comparing years reads no project rows."""

    snapshot = models.OneToOneField(
        RoundSnapshot, on_delete=models.PROTECT, related_name="tallies", verbose_name="รอบ"
    )
    units = models.JSONField("ตัวเลขรายหน่วยงาน")  # unit code → Tally.as_json()
    groups = models.JSONField("กลุ่มของสรุปห้าระดับ")  # the snapshot's five_band groups
    taken_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "ตัวเลขเปรียบเทียบของรอบ (ตรึงไว้)"
        verbose_name_plural = "ตัวเลขเปรียบเทียบของรอบ (ตรึงไว้)"

    def __str__(self):
        return str(self.snapshot)


class DeadlineRun(models.Model):
    """What a run of the deadline task did (the task's own record)."""

    task = models.CharField("งาน", max_length=64)
    ran_at = models.DateTimeField("เมื่อ", auto_now_add=True, db_index=True)
    on = models.DateField("วันที่ตามนาฬิการะบบ")
    summary = models.JSONField("ผลการทำงาน", default=dict)

    class Meta:
        ordering = ["-ran_at"]
        verbose_name = "บันทึกงานตามกำหนดเวลา"
        verbose_name_plural = "บันทึกงานตามกำหนดเวลา"

    def __str__(self):
        return f"{self.task} {self.on}"


class ExportStatus(models.TextChoices):
    PENDING = "pending", "รอคิว"
    RUNNING = "running", "กำลังสร้างไฟล์"
    SUCCESS = "success", "เสร็จแล้ว"
    FAILED = "failed", "ไม่สำเร็จ"


class ExportJob(models.Model):
    """One requested Excel export (Saleor's ExportFile): written by a Celery task.

    Only `reporting.exports.services` changes `status`; a finished job
    (success or failed) is never run again.
    """

    kind = models.CharField("ประเภทไฟล์", max_length=40)
    params = models.JSONField("เงื่อนไข", default=dict, blank=True)
    description = models.CharField("ข้อมูลที่ขอ", max_length=255, blank=True)
    status = models.CharField(
        "สถานะ",
        max_length=16,
        choices=ExportStatus.choices,
        default=ExportStatus.PENDING,
        db_index=True,
    )
    rows_done = models.PositiveIntegerField("จำนวนแถวที่เขียนแล้ว", default=0)
    rows_total = models.PositiveIntegerField("จำนวนแถวทั้งหมด", null=True, blank=True)
    file = models.FileField("ไฟล์", upload_to="exports/%Y/%m/", blank=True)
    error = models.TextField("สาเหตุที่ไม่สำเร็จ", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ผู้ขอ",
        on_delete=models.CASCADE,
        related_name="export_jobs",
    )
    created_at = models.DateTimeField("ขอเมื่อ", auto_now_add=True)
    started_at = models.DateTimeField("เริ่มเมื่อ", null=True, blank=True)
    finished_at = models.DateTimeField("เสร็จเมื่อ", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "ไฟล์ส่งออก Excel"
        verbose_name_plural = "ไฟล์ส่งออก Excel"
        indexes = [models.Index(fields=["requested_by", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(rows_total__isnull=True) | Q(rows_done__lte=F("rows_total")),
                name="export_progress_within_total",
            ),
            models.CheckConstraint(
                condition=~Q(status="success") | ~Q(file=""),
                name="export_success_has_file",
            ),
        ]

    def __str__(self):
        return f"{self.kind} #{self.pk}"

    def get_absolute_url(self):
        return reverse("reporting:export_job", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (ExportStatus.SUCCESS, ExportStatus.FAILED)

    @property
    def percent_done(self) -> int:
        if self.status == ExportStatus.SUCCESS:
            return 100
        if not self.rows_total:
            return 0
        return min(100, self.rows_done * 100 // self.rows_total)
