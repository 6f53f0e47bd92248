"""The level-3 plan list as an official workbook (core.xlsx)."""

from django.db.models import Prefetch, QuerySet

from core.xlsx import Column, OfficialWorkbook

from ..models import Level3Indicator, Level3Plan, PlanLevel

PLAN_COLUMNS = [
    Column("ชื่อแผน", 48),
    Column("ประเภทแผน", 22),
    Column("หน่วยงานเจ้าของแผน", 28),
    Column("หน่วยงานร่วมรับผิดชอบ", 28),
    Column("ปีเริ่มต้น (พ.ศ.)", 10, "year"),
    Column("ปีสิ้นสุด (พ.ศ.)", 10, "year"),
    Column("วันที่ประกาศใช้", 14, "date"),
    Column("เป้าหมาย Y1/Y2 ที่สนับสนุน", 24),
    Column("แผนการปฏิรูปประเทศ", 20),
    Column("จำนวนตัวชี้วัด", 10, "int"),
    Column("เอกสารแผน (ฉบับ)", 10, "int"),
    Column("โครงการที่เชื่อมโยง", 10, "int"),
    Column("สถานะ", 16),
]
INDICATOR_COLUMNS = [
    Column("ชื่อแผน", 40),
    Column("หน่วยงานเจ้าของแผน", 24),
    Column("เป้าหมาย", 36),
    Column("ตัวชี้วัด", 36),
    Column("หน่วยนับ", 12),
    Column("ปี (พ.ศ.)", 10, "year"),
    Column("ค่าเป้าหมาย", 14, "money"),
]


def plans_workbook(*, rows: QuerySet[Level3Plan]) -> OfficialWorkbook:
    """One sheet of plans (the list's rows and filters) and one of their
    indicators with a target per year: a fixed number of queries."""
    plans = list(
        rows.prefetch_related(
            Prefetch(
                "indicators",
                queryset=Level3Indicator.objects.prefetch_related("targets"),
            )
        )
    )
    book = OfficialWorkbook()
    sheet = book.sheet("แผนระดับที่ ๓", PLAN_COLUMNS, heading="แผนระดับที่ ๓")
    for plan in plans:
        sheet.append(_plan_row(plan))
    targets = book.sheet("ตัวชี้วัดและค่าเป้าหมาย", INDICATOR_COLUMNS)
    for plan in plans:
        for indicator in plan.indicators.all():
            for target in indicator.targets.all():
                targets.append(
                    [
                        plan.name,
                        str(plan.owner_unit),
                        indicator.goal,
                        indicator.name,
                        indicator.unit_of_measure,
                        target.year,
                        target.value,
                    ]
                )
    return book


def _plan_row(plan: Level3Plan) -> list:
    nodes = list(plan.plan_nodes.all())
    return [
        plan.name,
        plan.get_plan_type_display(),
        plan.owner_unit.display_name,
        ", ".join(str(u) for u in plan.co_units.all()),
        plan.start_year,
        plan.end_year,
        plan.announced_on,
        ", ".join(n.code for n in nodes if n.level != PlanLevel.REFORM_AREA),
        ", ".join(n.name_th for n in nodes if n.level == PlanLevel.REFORM_AREA),
        plan.indicator_count,
        plan.document_count,
        plan.project_count,
        plan.get_status_display(),
    ]
