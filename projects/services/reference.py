"""Writes to projects and reference data."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from core.tables import Row, require_columns
from orgs.services import ImportReport

from ..models import PlanLevel, PlanNode

# The strategy tree the product ships (the Royal Gazette's master plans, each row with its source).
STRATEGY_TREE = Path(__file__).resolve().parent.parent / "data" / "strategy_tree.csv"

# The level a node's `parent_code` refers to; levels not listed have no parent.
PARENT_LEVEL = {
    PlanLevel.MASTER_PLAN: PlanLevel.STRATEGY,
    PlanLevel.MASTER_PLAN_TARGET: PlanLevel.MASTER_PLAN,
    PlanLevel.SUB_PLAN: PlanLevel.MASTER_PLAN,
    PlanLevel.SUB_PLAN_TARGET: PlanLevel.SUB_PLAN,
}
TREE_COLUMNS = {"level", "code", "parent_code", "name_th"}


def strategy_tree_import(*, rows: list[Row], node_model=PlanNode) -> ImportReport:
    """Create or update strategy-tree nodes (all or nothing), never deleting one.

    Nodes match by level and code, so a reload renames and re-parents the very
    rows projects link to; a node without a code (master-plan targets, Y2)
    matches by level, parent and name. Where a row leaves the name or the
    parent empty the file does not know it, and the node keeps what it has
    (a master plan whose strategy no source gives stays where it was). The
    optional `source` column, when present, replaces the node's source.
    Parents must come earlier in the file or already exist. `node_model` lets
    data migrations pass theirs.
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
    """Create the row's node or bring the matching one up to the row; True if created."""
    level, code, name = row.get("level"), row.get("code"), row.get("name_th")
    if level not in PlanLevel.values:
        raise ValidationError(f"ระดับแผน “{level}” ไม่ถูกต้อง")
    parent = _parent_of(node_model, level, row.get("parent_code"))
    if not code and not name:
        raise ValidationError("ต้องมีรหัสหรือชื่ออย่างใดอย่างหนึ่ง")
    lookup = {"code": code} if code else {"code": "", "parent": parent, "name_th": name}
    node = node_model.objects.filter(level=level, **lookup).first()
    if node is None:
        node_model.objects.create(
            level=level,
            code=code,
            parent=parent,
            name_th=name,
            source=row.get("source"),
            sort_order=order,
        )
        return True
    changes = {"sort_order": order}
    if name:
        changes["name_th"] = name
    if parent is not None:
        changes["parent"] = parent
    if "source" in row.values:
        changes["source"] = row.get("source")
    for attribute, value in changes.items():
        setattr(node, attribute, value)
    node.save(update_fields=list(changes))
    return False


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
