"""Writes to the organisation: importing a unit tree."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction

from core.tables import Row, require_columns

from .models import Cycle, OrgUnit, UnitKind, rebuild_paths

UNIT_COLUMNS = {"code", "parent", "kind", "name_th"}
# Other names a file may give the columns (the "name", "abbreviation").
COLUMN_ALIASES = {"name": "name_th", "abbreviation": "abbr"}
# Read when the file has them; a file without the column keeps what the unit has.
OPTIONAL_COLUMNS = ("abbr", "doc_code", "source", "head_title", "phone")
# What an import may change on a unit: a row that would change none of them is left alone,
# so importing the same file again writes nothing.
COMPARED = ("kind", "name_th", "abbr", "doc_code", "source", "cycle", "sort_order", "parent_id")
COMPARED += ("head_title", "phone")


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)
    unchanged: int = 0


def org_units_import(*, rows: list[Row], unit_model=OrgUnit) -> ImportReport:
    """Create or update units by `code` (all or nothing).

    Columns: code, parent, kind, name_th; optional abbr, doc_code, cycle,
    source, head_title, phone. A parent may be in the file or already in the database.
    `unit_model` lets the data migration pass its historical model.
    """
    if not rows:
        raise ValidationError("ไฟล์ไม่มีข้อมูลหน่วยงาน")
    rows = [_aliased(row) for row in rows]
    require_columns(rows, UNIT_COLUMNS)
    report = ImportReport()
    report.errors = _unit_row_errors(rows, unit_model)
    if report.errors:
        raise ValidationError(report.errors)
    with transaction.atomic():
        existing = {u.code: u for u in unit_model.objects.all()}
        for order, row in enumerate(rows, start=1):
            unit = existing.get(row.get("code")) or unit_model(code=row.get("code"))
            before = None if unit.pk is None else _compared(unit)
            _fill_unit(unit, row, order)
            unit.parent = existing.get(row.get("parent")) if row.get("parent") else None
            existing[unit.code] = unit
            if before is not None and before == _compared(unit):
                report.unchanged += 1
                continue
            report.created += before is None
            report.updated += before is not None
            # Plain Model.save: skip OrgUnit.save()'s per-row path upkeep; one
            # rebuild runs below (historical models have no custom save anyway).
            models.Model.save(unit)
        rebuild_paths(unit_model)
    return report


def _aliased(row: Row) -> Row:
    """The row with its columns under their own names ("name" → name_th)."""
    if not COLUMN_ALIASES.keys() & row.values.keys():
        return row
    values = {COLUMN_ALIASES.get(k, k): v for k, v in row.values.items()}
    return Row(row.number, values)


def _compared(unit) -> tuple:
    return tuple(getattr(unit, name) for name in COMPARED)


def _fill_unit(unit, row: Row, order: int) -> None:
    unit.kind = row.get("kind")
    unit.name_th = row.get("name_th")
    unit.cycle = row.get("cycle") or unit.cycle or Cycle.FISCAL
    unit.sort_order = order
    for name in OPTIONAL_COLUMNS:
        if name in row.values:  # a file without the column keeps what the unit has
            value = row.get(name)
            setattr(unit, name, value[:255] if name == "source" else value)


def _unit_row_errors(rows: list[Row], unit_model) -> list[str]:
    in_file = [r.get("code") for r in rows]
    known = set(in_file) | set(unit_model.objects.values_list("code", flat=True))
    errors: list[str] = []
    seen: set[str] = set()
    for row in rows:
        errors += _row_errors(row, known=known, seen=seen)
        seen.add(row.get("code"))
    if not errors:
        errors += _cycle_errors(rows, unit_model)
    return errors


def _where(row: Row, column: str) -> str:
    """ "แถวที่ 3 คอลัมน์ parent": the row as the user numbers it (the header is row 1)."""
    return f"แถวที่ {row.number} คอลัมน์ {column}"


def _row_errors(row: Row, *, known: set[str], seen: set[str]) -> list[str]:
    code, parent, kind = row.get("code"), row.get("parent"), row.get("kind")
    errors = []
    if not code:
        errors.append(f"{_where(row, 'code')}: ไม่มีรหัสหน่วยงาน")
    elif code in seen:
        errors.append(f"{_where(row, 'code')}: รหัสหน่วยงาน {code} ซ้ำในไฟล์")
    if kind not in UnitKind.values:
        errors.append(
            f"{_where(row, 'kind')}: ประเภทหน่วยงาน “{kind}” ไม่ถูกต้อง "
            f"(ใช้ได้: {', '.join(UnitKind.values)})"
        )
    if not row.get("name_th"):
        errors.append(f"{_where(row, 'name_th')}: ไม่มีชื่อหน่วยงาน")
    if parent and parent not in known:
        errors.append(f"{_where(row, 'parent')}: ไม่พบหน่วยงานต้นสังกัด {parent}")
    if parent and parent == code:
        errors.append(f"{_where(row, 'parent')}: หน่วยงานเป็นต้นสังกัดของตนเองไม่ได้")
    if row.get("cycle") and row.get("cycle") not in Cycle.values:
        errors.append(
            f"{_where(row, 'cycle')}: รอบปี “{row.get('cycle')}” ต้องเป็น fiscal หรือ calendar"
        )
    for name, limit in LIMITS.items():
        if len(row.get(name)) > limit:
            errors.append(f"{_where(row, name)}: ยาวเกิน {limit} ตัวอักษร")
    return errors


# Column widths of OrgUnit (source is cut to its width instead: it is a note).
LIMITS = {"code": 32, "kind": 16, "abbr": 64, "name_th": 255, "doc_code": 32, "head_title": 255}
LIMITS["phone"] = 64


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
