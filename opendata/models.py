"""What the public portal shows of a project: a copy of its last approved revision.

A project's row holds its draft while a new revision is edited or climbs the chain,
so the portal never reads it: `PublishedProject` is written when the engine finally
approves a project (its fields) or a quarterly report (the latest approved quarter's
figures), and only then (opendata.publishing). Nothing here names an official.
"""

from django.db import models

from orgs.models import OrgUnit
from projects.models import Project

MONEY = {"max_digits": 18, "decimal_places": 2}


class PublishedProject(models.Model):
    project = models.OneToOneField(
        Project, primary_key=True, on_delete=models.CASCADE, related_name="published"
    )
    revision = models.PositiveIntegerField("ฉบับที่")
    code = models.CharField("รหัสโครงการ", max_length=40)
    name = models.CharField("ชื่อโครงการ/การดำเนินงาน", max_length=500)
    kind = models.CharField("ลักษณะการดำเนินงาน", max_length=64)
    unit = models.ForeignKey(
        OrgUnit, verbose_name="หน่วยงานรับผิดชอบ", on_delete=models.PROTECT, related_name="+"
    )
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    cycle = models.CharField("รอบปี", max_length=8)
    programme = models.CharField("ภายใต้แผนงาน", max_length=500, blank=True)
    start_date = models.DateField("วันที่เริ่มต้น", null=True, blank=True)
    end_date = models.DateField("วันที่สิ้นสุด", null=True, blank=True)
    budget_total = models.DecimalField("งบประมาณรวม (บาท)", default=0, **MONEY)
    # [{"kind": Thai label, "name": the source's name, "amount": "1234.00"}]
    budget_sources = models.JSONField("แหล่งเงิน", default=list)
    # M1: [{"id", "code", "name", "level"}] of the Y1/Y2 targets and other level-2 plans.
    targets = models.JSONField("ความเชื่อมโยงกับแผนระดับ ๑ และ ๒", default=list)
    # The targets' codes between spaces (" 110401 010201 "): the code filter's column.
    target_codes = models.TextField(blank=True, editable=False)
    level3_plans = models.JSONField("แผนระดับที่ ๓", default=list)
    areas = models.JSONField("พื้นที่ดำเนินการ", default=list)
    approved_at = models.DateTimeField("อนุมัติเมื่อ")
    # The latest approved quarterly report (M6), by round.
    report_fiscal_year = models.PositiveSmallIntegerField(null=True, blank=True)
    report_quarter = models.PositiveSmallIntegerField(null=True, blank=True)
    report_progress = models.DecimalField(
        "ความก้าวหน้า (ร้อยละ)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    report_disbursed = models.DecimalField("เบิกจ่ายในไตรมาส (บาท)", null=True, blank=True, **MONEY)
    report_result = models.TextField("สรุปผลการดำเนินงาน", blank=True)

    class Meta:
        ordering = ["-fiscal_year", "code"]
        verbose_name = "โครงการที่เผยแพร่"
        verbose_name_plural = "โครงการที่เผยแพร่"
        indexes = [models.Index(fields=["fiscal_year", "code"])]

    def __str__(self):
        return f"{self.code} {self.name}"
