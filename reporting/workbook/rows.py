"""The sheets' rows checked cell by cell into typed rows, every error named in Thai."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from orgs.models import Cycle, OrgUnit, User
from orgs.permissions import can
from projects.models import PlanNode, Project, ProjectKind
from projects.selectors import split_codes

from .cells import CellError, bool_of, choice_of, date_of, money_of, text_of, year_of
from .sheets import (
    CODE_MAX_LENGTH,
    NAME_MAX_LENGTH,
    TARGET_LEVELS,
    RowError,
    SheetRow,
)
from .statuses import STATUS_WORDS


@dataclass
class ProjectRow:
    number: int
    code: str
    name: str
    unit: OrgUnit
    fiscal_year: int
    cycle: str
    kind: str
    uses_budget: bool
    start_date: date
    end_date: date
    budget: Decimal
    targets: list[PlanNode]
    status: str | None = None  # None: the sheet has no status column


@dataclass
class ProgressRow:
    number: int
    project_code: str
    fiscal_year: int
    quarter: int
    progress_percent: Decimal
    disbursed: Decimal | None
    result: str
    problems: str
    suggestions: str
    status: str


class _Checker:
    """Collects RowErrors while parsing each cell of a row."""

    def __init__(self, sheet: str, errors: list[RowError]):
        self.sheet, self.errors = sheet, errors

    def cell(self, row: SheetRow, column: str, parse, *args, **kwargs):
        try:
            return parse(row.values.get(column), *args, **kwargs)
        except CellError as exc:
            self.errors.append(RowError(self.sheet, row.number, column, str(exc)))
            return None

    def fail(self, row: SheetRow, column: str, message: str) -> None:
        self.errors.append(RowError(self.sheet, row.number, column, message))


def project_rows(
    rows: list[SheetRow], user: User | None, errors: list[RowError]
) -> list[ProjectRow]:
    check = _Checker("projects", errors)
    units = {u.code: u for u in OrgUnit.objects.all()}
    nodes = {n.code: n for n in PlanNode.objects.filter(level__in=TARGET_LEVELS, is_active=True)}
    allowed: dict[int, bool] = {}
    seen: dict[str, int] = {}
    parsed = []
    for row in rows:
        before = len(errors)
        code, name = text_of(row.values["code"]), text_of(row.values["name"])
        if not code:
            check.fail(row, "code", "ต้องมีรหัสโครงการ")
        elif len(code) > CODE_MAX_LENGTH:
            check.fail(row, "code", f"รหัสโครงการยาวได้ไม่เกิน {CODE_MAX_LENGTH} ตัวอักษร")
        elif code in seen:
            check.fail(row, "code", f"รหัสโครงการ {code} ซ้ำกับแถวที่ {seen[code]}")
        seen.setdefault(code, row.number)
        if not name:
            check.fail(row, "name", "ต้องมีชื่อโครงการ")
        elif len(name) > NAME_MAX_LENGTH:
            check.fail(row, "name", f"ชื่อโครงการยาวได้ไม่เกิน {NAME_MAX_LENGTH} ตัวอักษร")
        unit = units.get(text_of(row.values["owner_unit"]))
        if unit is None:
            check.fail(row, "owner_unit", f"ไม่พบหน่วยงานรหัส “{text_of(row.values['owner_unit'])}”")
        elif user is not None and not _may_import(user, unit, allowed):
            check.fail(row, "owner_unit", f"คุณไม่มีสิทธิ์นำเข้าโครงการของหน่วยงาน {unit}")
        year = check.cell(row, "fiscal_year", year_of)
        cycle = check.cell(row, "cycle", choice_of, Cycle.values)
        kind = check.cell(row, "kind", choice_of, ProjectKind.values)
        uses_budget = check.cell(row, "uses_budget", bool_of)
        start, end = check.cell(row, "start_date", date_of), check.cell(row, "end_date", date_of)
        if start and end and end < start:
            check.fail(row, "end_date", "วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่มต้น")
        budget = check.cell(row, "budget", money_of) or Decimal("0.00")
        if uses_budget is False and budget:
            check.fail(row, "budget", "โครงการที่ไม่ใช้งบประมาณต้องมีงบประมาณเป็น 0 หรือว่าง")
        codes = split_codes(text_of(row.values["targets"]))
        unknown = [c for c in codes if c not in nodes]
        if unknown:
            check.fail(row, "targets", f"ไม่พบรหัสเป้าหมาย {', '.join(unknown)} ในยุทธศาสตร์ชาติ")
        status = None
        if "status" in row.values:  # the column is there: every row says its status
            status = check.cell(row, "status", choice_of, STATUS_WORDS)
        if len(errors) == before:
            parsed.append(
                ProjectRow(
                    row.number,
                    code,
                    name,
                    unit,
                    year,
                    cycle,
                    kind,
                    uses_budget,
                    start,
                    end,
                    budget,
                    [nodes[c] for c in codes],
                    status,
                )
            )
    return parsed


def _may_import(user: User, unit: OrgUnit, allowed: dict[int, bool]) -> bool:
    """The policy's answer for the unit, asked once per unit of the file."""
    if unit.pk not in allowed:
        allowed[unit.pk] = can(user, "workbook.import", unit)
    return allowed[unit.pk]


def progress_rows(
    rows: list[SheetRow], known_codes: set[str], errors: list[RowError]
) -> list[ProgressRow]:
    check = _Checker("progress", errors)
    in_db = set(
        Project.objects.filter(
            code__in={text_of(r.values["project_code"]) for r in rows}
        ).values_list("code", flat=True)
    )
    seen: dict[tuple, int] = {}
    parsed = []
    for row in rows:
        before = len(errors)
        code = text_of(row.values["project_code"])
        if code not in known_codes and code not in in_db:
            check.fail(row, "project_code", f"ไม่พบโครงการรหัส “{code}” ในชีต projects หรือในระบบ")
        year = check.cell(row, "fiscal_year", year_of)
        quarter = check.cell(row, "quarter", choice_of, ["1", "2", "3", "4"])
        percent = check.cell(row, "progress_percent", money_of, required=True)
        if percent is not None and percent > 100:
            check.fail(row, "progress_percent", f"ความก้าวหน้าต้องอยู่ระหว่าง 0–100 (ในไฟล์ {percent})")
        disbursed = check.cell(row, "disbursed", money_of)
        status = check.cell(row, "status", choice_of, STATUS_WORDS)
        key = (code, year, quarter)
        if key in seen:
            check.fail(row, "quarter", f"รายงานของโครงการและไตรมาสนี้ซ้ำกับแถวที่ {seen[key]}")
        seen.setdefault(key, row.number)
        if len(errors) == before:
            parsed.append(
                ProgressRow(
                    row.number,
                    code,
                    year,
                    int(quarter),
                    percent,
                    disbursed,
                    text_of(row.values["result"]),
                    text_of(row.values["problems"]),
                    text_of(row.values["suggestions"]),
                    status,
                )
            )
    return parsed
