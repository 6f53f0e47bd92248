"""Writes to the organisation: importing a unit tree."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction

from core.tables import Row, require_columns

from .models import Cycle, OrgUnit, UnitKind, rebuild_paths

UNIT_COLUMNS = {"code", "parent", "kind", "name_th"}
# Read when the file has them: the position letters are addressed to, the unit's telephone.
OPTIONAL_COLUMNS = ("head_title", "phone")


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


def org_units_import(*, rows: list[Row], unit_model=OrgUnit) -> ImportReport:
    """Create or update units by `code` (all or nothing).

    Columns: code, parent, kind, name_th; optional abbr, doc_code, cycle,
    source, head_title, phone. A parent may be in the file or already in the database.
    `unit_model` lets the data migration pass its historical model.
    """
    if not rows:
        raise ValidationError("ไฟล์ไม่มีข้อมูลหน่วยงาน")
    require_columns(rows, UNIT_COLUMNS)
    report = ImportReport()
    report.errors = _unit_row_errors(rows, unit_model)
    if report.errors:
        raise ValidationError(report.errors)
    with transaction.atomic():
        existing = {u.code: u for u in unit_model.objects.all()}
        for order, row in enumerate(rows, start=1):
            unit = existing.get(row.get("code")) or unit_model(code=row.get("code"))
            report.created += unit.pk is None
            report.updated += unit.pk is not None
            _fill_unit(unit, row, order)
            unit.parent = existing.get(row.get("parent")) if row.get("parent") else None
            # Plain Model.save: skip OrgUnit.save()'s per-row path upkeep; one
            # rebuild runs below (historical models have no custom save anyway).
            models.Model.save(unit)
            existing[unit.code] = unit
        rebuild_paths(unit_model)
    return report


def _fill_unit(unit, row: Row, order: int) -> None:
    unit.kind = row.get("kind")
    unit.name_th = row.get("name_th")
    unit.abbr = row.get("abbr")
    unit.doc_code = row.get("doc_code")
    unit.source = row.get("source")[:255]
    unit.cycle = row.get("cycle") or unit.cycle or Cycle.FISCAL
    unit.sort_order = order
    for name in OPTIONAL_COLUMNS:
        if name in row.values:  # a file without the column keeps what the unit has
            setattr(unit, name, row.get(name))


def _unit_row_errors(rows: list[Row], unit_model) -> list[str]:
    errors: list[str] = []
    kinds = set(UnitKind.values)
    in_file = [r.get("code") for r in rows]
    known = set(in_file) | set(unit_model.objects.values_list("code", flat=True))
    seen: set[str] = set()
    for row in rows:
        code, parent = row.get("code"), row.get("parent")
        where = f"แถวที่ {row.number}"
        if not code:
            errors.append(f"{where}: ไม่มีรหัสหน่วยงาน (code)")
        elif code in seen:
            errors.append(f"{where}: รหัสหน่วยงาน {code} ซ้ำในไฟล์")
        seen.add(code)
        if row.get("kind") not in kinds:
            errors.append(f"{where}: ประเภทหน่วยงาน “{row.get('kind')}” ไม่ถูกต้อง")
        if not row.get("name_th"):
            errors.append(f"{where}: ไม่มีชื่อหน่วยงาน (name_th)")
        if parent and parent not in known:
            errors.append(f"{where}: ไม่พบหน่วยงานต้นสังกัด {parent}")
        if parent and parent == code:
            errors.append(f"{where}: หน่วยงานเป็นต้นสังกัดของตนเองไม่ได้")
        if row.get("cycle") and row.get("cycle") not in Cycle.values:
            errors.append(f"{where}: รอบปี “{row.get('cycle')}” ต้องเป็น fiscal หรือ calendar")
    if not errors:
        errors += _cycle_errors(rows, unit_model)
    return errors


def _cycle_errors(rows: list[Row], unit_model) -> list[str]:
    parents = dict(unit_model.objects.values_list("code", "parent__code"))
    parents.update({r.get("code"): r.get("parent") or None for r in rows})
    for start in parents:
        seen, code = set(), start
        while code is not None:
            if code in seen:
                return [f"หน่วยงาน {start} อยู่ในวงวนของต้นสังกัด (ต้นสังกัดซ้อนกันเป็นวง)"]
            seen.add(code)
            code = parents.get(code)
    return []
