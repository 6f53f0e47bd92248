"""Projects (M1–M5), the strategy tree they link to, and level-3 plans.

A project's working copy lives in these tables; every approved version is
frozen as a `ProjectRevision` (content as JSON, like Wagtail's revisions), so
the approved version stays readable while a new revision climbs the chain.
Statuses are owned by the approval engine (`approvals.services`): nothing
else writes `status`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.urls import reverse

from approvals.models import ApprovableItem
from orgs.models import Cycle, OrgUnit

MONEY = {"max_digits": 15, "decimal_places": 2}


class PlanLevel(models.TextChoices):
    STRATEGY = "strategy", "ยุทธศาสตร์ชาติ"
    MASTER_PLAN = "master_plan", "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ"
    MASTER_PLAN_TARGET = "master_plan_target", "เป้าหมายแผนแม่บท (Y2)"
    SUB_PLAN = "sub_plan", "แผนย่อยของแผนแม่บท"
    SUB_PLAN_TARGET = "sub_plan_target", "เป้าหมายแผนย่อย (Y1)"
    REFORM_AREA = "reform_area", "แผนการปฏิรูปประเทศ"
    OTHER_LEVEL2 = "other_level2", "แผนระดับที่ ๒ อื่น ๆ"


class PlanNode(models.Model):
    """A node of the national strategy tree (level-1 and level-2 plans)."""

    level = models.CharField("ระดับ", max_length=24, choices=PlanLevel.choices)
    code = models.CharField("รหัสอ้างอิง", max_length=16, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="ภายใต้",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name_th = models.TextField("ชื่อ", blank=True)
    source = models.TextField("แหล่งข้อมูล", blank=True)
    sort_order = models.PositiveIntegerField("ลำดับ", default=0)
    is_active = models.BooleanField("ใช้งาน", default=True)

    class Meta:
        ordering = ["level", "sort_order", "code"]
        verbose_name = "แผน/เป้าหมายในยุทธศาสตร์ชาติ"
        verbose_name_plural = "แผนและเป้าหมายในยุทธศาสตร์ชาติ"
        constraints = [
            models.UniqueConstraint(
                fields=["level", "code"], condition=~Q(code=""), name="unique_plan_code_per_level"
            ),
        ]

    def __str__(self):
        label = f"{self.code} {self.name_th}".strip()
        return label or f"({self.get_level_display()})"


class ProjectKind(models.TextChoices):
    PROJECT = "project", "โครงการ"
    OPERATION = "operation", "การดำเนินงาน"


class Level3PlanType(models.TextChoices):
    ANNUAL = "annual", "แผนปฏิบัติราชการรายปี"
    ACTION = "action", "แผนปฏิบัติการด้าน…"
    OTHER = "other", "แผนระดับที่ ๓ อื่น ๆ"


class Level3Plan(ApprovableItem):
    """A level-3 plan (แผนระดับ ๓): entered when announced, approved through M7."""

    name = models.CharField("ชื่อแผน", max_length=500)
    plan_type = models.CharField("ประเภทแผน", max_length=16, choices=Level3PlanType.choices)
    owner_unit = models.ForeignKey(
        OrgUnit,
        verbose_name="หน่วยงานเจ้าของแผน",
        on_delete=models.PROTECT,
        related_name="level3_plans",
    )
    co_units = models.ManyToManyField(
        OrgUnit, verbose_name="หน่วยงานร่วมรับผิดชอบ", blank=True, related_name="+"
    )
    start_year = models.PositiveSmallIntegerField("ปีเริ่มต้น (พ.ศ.)")
    end_year = models.PositiveSmallIntegerField("ปีสิ้นสุด (พ.ศ.)")
    announced_on = models.DateField("วันที่ประกาศใช้", null=True, blank=True)
    plan_nodes = models.ManyToManyField(
        PlanNode, verbose_name="เป้าหมายแผนระดับ ๑ และ ๒ ที่สนับสนุน", blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-start_year", "name"]
        verbose_name = "แผนระดับที่ ๓"
        verbose_name_plural = "แผนระดับที่ ๓"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")), name="level3_years_ordered"
            ),
        ]

    def __str__(self):
        return self.name


class Level3PlanDocument(models.Model):
    """Every uploaded version of a plan's document is kept."""

    plan = models.ForeignKey(Level3Plan, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField("ไฟล์แผน (PDF)", upload_to="level3/%Y/")
    version = models.PositiveIntegerField("ฉบับที่")
    # The name the user's file had (stored files are named by plan and version).
    original_name = models.CharField("ชื่อไฟล์เดิม", max_length=255, blank=True)
    size = models.PositiveBigIntegerField("ขนาด (ไบต์)", default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "version"], name="unique_level3_doc_version"),
        ]

    def __str__(self):
        return f"{self.plan} ฉบับที่ {self.version}"


class Level3Indicator(models.Model):
    plan = models.ForeignKey(Level3Plan, on_delete=models.CASCADE, related_name="indicators")
    goal = models.TextField("เป้าหมาย")
    name = models.TextField("ตัวชี้วัด")
    unit_of_measure = models.CharField("หน่วยนับ", max_length=64, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "position"]

    def __str__(self):
        return self.name


class Level3IndicatorTarget(models.Model):
    indicator = models.ForeignKey(Level3Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField("ปี (พ.ศ.)")
    value = models.DecimalField("ค่าเป้าหมาย", max_digits=18, decimal_places=2)

    class Meta:
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="unique_l3_target_year"),
        ]

    def __str__(self):
        return f"{self.year}: {self.value}"


class Project(ApprovableItem):
    """A project or routine operation (โครงการ/การดำเนินงาน), M1–M5."""

    # M2: general data
    code = models.CharField("รหัสโครงการ", max_length=40, unique=True)
    name = models.CharField("ชื่อโครงการ/การดำเนินงาน", max_length=500)
    owner_unit = models.ForeignKey(
        OrgUnit,
        verbose_name="หน่วยงานรับผิดชอบ",
        on_delete=models.PROTECT,
        related_name="projects",
    )
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    cycle = models.CharField("รอบปี", max_length=8, choices=Cycle.choices, default=Cycle.FISCAL)
    kind = models.CharField(
        "ลักษณะการดำเนินงาน",
        max_length=16,
        choices=ProjectKind.choices,
        default=ProjectKind.PROJECT,
    )
    programme = models.CharField("ภายใต้แผนงาน", max_length=500, blank=True)
    uses_budget = models.BooleanField("โครงการที่ใช้งบประมาณ", default=True)
    in_house = models.BooleanField("ดำเนินการเอง", default=True)
    contracted = models.BooleanField("จัดจ้าง", default=False)
    gfmis_code = models.CharField("รหัส GFMIS ของโครงการ", max_length=64, blank=True, db_index=True)
    director_title = models.CharField("คำนำหน้า", max_length=32, blank=True)
    director_first_name = models.CharField("ชื่อผู้อำนวยการ", max_length=128, blank=True)
    director_last_name = models.CharField("นามสกุล", max_length=128, blank=True)
    director_email = models.EmailField("อีเมล (หน่วยงาน)", blank=True)
    director_email_alt = models.EmailField("อีเมล (ส่วนตัว/สำรอง)", blank=True)
    director_phone = models.CharField("โทรศัพท์", max_length=64, blank=True)
    director_fax = models.CharField("โทรสาร", max_length=64, blank=True)
    start_date = models.DateField("วันที่เริ่มต้น", null=True, blank=True)
    end_date = models.DateField("วันที่สิ้นสุด", null=True, blank=True)

    # M1: linkage to plans
    plan_nodes = models.ManyToManyField(
        PlanNode,
        verbose_name="ความเชื่อมโยงกับแผนระดับ ๑ และ ๒",
        blank=True,
        related_name="projects",
    )
    level3_plans = models.ManyToManyField(
        Level3Plan, verbose_name="แผนระดับที่ ๓", blank=True, related_name="projects"
    )

    # M3: detail
    rationale = models.TextField("หลักการและเหตุผล", blank=True)
    objectives = models.TextField("วัตถุประสงค์", blank=True)
    expected_results = models.TextField("ผลที่คาดว่าจะได้รับ", blank=True)
    target_groups = models.TextField("กลุ่มเป้าหมาย", blank=True)

    # M7 (owned by approvals.services)

    # What is still missing before submission, per module ("m1".."m5"), kept
    # current by projects.services.entry after every save (list filters use it).
    missing = models.JSONField("ข้อมูลที่ยังขาด", default=dict, editable=False)
    is_complete = models.BooleanField("ข้อมูลครบถ้วน", default=False, editable=False, db_index=True)
    # M5's sources added up, kept by the database (projects/0012's triggers) whenever a
    # source is written or deleted, however: the list sorts on it and the comparison
    # counts it without reading every source (issue 20). Never written by the application:
    # a value saved from a stale instance is put back to the sum.
    budget_total = models.DecimalField(
        "งบประมาณรวมทุกแหล่ง (บาท)", max_digits=18, decimal_places=2, default=0, editable=False
    )
    # Likely duplicates the user confirmed are different projects: {"codes", "by", "at"}.
    duplicates_reviewed = models.JSONField("ยืนยันว่าไม่ซ้ำ", default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-fiscal_year", "code"]
        verbose_name = "โครงการ"
        verbose_name_plural = "โครงการ"
        # Covers the list page's count (unit subtree, year, status) as an index-only scan.
        indexes = [
            models.Index(fields=["owner_unit", "fiscal_year", "status"]),
            # The list's default order: its first page is read off the index, not sorted
            # out of every visible project (issue #20).
            models.Index(fields=["-fiscal_year", "code"], name="project_list_order"),
            # The likely-duplicate check's three tests (same unit, name or GFMIS code) each
            # read an index, instead of the year's every project (projects/duplicates.py).
            models.Index(Upper("name"), name="project_name_upper"),
            models.Index(fields=["gfmis_code"], name="project_gfmis_code"),
            # A round's projects of earlier years are those still running in it: read off
            # this index, a round with few such projects (the year's first rounds, the
            # next year's) no longer scans every project (reporting.rounds).
            models.Index(fields=["end_date"], name="project_end_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="project_period_ordered",
                violation_error_message="วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่มต้น",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("projects:detail", args=[self.pk])

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่มต้น"})
        if (
            self.uses_budget is False
            and self.pk
            and self.budget_sources.filter(amount__gt=0).exists()
        ):
            raise ValidationError(
                {
                    "uses_budget": "โครงการนี้มีแหล่งเงินใน M5 อยู่ กรุณาลบแหล่งเงินก่อนเปลี่ยนเป็นโครงการที่ไม่ใช้งบประมาณ"
                }
            )

    @property
    def director_name(self) -> str:
        return f"{self.director_title}{self.director_first_name} {self.director_last_name}".strip()


class TargetKind(models.TextChoices):
    OUTPUT = "output", "เป้าหมายเชิงผลผลิต (Output)"
    OUTCOME = "outcome", "เป้าหมายเชิงผลลัพธ์ (Outcome)"
    KPI = "kpi", "ตัวชี้วัด"


class ProjectTarget(models.Model):
    """M3: an output or outcome target, or a KPI with its target value."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="targets")
    kind = models.CharField("ประเภท", max_length=8, choices=TargetKind.choices)
    description = models.TextField("รายละเอียด")
    target_value = models.DecimalField(
        "ค่าเป้าหมาย", max_digits=18, decimal_places=2, null=True, blank=True
    )
    unit_of_measure = models.CharField("หน่วยนับ", max_length=64, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["project", "position"]

    def __str__(self):
        return self.description


class AreaLevel(models.TextChoices):
    COUNTRY = "country", "ประเทศ"
    REGION = "region", "ภูมิภาค/กลุ่มจังหวัด"
    PROVINCE = "province", "จังหวัด"
    DISTRICT = "district", "อำเภอ"
    SUBDISTRICT = "subdistrict", "ตำบล"
    VILLAGE = "village", "หมู่บ้าน"
    OTHER = "other", "อื่น ๆ"


class OperatingArea(models.Model):
    """M3: where the project operates, from the whole country down to a village."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="areas")
    level = models.CharField("ขอบเขตพื้นที่", max_length=16, choices=AreaLevel.choices)
    region = models.CharField("ภูมิภาค/กลุ่มจังหวัด", max_length=128, blank=True)
    province = models.CharField("จังหวัด", max_length=128, blank=True)
    district = models.CharField("อำเภอ", max_length=128, blank=True)
    subdistrict = models.CharField("ตำบล", max_length=128, blank=True)
    village = models.CharField("หมู่บ้าน", max_length=128, blank=True)
    detail = models.TextField("รายละเอียดพื้นที่", blank=True)
    latitude = models.DecimalField(
        "ละติจูด",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        "ลองจิจูด",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["project", "position"]

    def __str__(self):
        return self.get_level_display()


class Activity(models.Model):
    """M4: a node of the activity tree (กิจกรรมที่ 1, 1.1, 1.2, 2 …)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="activities")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveIntegerField("ลำดับ", default=0)
    name = models.CharField("ชื่อกิจกรรม", max_length=500)
    description = models.TextField("รายละเอียด", blank=True)

    class Meta:
        ordering = ["project", "parent_id", "position"]
        verbose_name = "กิจกรรม"
        verbose_name_plural = "กิจกรรม"

    def __str__(self):
        return self.name


class ActivityQuarter(models.Model):
    """M4: a fiscal quarter in which an activity is scheduled."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="quarters")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ")
    quarter = models.PositiveSmallIntegerField(
        "ไตรมาส", validators=[MinValueValidator(1), MaxValueValidator(4)]
    )

    class Meta:
        ordering = ["activity", "fiscal_year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "fiscal_year", "quarter"], name="unique_activity_quarter"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="activity_q_1_4"
            ),
        ]

    def __str__(self):
        return f"ไตรมาส {self.quarter}/{self.fiscal_year}"


class SourceKind(models.TextChoices):
    STATE_DIRECT = "state_direct", "งบประมาณที่หน่วยงานขอโดยตรง"
    STATE_VIA_AGENCY = "state_via_agency", "งบประมาณที่ขอผ่านหน่วยงานอื่น"
    OWN_REVENUE = "own_revenue", "เงินรายได้ของหน่วยงาน"
    DOMESTIC_LOAN = "domestic_loan", "เงินกู้ภายในประเทศ"
    FOREIGN_LOAN = "foreign_loan", "เงินกู้จากต่างประเทศ"
    OTHER = "other", "งบประมาณจากแหล่งอื่น"


class BudgetSource(models.Model):
    """M5: a source of money; `source_name` names the agency or the other source."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_sources")
    kind = models.CharField("แหล่งเงิน", max_length=24, choices=SourceKind.choices)
    source_name = models.CharField("ที่มาของงบประมาณ", max_length=255, blank=True)
    amount = models.DecimalField("จำนวนเงิน (บาท)", **MONEY)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["project", "position"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_source_not_negative"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount}"


class SpendingPlan(models.Model):
    """M5: planned spending in one fiscal quarter."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="spending_plan")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ")
    quarter = models.PositiveSmallIntegerField("ไตรมาส")
    amount = models.DecimalField("จำนวนเงิน (บาท)", **MONEY)

    class Meta:
        ordering = ["project", "fiscal_year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "fiscal_year", "quarter"], name="unique_spending_quarter"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="spending_not_negative"),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="spending_q_1_4"
            ),
        ]

    def __str__(self):
        return f"ไตรมาส {self.quarter}/{self.fiscal_year}: {self.amount}"


class ProjectTally(models.Model):
    """How many projects an owning unit has per year, status and completeness, kept by the
    database (projects/0013's triggers) whichever way a project is written. Writers only
    add rows (+n for projects that came, -n for those that left), so two transactions never
    wait for each other here; a key's rows add up to its projects, and compact_tallies
    (beat) folds them into one. The list counts its pages from here (issue 20): a few
    hundred rows for a department's year, not its thousands of projects."""

    owner_unit = models.ForeignKey(
        OrgUnit, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    fiscal_year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=16)
    is_complete = models.BooleanField()
    n = models.IntegerField()

    KEY = ("owner_unit_id", "fiscal_year", "status", "is_complete")

    class Meta:
        indexes = [models.Index(fields=["fiscal_year", "status"], name="project_tally_year")]

    def __str__(self):
        return f"{self.owner_unit_id} {self.fiscal_year} {self.status}: {self.n:+d}"


class ProjectRevision(models.Model):
    """A frozen copy of M1–M5 as submitted/approved (JSON), never edited."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField("ฉบับที่")
    content = models.JSONField("ข้อมูล")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_at = models.DateTimeField("อนุมัติเมื่อ", null=True, blank=True)

    class Meta:
        ordering = ["project", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="unique_project_revision"),
        ]

    def __str__(self):
        return f"{self.project.code} ฉบับที่ {self.number}"


class CodeSequence(models.Model):
    """The running number behind project codes, per code prefix and fiscal year.

    Locked with select_for_update when a code is issued, so two staff creating
    at the same moment get different numbers.
    """

    prefix = models.CharField(max_length=32)
    fiscal_year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "fiscal_year"], name="unique_code_sequence"),
        ]

    def __str__(self):
        return f"{self.prefix}-{self.fiscal_year}: {self.last_number}"
