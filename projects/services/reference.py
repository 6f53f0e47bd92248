"""Writes to projects and reference data."""

from django.core.exceptions import ValidationError
from django.db import transaction

from emenscr.tables import Row, require_columns
from orgs.services import ImportReport

from ..models import PlanLevel, PlanNode

# The level a node's `parent_code` refers to; levels not listed have no parent.
PARENT_LEVEL = {
    PlanLevel.MASTER_PLAN_TARGET: PlanLevel.MASTER_PLAN,
    PlanLevel.SUB_PLAN: PlanLevel.MASTER_PLAN,
    PlanLevel.SUB_PLAN_TARGET: PlanLevel.SUB_PLAN,
}
TREE_COLUMNS = {"level", "code", "parent_code", "name_th"}


def strategy_tree_import(*, rows: list[Row], node_model=PlanNode) -> ImportReport:
    """Create or update strategy-tree nodes (all or nothing).

    Nodes match by level and code; a node without a code (some master-plan
    targets) matches by level, parent and name. Parents must come earlier in
    the file or already exist. `node_model` lets data migrations pass theirs.
    """
    if not rows:
        raise ValidationError("ไฟล์ไม่มีข้อมูลแผน")
    require_columns(rows, TREE_COLUMNS)
    report = ImportReport()
    with transaction.atomic():
        for order, row in enumerate(rows, start=1):
            try:
                created = _upsert_node(node_model, row, order)
            except ValidationError as exc:
                report.errors.extend(f"แถวที่ {row.number}: {m}" for m in exc.messages)
                continue
            report.created += created
            report.updated += not created
        if report.errors:
            transaction.set_rollback(True)
            raise ValidationError(report.errors)
    return report


def _upsert_node(node_model, row: Row, order: int) -> bool:
    level, code = row.get("level"), row.get("code")
    if level not in PlanLevel.values:
        raise ValidationError(f"ระดับแผน “{level}” ไม่ถูกต้อง")
    parent = _parent_of(node_model, level, row.get("parent_code"))
    if not code and not row.get("name_th"):
        raise ValidationError("ต้องมีรหัสหรือชื่ออย่างใดอย่างหนึ่ง")
    lookup = (
        {"level": level, "code": code}
        if code
        else {
            "level": level,
            "code": "",
            "parent": parent,
            "name_th": row.get("name_th"),
        }
    )
    node, created = node_model.objects.get_or_create(**lookup, defaults={"sort_order": order})
    node.parent = parent
    node.name_th = row.get("name_th") or node.name_th
    node.source = row.get("source")
    node.sort_order = order
    node.save()
    return created


def _parent_of(node_model, level: str, parent_code: str):
    parent_level = PARENT_LEVEL.get(level)
    if not parent_code:
        return None
    if parent_level is None:
        raise ValidationError(f"แผนระดับ {level} ไม่มีแผนแม่ แต่ระบุ parent_code {parent_code}")
    parent = node_model.objects.filter(level=parent_level, code=parent_code).first()
    if parent is None:
        raise ValidationError(f"ไม่พบแผนแม่รหัส {parent_code}")
    return parent
