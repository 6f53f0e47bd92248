"""What a project still lacks before submission, module by module (seed 004's
required fields, checked the way a ป.ย.ป. officer checks them: seed 002 step 4).

Works on a project whose related rows are prefetched (see
`selectors.project_with_modules`), so it runs no queries of its own.
"""

from decimal import Decimal

from core import fiscal

from .models import PlanLevel, Project, TargetKind

MODULES = {
    "m1": "M1 ความเชื่อมโยงกับแผน",
    "m2": "M2 ข้อมูลทั่วไป",
    "m3": "M3 รายละเอียดโครงการ",
    "m4": "M4 แผนการดำเนินงาน/กิจกรรม",
    "m5": "M5 งบประมาณ",
}
TARGET_LEVELS = {PlanLevel.MASTER_PLAN_TARGET, PlanLevel.SUB_PLAN_TARGET}


def project_missing(project: Project) -> dict[str, list[str]]:
    """Thai descriptions of what is missing or inconsistent, keyed by module."""
    return {
        "m1": _m1(project),
        "m2": _m2(project),
        "m3": _m3(project),
        "m4": _m4(project),
        "m5": _m5(project),
    }


def _m1(project: Project) -> list[str]:
    if not any(n.level in TARGET_LEVELS for n in project.plan_nodes.all()):
        return ["ยังไม่ได้เลือกเป้าหมายแผนแม่บท (Y2) หรือเป้าหมายแผนย่อย (Y1) อย่างน้อย ๑ เป้าหมาย"]
    return []


_M2_REQUIRED = [
    ("name", "ชื่อโครงการ"),
    ("director_first_name", "ชื่อผู้อำนวยการกองหรือเทียบเท่า"),
    ("director_last_name", "นามสกุลผู้อำนวยการ"),
    ("director_email", "อีเมล (หน่วยงาน) ของผู้อำนวยการ"),
    ("director_phone", "โทรศัพท์ของผู้อำนวยการ"),
    ("start_date", "วันที่เริ่มต้นโครงการ"),
    ("end_date", "วันที่สิ้นสุดโครงการ"),
]


def _m2(project: Project) -> list[str]:
    missing = [f"ยังไม่ได้กรอก{label}" for name, label in _M2_REQUIRED if not getattr(project, name)]
    if not (project.in_house or project.contracted):
        missing.append("ยังไม่ได้เลือกวิธีการดำเนินงาน (ดำเนินการเอง และ/หรือ จัดจ้าง)")
    return missing


_M3_REQUIRED = [
    ("rationale", "หลักการและเหตุผล"),
    ("objectives", "วัตถุประสงค์"),
    ("expected_results", "ผลที่คาดว่าจะได้รับ"),
    ("target_groups", "กลุ่มเป้าหมาย"),
]


def _m3(project: Project) -> list[str]:
    missing = [
        f"ยังไม่ได้กรอก{label}" for name, label in _M3_REQUIRED if not getattr(project, name).strip()
    ]
    kinds = {t.kind for t in project.targets.all()}
    for kind in TargetKind:
        if kind not in kinds:
            missing.append(f"ยังไม่มี{kind.label}")
    for target in project.targets.all():
        if target.kind == TargetKind.KPI and (
            target.target_value is None or not target.unit_of_measure
        ):
            missing.append(f"ตัวชี้วัด “{target.description}” ยังไม่มีค่าเป้าหมายหรือหน่วยนับ")
    if not project.areas.all():
        missing.append("ยังไม่ได้ระบุพื้นที่ดำเนินการ")
    return missing


def _m4(project: Project) -> list[str]:
    activities = project.activities.all()
    if not activities:
        return ["ยังไม่มีกิจกรรม"]
    missing = []
    parents = {a.parent_id for a in activities}
    allowed = _quarters_of(project)
    for activity in activities:
        quarters = {(q.fiscal_year, q.quarter) for q in activity.quarters.all()}
        if activity.pk not in parents and not quarters:
            missing.append(f"กิจกรรม “{activity.name}” ยังไม่ได้ระบุไตรมาสที่ดำเนินการ")
        if allowed is not None and quarters - allowed:
            missing.append(f"กิจกรรม “{activity.name}” มีไตรมาสอยู่นอกระยะเวลาโครงการ")
    return missing


def _m5(project: Project) -> list[str]:
    sources = list(project.budget_sources.all())
    plan = list(project.spending_plan.all())
    source_total = sum((s.amount for s in sources), Decimal(0))
    plan_total = sum((p.amount for p in plan), Decimal(0))
    if not project.uses_budget:
        if source_total or plan_total:
            return ["โครงการที่ไม่ใช้งบประมาณต้องไม่มีแหล่งเงินหรือแผนการใช้จ่าย"]
        return []
    missing = []
    if source_total <= 0:
        missing.append("ยังไม่ได้ระบุแหล่งเงินและจำนวนงบประมาณ")
    if plan_total != source_total:
        missing.append(
            f"ยอดรวมแผนการใช้จ่าย ({fiscal.format_baht(plan_total)} บาท) "
            f"ไม่เท่ากับยอดรวมแหล่งเงิน ({fiscal.format_baht(source_total)} บาท)"
        )
    allowed = _quarters_of(project)
    if allowed is not None and any(
        (p.fiscal_year, p.quarter) not in allowed and p.amount for p in plan
    ):
        missing.append("แผนการใช้จ่ายมีไตรมาสอยู่นอกระยะเวลาโครงการ")
    return missing


def _quarters_of(project: Project) -> set[tuple[int, int]] | None:
    if not (project.start_date and project.end_date):
        return None
    return {
        (q.fiscal_year, q.quarter)
        for q in fiscal.quarters_between(project.start_date, project.end_date)
    }


def module_is_complete(missing: dict[str, list[str]], module: str) -> bool:
    return not missing.get(module)
