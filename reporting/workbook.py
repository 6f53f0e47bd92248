"""The project workbook of shared/spec/exchange.md: import and export.

Sheets `projects` (required) and `progress` (optional); first row the keys.
A Thai label row may follow the keys: the importer skips a second row whose
`code` / `project_code` cell holds the label our export writes there
("รหัสโครงการ"). An import is all or nothing, names every bad row, column and
reason in Thai, and changes nothing when the file is imported again.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from openpyxl import load_workbook

from approvals.models import ItemStatus
from approvals.services.records import items_record_imported
from orgs.models import Cycle, OrgUnit, User
from orgs.permissions import can
from projects.models import BudgetSource, PlanLevel, PlanNode, Project, ProjectKind, SourceKind
from projects.selectors import split_codes
from projects.services.entry import projects_refresh_completeness

from .models import QuarterlyReport

PROJECT_KEYS = [
    "code",
    "name",
    "owner_unit",
    "fiscal_year",
    "cycle",
    "kind",
    "uses_budget",
    "start_date",
    "end_date",
    "budget",
    "targets",
]
PROGRESS_KEYS = [
    "project_code",
    "fiscal_year",
    "quarter",
    "progress_percent",
    "disbursed",
    "result",
    "problems",
    "suggestions",
    "status",
]
PROJECT_LABELS = [
    "รหัสโครงการ",
    "ชื่อโครงการ",
    "รหัสหน่วยงาน",
    "ปีงบประมาณ (พ.ศ.)",
    "รอบปี (fiscal/calendar)",
    "ลักษณะ (project/operation)",
    "ใช้งบประมาณ (TRUE/FALSE)",
    "วันที่เริ่มต้น",
    "วันที่สิ้นสุด",
    "งบประมาณ (บาท)",
    "รหัสเป้าหมาย Y1/Y2 (คั่นด้วย ;)",
]
PROGRESS_LABELS = [
    "รหัสโครงการ",
    "ปีงบประมาณ (พ.ศ.)",
    "ไตรมาส",
    "ความก้าวหน้า (ร้อยละ)",
    "เบิกจ่ายในไตรมาส (บาท)",
    "ผลการดำเนินงาน",
    "ปัญหาอุปสรรค",
    "ข้อเสนอแนะ",
    "สถานะ (draft/submitted/approved)",
]
LABEL_MARK = "รหัสโครงการ"
CODE_MAX_LENGTH = Project._meta.get_field("code").max_length
NAME_MAX_LENGTH = Project._meta.get_field("name").max_length
STATUS_ORDER = {"draft": 0, "submitted": 1, "approved": 2}
TARGET_LEVELS = [PlanLevel.MASTER_PLAN_TARGET, PlanLevel.SUB_PLAN_TARGET]


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self):
        where = f"ชีต {self.sheet} แถวที่ {self.row}" if self.row else f"ชีต {self.sheet}"
        return f"{where}{f' คอลัมน์ {self.column}' if self.column else ''}: {self.message}"


@dataclass
class ImportResult:
    projects_created: int = 0
    projects_updated: int = 0
    projects_unchanged: int = 0
    reports_created: int = 0
    reports_updated: int = 0
    reports_unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def changed(self) -> int:
        return (
            self.projects_created
            + self.projects_updated
            + self.reports_created
            + self.reports_updated
        )


class WorkbookRejected(Exception):
    def __init__(self, result: ImportResult):
        super().__init__("\n".join(str(e) for e in result.errors))
        self.result = result


# --- reading -----------------------------------------------------------------


@dataclass
class SheetRow:
    number: int
    values: dict


def read_workbook(data: bytes) -> tuple[list[SheetRow], list[SheetRow] | None, list[RowError]]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        return [], None, [RowError("-", 0, "", "เปิดไฟล์ไม่ได้: ไฟล์ต้องเป็น Excel (.xlsx)")]
    errors: list[RowError] = []
    if "projects" not in book.sheetnames:
        return [], None, [RowError("projects", 0, "", "ไม่พบชีต projects ในไฟล์")]
    projects = _sheet_rows(book["projects"], "projects", PROJECT_KEYS, "code", errors)
    progress = None
    if "progress" in book.sheetnames:
        progress = _sheet_rows(book["progress"], "progress", PROGRESS_KEYS, "project_code", errors)
    if not errors and not projects and not progress:
        errors.append(RowError("projects", 0, "", "ไฟล์ไม่มีข้อมูลโครงการ (ชีตว่าง)"))
    return projects, progress, errors


def _sheet_rows(
    sheet, name: str, keys: list[str], first_key: str, errors: list[RowError]
) -> list[SheetRow]:
    rows = sheet.iter_rows(values_only=True)
    header = [str(c).strip() if c is not None else "" for c in next(rows, [])]
    missing = [k for k in keys if k not in header]
    if missing:
        errors.append(RowError(name, 1, ", ".join(missing), "หัวตารางไม่ถูกต้อง: ไม่พบคอลัมน์นี้ในแถวแรก"))
        return []
    result = []
    for number, cells in enumerate(rows, start=2):
        values = dict(zip(header, cells, strict=False))
        if number == 2 and str(values.get(first_key) or "").strip() == LABEL_MARK:
            continue  # the Thai label row our export writes
        if any(v not in (None, "") for k, v in values.items() if k in keys):
            result.append(SheetRow(number, {k: values.get(k) for k in keys}))
    return result


# --- parsing cells -------------------------------------------------------------


class CellError(Exception):
    pass


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _year(value) -> int:
    text = _text(value)
    try:
        year = int(float(text))
    except (ValueError, OverflowError):  # "abc", "nan"; "inf", "1e400"
        raise CellError("ต้องเป็นปี พ.ศ. ๔ หลัก เช่น 2567") from None
    if 1900 <= year <= 2200:
        raise CellError(f"ปี {year} เป็นปี ค.ศ.: กรุณากรอกเป็น พ.ศ. (เช่น {year + 543})")
    if not 2400 <= year <= 2700:
        raise CellError("ต้องเป็นปี พ.ศ. ๔ หลัก เช่น 2567")
    return year


def _date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    try:
        parsed = date.fromisoformat(text)
    except ValueError:
        raise CellError(f"“{text}” ไม่ใช่วันที่: ใช้รูปแบบ YYYY-MM-DD (ค.ศ.) เช่น 2023-10-01") from None
    if parsed.year > 2300:
        raise CellError(
            f"ปี {parsed.year} ในวันที่เป็น พ.ศ.: วันที่ในไฟล์ต้องเป็น ค.ศ. (เช่น {parsed.year - 543})"
        )
    return parsed


def _money(value, *, required: bool = False) -> Decimal | None:
    text = _text(value).replace(",", "")
    if not text:
        if required:
            raise CellError("ต้องกรอกจำนวนเงิน")
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise CellError(f"“{text}” ไม่ใช่จำนวนเงิน") from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e13"):
        raise CellError("จำนวนเงินต้องไม่ติดลบและไม่เกิน ๑๓ หลัก")
    return amount.quantize(Decimal("0.01"))


def _bool(value) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).upper()
    if text in {"TRUE", "1"}:
        return True
    if text in {"FALSE", "0"}:
        return False
    raise CellError("ต้องเป็น TRUE หรือ FALSE")


def _choice(value, choices: list[str]) -> str:
    text = _text(value).lower()
    if text not in choices:
        raise CellError(f"ต้องเป็นค่าใดค่าหนึ่ง: {', '.join(choices)}")
    return text


# --- validating rows -----------------------------------------------------------


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


def _project_rows(
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
        code, name = _text(row.values["code"]), _text(row.values["name"])
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
        unit = units.get(_text(row.values["owner_unit"]))
        if unit is None:
            check.fail(row, "owner_unit", f"ไม่พบหน่วยงานรหัส “{_text(row.values['owner_unit'])}”")
        elif user is not None and not _may_import(user, unit, allowed):
            check.fail(row, "owner_unit", f"คุณไม่มีสิทธิ์นำเข้าโครงการของหน่วยงาน {unit}")
        year = check.cell(row, "fiscal_year", _year)
        cycle = check.cell(row, "cycle", _choice, Cycle.values)
        kind = check.cell(row, "kind", _choice, ProjectKind.values)
        uses_budget = check.cell(row, "uses_budget", _bool)
        start, end = check.cell(row, "start_date", _date), check.cell(row, "end_date", _date)
        if start and end and end < start:
            check.fail(row, "end_date", "วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่มต้น")
        budget = check.cell(row, "budget", _money) or Decimal("0.00")
        if uses_budget is False and budget:
            check.fail(row, "budget", "โครงการที่ไม่ใช้งบประมาณต้องมีงบประมาณเป็น 0 หรือว่าง")
        codes = split_codes(_text(row.values["targets"]))
        unknown = [c for c in codes if c not in nodes]
        if unknown:
            check.fail(row, "targets", f"ไม่พบรหัสเป้าหมาย {', '.join(unknown)} ในยุทธศาสตร์ชาติ")
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
                )
            )
    return parsed


def _may_import(user: User, unit: OrgUnit, allowed: dict[int, bool]) -> bool:
    """The policy's answer for the unit, asked once per unit of the file."""
    if unit.pk not in allowed:
        allowed[unit.pk] = can(user, "workbook.import", unit)
    return allowed[unit.pk]


def _progress_rows(
    rows: list[SheetRow], known_codes: set[str], errors: list[RowError]
) -> list[ProgressRow]:
    check = _Checker("progress", errors)
    in_db = set(
        Project.objects.filter(
            code__in={_text(r.values["project_code"]) for r in rows}
        ).values_list("code", flat=True)
    )
    seen: dict[tuple, int] = {}
    parsed = []
    for row in rows:
        before = len(errors)
        code = _text(row.values["project_code"])
        if code not in known_codes and code not in in_db:
            check.fail(row, "project_code", f"ไม่พบโครงการรหัส “{code}” ในชีต projects หรือในระบบ")
        year = check.cell(row, "fiscal_year", _year)
        quarter = check.cell(row, "quarter", _choice, ["1", "2", "3", "4"])
        percent = check.cell(row, "progress_percent", _money, required=True)
        if percent is not None and percent > 100:
            check.fail(row, "progress_percent", f"ความก้าวหน้าต้องอยู่ระหว่าง 0–100 (ในไฟล์ {percent})")
        disbursed = check.cell(row, "disbursed", _money)
        status = check.cell(row, "status", _choice, list(STATUS_ORDER))
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
                    _text(row.values["result"]),
                    _text(row.values["problems"]),
                    _text(row.values["suggestions"]),
                    status,
                )
            )
    return parsed


# --- importing -------------------------------------------------------------------
#
# The import works in bulk: the existing projects and reports it touches are
# locked and loaded in one query each, new rows are inserted with bulk_create,
# changed ones written with bulk_update, and the approval trail goes through
# approvals.services.records.items_record_imported. So the number of queries
# does not grow with the rows (only with the distinct units, for their chains).

BATCH = 2000
IMPORT_COMMENT = "นำเข้าจากไฟล์สมุดงานโครงการ"


def import_workbook(
    *, data: bytes, user: User, dry_run: bool = False, check_permissions: bool = True
) -> ImportResult:
    """Import a workbook (all or nothing); raises WorkbookRejected with every bad row."""
    result = ImportResult(dry_run=dry_run)
    project_sheet, progress_sheet, result.errors = read_workbook(data)
    if result.errors:
        raise WorkbookRejected(result)
    projects = _project_rows(project_sheet, user if check_permissions else None, result.errors)
    progress = _progress_rows(progress_sheet or [], {p.code for p in projects}, result.errors)
    if result.errors:
        raise WorkbookRejected(result)
    with transaction.atomic():
        owners = _apply_projects(projects, user, result)
        _apply_progress(progress, owners, user, result)
        if result.errors:
            transaction.set_rollback(True)
            raise WorkbookRejected(result)
        if dry_run:
            transaction.set_rollback(True)
    return result


def _wanted_project(row: ProjectRow) -> dict:
    return {
        "name": row.name,
        "owner_unit_id": row.unit.pk,
        "fiscal_year": row.fiscal_year,
        "cycle": row.cycle,
        "kind": row.kind,
        "uses_budget": row.uses_budget,
        "start_date": row.start_date,
        "end_date": row.end_date,
    }


@dataclass
class _ProjectWrites:
    new: list = field(default_factory=list)  # (Project, ProjectRow)
    updated: list = field(default_factory=list)  # (Project, ProjectRow)
    fields: set = field(default_factory=set)
    budgets: list = field(default_factory=list)  # (Project, ProjectRow): sources replaced
    targets: list = field(default_factory=list)  # (Project, ProjectRow): Y1/Y2 links set


def _apply_projects(
    rows: list[ProjectRow], user: User, result: ImportResult
) -> dict[str, tuple[int, OrgUnit]]:
    """Create or update the sheet's projects; returns code -> (project id, owner unit)."""
    existing = {
        p.code: p
        for p in Project.objects.select_for_update()
        .filter(code__in=[r.code for r in rows])
        .order_by("pk")
        .prefetch_related("budget_sources", "plan_nodes")
    }
    writes = _ProjectWrites()
    for row in rows:
        _plan_project(row, existing.get(row.code), user, result, writes)
    _write_projects(writes, loaded={p.pk for p in existing.values()})
    ids = {p.code: p.pk for p in existing.values()} | {p.code: p.pk for p, _ in writes.new}
    return {row.code: (ids[row.code], row.unit) for row in rows}


def _plan_project(
    row: ProjectRow, project: Project | None, user: User, result: ImportResult, writes
) -> None:
    wanted = _wanted_project(row)
    if project is None:
        writes.new.append((Project(code=row.code, created_by=user, **wanted), row))
        result.projects_created += 1
        if row.budget:
            writes.budgets.append(writes.new[-1])
        if row.targets:
            writes.targets.append(writes.new[-1])
        return
    changed_fields = [k for k, v in wanted.items() if getattr(project, k) != v]
    budget_differs, targets_differ = _budget_differs(project, row), _targets_differ(project, row)
    if not (changed_fields or budget_differs or targets_differ):
        result.projects_unchanged += 1
        return
    if project.status == ItemStatus.SUBMITTED:
        result.errors.append(
            RowError("projects", row.number, "code", "โครงการนี้อยู่ระหว่างการอนุมัติ แก้ไขจากไฟล์ไม่ได้")
        )
        return
    for name in changed_fields:
        setattr(project, name, wanted[name])
    writes.updated.append((project, row))
    writes.fields.update(changed_fields)
    result.projects_updated += 1
    if budget_differs:
        writes.budgets.append((project, row))
    if targets_differ:
        writes.targets.append((project, row))


def _write_projects(writes: _ProjectWrites, *, loaded: set[int]) -> None:
    """`loaded`: the pks of the projects that existed before the import."""
    Project.objects.bulk_create([p for p, _ in writes.new], batch_size=1000)
    updated = [p for p, _ in writes.updated]
    stamp = timezone.now()
    for project in updated:
        project.updated_at = stamp  # what save() does through auto_now
    Project.objects.bulk_update(updated, [*sorted(writes.fields), "updated_at"], batch_size=500)
    _write_budgets(writes.budgets, loaded=loaded)
    _write_targets(writes.targets, loaded=loaded)
    projects_refresh_completeness(project_ids=[p.pk for p, _ in writes.new + writes.updated])


def _write_budgets(pairs: list, *, loaded: set[int]) -> None:
    """The file's budget replaces the project's sources: one source, or none for 0."""
    stale = [p.pk for p, _ in pairs if p.pk in loaded]
    for start in range(0, len(stale), BATCH):
        BudgetSource.objects.filter(project_id__in=stale[start : start + BATCH]).delete()
    sources = [
        BudgetSource(
            project=project,
            kind=SourceKind.STATE_DIRECT,
            amount=row.budget,
            source_name="นำเข้าจากไฟล์",
        )
        for project, row in pairs
        if row.budget
    ]
    BudgetSource.objects.bulk_create(sources, batch_size=BATCH)


def _write_targets(pairs: list, *, loaded: set[int]) -> None:
    """Set each project's Y1/Y2 links to the file's and keep its other plan links
    (what plan_nodes.set(others + targets) did project by project)."""
    through = Project.plan_nodes.through
    stale, fresh = set(), []
    for project, row in pairs:
        have = set()
        if project.pk in loaded:  # plan_nodes prefetched under the lock
            have = {n.pk for n in project.plan_nodes.all() if n.level in TARGET_LEVELS}
        wanted = {n.pk for n in row.targets}
        stale.update((project.pk, pk) for pk in have - wanted)
        fresh.extend(through(project_id=project.pk, plannode_id=pk) for pk in sorted(wanted - have))
    if stale:
        links = through.objects.filter(project_id__in={p for p, _ in stale}).values_list(
            "pk", "project_id", "plannode_id"
        )
        through.objects.filter(pk__in=[pk for pk, p, n in links if (p, n) in stale]).delete()
    through.objects.bulk_create(fresh, batch_size=BATCH)


def _budget_differs(project: Project, row: ProjectRow) -> bool:
    total = sum((s.amount for s in project.budget_sources.all()), Decimal(0))
    return total != row.budget


def _targets_differ(project: Project, row: ProjectRow) -> bool:
    have = {n.pk for n in project.plan_nodes.all() if n.level in TARGET_LEVELS}
    return have != {n.pk for n in row.targets}


def _report_status(report: QuarterlyReport) -> str:
    return "draft" if report.status == ItemStatus.RETURNED else report.status


def _apply_progress(
    rows: list[ProgressRow],
    owners: dict[str, tuple[int, OrgUnit]],
    user: User,
    result: ImportResult,
) -> None:
    """Create or update the reports, then record their statuses through the engine."""
    others = {r.project_code for r in rows} - owners.keys()
    for project in Project.objects.select_related("owner_unit").filter(code__in=others):
        owners[project.code] = (project.pk, project.owner_unit)
    existing = _locked_reports(rows, owners)
    new, updated, fields, moves = [], [], set(), []
    for row in rows:
        project_id, unit = owners[row.project_code]
        report = existing.get((project_id, row.fiscal_year, row.quarter))
        wanted = {
            "progress_percent": row.progress_percent,
            "disbursed": row.disbursed,
            "result": row.result,
            "problems": row.problems,
            "suggestions": row.suggestions,
        }
        if report is None:
            report = QuarterlyReport(
                project_id=project_id,
                fiscal_year=row.fiscal_year,
                quarter=row.quarter,
                created_by=user,
                **wanted,
            )
            new.append(report)
            result.reports_created += 1
        else:
            changed_fields = [k for k, v in wanted.items() if getattr(report, k) != v]
            if not _report_change_allowed(row, report, changed_fields, result):
                continue
            for name in changed_fields:
                setattr(report, name, wanted[name])
            updated.append(report)
            fields.update(changed_fields)
            result.reports_updated += 1
        if row.status != "draft":
            moves.append((report, unit, ItemStatus(row.status)))
    _write_reports(new, updated, fields)
    items_record_imported(entries=moves, actor=user, comment=IMPORT_COMMENT)


def _locked_reports(rows: list[ProgressRow], owners: dict) -> dict[tuple, QuarterlyReport]:
    """The existing reports of the file's rounds, locked in one query (ordered by pk, so
    two imports cannot deadlock). It may lock a few more reports of the same projects."""
    if not rows:
        return {}
    reports = (
        QuarterlyReport.objects.select_for_update()
        .filter(
            project_id__in={owners[r.project_code][0] for r in rows},
            fiscal_year__in={r.fiscal_year for r in rows},
            quarter__in={r.quarter for r in rows},
        )
        .order_by("pk")
    )
    return {(r.project_id, r.fiscal_year, r.quarter): r for r in reports}


def _report_change_allowed(
    row: ProgressRow, report: QuarterlyReport, changed_fields: list[str], result: ImportResult
) -> bool:
    """False when the report is unchanged (counted) or may not change (an error)."""
    current = _report_status(report)
    if not changed_fields and current == row.status:
        result.reports_unchanged += 1
        return False
    if STATUS_ORDER[row.status] < STATUS_ORDER[current] or (changed_fields and current != "draft"):
        result.errors.append(
            RowError(
                "progress",
                row.number,
                "status",
                f"รายงานนี้มีสถานะ {current} ในระบบแล้ว จึงแก้ไขหรือย้อนสถานะจากไฟล์ไม่ได้",
            )
        )
        return False
    return True


def _write_reports(new: list, updated: list, fields: set) -> None:
    QuarterlyReport.objects.bulk_create(new, batch_size=BATCH)
    stamp = timezone.now()
    for report in updated:
        report.updated_at = stamp  # what save() does through auto_now
    QuarterlyReport.objects.bulk_update(updated, [*sorted(fields), "updated_at"], batch_size=500)


# --- exporting -----------------------------------------------------------------


def export_workbook(*, projects, output) -> None:
    """Write the projects (a queryset) and their reports in the import format.

    openpyxl's write-only mode streams rows, so a large export keeps little
    in memory. The keys row comes first (as the spec requires), then a Thai
    label row that the importer recognises and skips.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook(write_only=True)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE7F3")

    def sheet(name, keys, labels, widths):
        ws = book.create_sheet(name)
        ws.freeze_panes = "A3"
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[_column_letter(index)].width = width
        ws.append([_styled(WriteOnlyCell(ws, k), font=bold) for k in keys])
        ws.append(
            [
                _styled(
                    WriteOnlyCell(ws, t), font=bold, fill=fill, alignment=Alignment(wrap_text=True)
                )
                for t in labels
            ]
        )
        return ws

    projects_ws = sheet(
        "projects", PROJECT_KEYS, PROJECT_LABELS, [18, 60, 12, 12, 10, 10, 10, 13, 13, 16, 24]
    )
    codes = []
    rows = (
        projects.select_related("owner_unit")
        .prefetch_related("plan_nodes", "budget_sources")
        .order_by("code")
    )
    for project in rows.iterator(chunk_size=2000):
        codes.append(project.pk)
        projects_ws.append(_project_cells(projects_ws, project))
    progress_ws = sheet(
        "progress", PROGRESS_KEYS, PROGRESS_LABELS, [18, 12, 8, 14, 16, 40, 40, 40, 12]
    )
    reports = (
        QuarterlyReport.objects.filter(project__in=projects)
        .select_related("project")
        .order_by("project__code", "fiscal_year", "quarter")
    )
    for report in reports.iterator(chunk_size=2000):
        progress_ws.append(
            [
                report.project.code,
                report.fiscal_year,
                report.quarter,
                report.progress_percent,
                report.disbursed,
                report.result,
                report.problems,
                report.suggestions,
                _report_status(report),
            ]
        )
    book.save(output)


def _project_cells(ws, project: Project) -> list:
    from openpyxl.cell import WriteOnlyCell

    budget = sum((s.amount for s in project.budget_sources.all()), Decimal(0))
    targets = "; ".join(
        sorted(n.code for n in project.plan_nodes.all() if n.level in TARGET_LEVELS)
    )
    start = _styled(WriteOnlyCell(ws, project.start_date), number_format="yyyy-mm-dd")
    end = _styled(WriteOnlyCell(ws, project.end_date), number_format="yyyy-mm-dd")
    money = _styled(WriteOnlyCell(ws, budget), number_format="#,##0.00")
    return [
        project.code,
        project.name,
        project.owner_unit.code,
        project.fiscal_year,
        project.cycle,
        project.kind,
        project.uses_budget,
        start,
        end,
        money,
        targets,
    ]


def _styled(cell, **styles):
    for name, value in styles.items():
        setattr(cell, name, value)
    return cell


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)
