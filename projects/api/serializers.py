"""Serializers of the read endpoints: the strategy tree, projects (M1–M6) and statistics.

Every serializer reads only what the views prefetch, so a list or a detail costs
a fixed number of queries whatever the number of rows.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from approvals.models import ItemStatus
from orgs.api import named_choice_field
from orgs.models import Cycle
from projects.models import AreaLevel, PlanLevel, ProjectKind, SourceKind, TargetKind

MONEY = {"max_digits": 15, "decimal_places": 2, "coerce_to_string": True}


class PlanNodeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    level = named_choice_field("PlanLevelEnum", PlanLevel.choices, help_text="ระดับของแผน")
    level_label = serializers.CharField(source="get_level_display", help_text="ชื่อระดับ")
    code = serializers.CharField(help_text="รหัสอ้างอิง เช่น 110401 (อาจว่างได้)")
    name = serializers.CharField(source="name_th", help_text="ชื่อแผนหรือเป้าหมาย")
    parent_code = serializers.CharField(
        source="parent.code", default=None, allow_null=True, help_text="รหัสของแผนที่อยู่เหนือขึ้นไป"
    )
    parent_id = serializers.IntegerField(allow_null=True)
    is_active = serializers.BooleanField(help_text="ยังใช้งานอยู่")


class PlanNodeDetailSerializer(PlanNodeSerializer):
    children = PlanNodeSerializer(
        source="children_in_order", many=True, help_text="แผนหรือเป้าหมายที่อยู่ภายใต้"
    )


class ProjectListSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField(help_text="รหัสโครงการ เช่น รง 0209-67-0001")
    name = serializers.CharField(help_text="ชื่อโครงการ/การดำเนินงาน")
    unit_code = serializers.CharField(source="owner_unit.code", help_text="รหัสหน่วยงานรับผิดชอบ")
    unit_name = serializers.CharField(source="owner_unit.name_th", help_text="ชื่อหน่วยงานรับผิดชอบ")
    fiscal_year = serializers.IntegerField(help_text="ปีงบประมาณ (พ.ศ.)")
    status = serializers.ChoiceField(choices=ItemStatus.choices, help_text="สถานะ M7")
    status_label = serializers.CharField(source="get_status_display")
    budget_total = serializers.DecimalField(help_text="งบประมาณรวมทุกแหล่ง (บาท)", **MONEY)
    target_codes = serializers.SerializerMethodField(help_text="รหัสเป้าหมาย Y1/Y2 ที่เชื่อมโยง")
    updated_at = serializers.DateTimeField(help_text="แก้ไขล่าสุด")

    def get_target_codes(self, project) -> list[str]:
        targets = (PlanLevel.MASTER_PLAN_TARGET, PlanLevel.SUB_PLAN_TARGET)
        return sorted(n.code for n in project.plan_nodes.all() if n.level in targets and n.code)


class Level3PlanRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(help_text="ชื่อแผนระดับที่ ๓")
    plan_type = serializers.CharField(help_text="ประเภทแผน")
    start_year = serializers.IntegerField(help_text="ปีเริ่มต้น (พ.ศ.)")
    end_year = serializers.IntegerField(help_text="ปีสิ้นสุด (พ.ศ.)")


class M1Serializer(serializers.Serializer):
    plan_links = PlanNodeSerializer(many=True, help_text="แผนระดับ ๑ และ ๒ ที่เชื่อมโยง พร้อมรหัส")
    reform_areas = PlanNodeSerializer(many=True, help_text="แผนการปฏิรูปประเทศ")
    level3_plans = Level3PlanRefSerializer(many=True, help_text="แผนระดับที่ ๓")


class M2Serializer(serializers.Serializer):
    kind = named_choice_field("ProjectKindEnum", ProjectKind.choices, help_text="ลักษณะการดำเนินงาน")
    cycle = named_choice_field("PlanningCycleEnum", Cycle.choices, help_text="รอบปี")
    programme = serializers.CharField(help_text="ภายใต้แผนงาน")
    uses_budget = serializers.BooleanField(help_text="ใช้งบประมาณ")
    in_house = serializers.BooleanField(help_text="ดำเนินการเอง")
    contracted = serializers.BooleanField(help_text="จัดจ้าง")
    gfmis_code = serializers.CharField(help_text="รหัส GFMIS")
    director_name = serializers.CharField(help_text="ผู้อำนวยการโครงการ")
    director_email = serializers.CharField()
    director_email_alt = serializers.CharField()
    director_phone = serializers.CharField()
    director_fax = serializers.CharField()
    start_date = serializers.DateField(allow_null=True, help_text="วันที่เริ่มต้น (ค.ศ. ISO 8601)")
    end_date = serializers.DateField(allow_null=True, help_text="วันที่สิ้นสุด (ค.ศ. ISO 8601)")


class TargetSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = named_choice_field(
        "TargetKindEnum", TargetKind.choices, help_text="ผลผลิต ผลลัพธ์ หรือตัวชี้วัด"
    )
    description = serializers.CharField()
    target_value = serializers.DecimalField(
        max_digits=18, decimal_places=2, allow_null=True, help_text="ค่าเป้าหมาย"
    )
    unit_of_measure = serializers.CharField(help_text="หน่วยนับ")


class AreaSerializer(serializers.Serializer):
    level = named_choice_field("AreaLevelEnum", AreaLevel.choices, help_text="ขอบเขตพื้นที่")
    region = serializers.CharField()
    province = serializers.CharField()
    district = serializers.CharField()
    subdistrict = serializers.CharField()
    village = serializers.CharField()
    detail = serializers.CharField()
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)


class M3Serializer(serializers.Serializer):
    rationale = serializers.CharField(help_text="หลักการและเหตุผล")
    objectives = serializers.CharField(help_text="วัตถุประสงค์")
    expected_results = serializers.CharField(help_text="ผลที่คาดว่าจะได้รับ")
    target_groups = serializers.CharField(help_text="กลุ่มเป้าหมาย")
    targets = TargetSerializer(many=True, help_text="เป้าหมายผลผลิต ผลลัพธ์ และตัวชี้วัด")
    areas = AreaSerializer(many=True, help_text="พื้นที่ดำเนินการ")


class QuarterSerializer(serializers.Serializer):
    fiscal_year = serializers.IntegerField(help_text="ปีงบประมาณ (พ.ศ.)")
    quarter = serializers.IntegerField(min_value=1, max_value=4, help_text="ไตรมาส ๑–๔")


class ActivitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField(help_text="ลำดับในผังกิจกรรม เช่น 1.2")
    parent_id = serializers.IntegerField(allow_null=True, help_text="กิจกรรมหลัก (ว่าง = ระดับบนสุด)")
    depth = serializers.IntegerField(help_text="ระดับในผัง เริ่มที่ 0")
    name = serializers.CharField()
    description = serializers.CharField()
    quarters = QuarterSerializer(many=True, help_text="ไตรมาสที่ดำเนินกิจกรรม")


class BudgetSourceSerializer(serializers.Serializer):
    kind = named_choice_field("SourceKindEnum", SourceKind.choices, help_text="แหล่งเงิน")
    kind_label = serializers.CharField(source="get_kind_display")
    source_name = serializers.CharField(help_text="ที่มาของงบประมาณ")
    amount = serializers.DecimalField(help_text="จำนวนเงิน (บาท)", **MONEY)


class SpendingSerializer(QuarterSerializer):
    amount = serializers.DecimalField(help_text="แผนการใช้จ่าย (บาท)", **MONEY)


class M5Serializer(serializers.Serializer):
    budget_total = serializers.DecimalField(help_text="รวมทุกแหล่งเงิน (บาท)", **MONEY)
    sources = BudgetSourceSerializer(many=True)
    spending_plan = SpendingSerializer(many=True, help_text="แผนการใช้จ่ายรายไตรมาส")


class ProjectReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    fiscal_year = serializers.IntegerField(help_text="รอบ: ปีงบประมาณ (พ.ศ.)")
    quarter = serializers.IntegerField(help_text="รอบ: ไตรมาส")
    status = serializers.ChoiceField(choices=ItemStatus.choices, help_text="สถานะ M7 ของรายงาน")
    revision = serializers.IntegerField()
    progress_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, allow_null=True, help_text="ความก้าวหน้า (ร้อยละ)"
    )
    disbursed = serializers.DecimalField(allow_null=True, help_text="เบิกจ่ายในไตรมาส (บาท)", **MONEY)
    result = serializers.CharField(help_text="สรุปผลการดำเนินงาน")
    problems = serializers.CharField(help_text="ปัญหาและอุปสรรค")
    suggestions = serializers.CharField(help_text="ข้อเสนอแนะ")
    contribution_level1 = serializers.CharField(help_text="ความคืบหน้าต่อแผนระดับที่ ๑")
    contribution_level2 = serializers.CharField(help_text="ความคืบหน้าต่อแผนระดับที่ ๒")
    contribution_level3 = serializers.CharField(help_text="ความคืบหน้าต่อแผนระดับที่ ๓")


class ProjectDetailSerializer(ProjectListSerializer):
    revision = serializers.IntegerField(help_text="ฉบับที่ (เพิ่มเมื่อแก้ไขหลังอนุมัติ)")
    is_complete = serializers.BooleanField(help_text="กรอก M1–M5 ครบถ้วนแล้ว")
    m1 = serializers.SerializerMethodField()
    m2 = serializers.SerializerMethodField()
    m3 = serializers.SerializerMethodField()
    m4 = serializers.SerializerMethodField(help_text="ผังกิจกรรม เรียงตามลำดับในผัง")
    m5 = serializers.SerializerMethodField()
    m6 = serializers.SerializerMethodField(help_text="รายงานผลรายไตรมาส เรียงตามรอบ")

    @extend_schema_field(M1Serializer)
    def get_m1(self, project) -> dict:
        nodes = list(project.plan_nodes.all())
        return M1Serializer(
            {
                "plan_links": [n for n in nodes if n.level != PlanLevel.REFORM_AREA],
                "reform_areas": [n for n in nodes if n.level == PlanLevel.REFORM_AREA],
                "level3_plans": list(project.level3_plans.all()),
            }
        ).data

    @extend_schema_field(M2Serializer)
    def get_m2(self, project) -> dict:
        return M2Serializer(project).data

    @extend_schema_field(M3Serializer)
    def get_m3(self, project) -> dict:
        data = {"targets": list(project.targets.all()), "areas": list(project.areas.all())}
        for field in ("rationale", "objectives", "expected_results", "target_groups"):
            data[field] = getattr(project, field)
        return M3Serializer(data).data

    @extend_schema_field(ActivitySerializer(many=True))
    def get_m4(self, project) -> list:
        return ActivitySerializer(activity_outline(list(project.activities.all())), many=True).data

    @extend_schema_field(M5Serializer)
    def get_m5(self, project) -> dict:
        sources = list(project.budget_sources.all())
        return M5Serializer(
            {
                "budget_total": sum((s.amount for s in sources), start=0),
                "sources": sources,
                "spending_plan": list(project.spending_plan.all()),
            }
        ).data

    @extend_schema_field(ProjectReportSerializer(many=True))
    def get_m6(self, project) -> list:
        reports = sorted(project.reports.all(), key=lambda r: (r.fiscal_year, r.quarter))
        return ProjectReportSerializer(reports, many=True).data


def activity_outline(activities: list) -> list[dict]:
    """The activity tree in outline order, each with its number (1, 1.1, 1.2, 2 …)."""
    children: dict = {}
    for activity in activities:
        children.setdefault(activity.parent_id, []).append(activity)
    rows: list[dict] = []

    def walk(parent_id, prefix: str, depth: int) -> None:
        ordered = sorted(children.get(parent_id, []), key=lambda a: (a.position, a.pk))
        for index, activity in enumerate(ordered, start=1):
            number = f"{prefix}{index}"
            rows.append(
                {
                    "id": activity.pk,
                    "number": number,
                    "parent_id": activity.parent_id,
                    "depth": depth,
                    "name": activity.name,
                    "description": activity.description,
                    "quarters": list(activity.quarters.all()),
                }
            )
            walk(activity.pk, f"{number}.", depth + 1)

    walk(None, "", 0)
    return rows


class StatisticsRowSerializer(serializers.Serializer):
    fiscal_year = serializers.IntegerField(help_text="ปีงบประมาณ (พ.ศ.)")
    department_code = serializers.CharField(
        allow_null=True, help_text="รหัสกรม (ว่าง = หน่วยงานที่ไม่อยู่ใต้กรมใด)"
    )
    department_name = serializers.CharField(allow_null=True, help_text="ชื่อกรม")
    projects = serializers.IntegerField(help_text="จำนวนโครงการที่อนุมัติแล้ว")
    budget_total = serializers.DecimalField(help_text="งบประมาณรวม (บาท)", **MONEY)


class StatisticsSerializer(serializers.Serializer):
    rows = StatisticsRowSerializer(many=True, help_text="แยกตามปีงบประมาณและกรม")
    total_projects = serializers.IntegerField(help_text="จำนวนโครงการรวม")
    total_budget = serializers.DecimalField(help_text="งบประมาณรวม (บาท)", **MONEY)
