"""The KPI workbook's sheets and keys (shared/spec/exchange.md section 3), read into rows.

Sheets `kpis` and `kpi_results` (either may be absent, not both) and
optionally the project workbook's `projects` (and `progress`), which the
project importer reads itself. Keys in the first row; extra columns are
ignored. A Thai label row may follow the keys: the importer skips a second
row whose first key's cell holds the label our export writes there
("รหัสตัวชี้วัด").
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from openpyxl import load_workbook

from core.fiscal import THAI_MONTHS_ABBR
from reporting.workbook.cells import text_of
from reporting.workbook.sheets import LABEL_MARK as PROJECT_LABEL_MARK
from reporting.workbook.sheets import RowError, SheetRow

from ..periods import MONTHS, calendar_month

KPIS, RESULTS, PROJECTS = "kpis", "kpi_results", "projects"
TARGET_KEYS = [f"target_m{month}" for month in MONTHS]
KPI_KEYS = [
    "code",
    "fiscal_year",
    "unit",
    "project",
    "name",
    "unit_of_measure",
    "quantitative",
    "annual_target",
    *TARGET_KEYS,
]
RESULT_KEYS = ["kpi_code", "fiscal_year", "month", "value", "remark"]
# May be absent: the remarks already recorded then stay as they are.
OPTIONAL_RESULT_KEYS = ["remark"]
LABEL_MARK = "รหัสตัวชี้วัด"
KPI_LABELS = [
    LABEL_MARK,
    "ปีงบประมาณ (พ.ศ.)",
    "รหัสหน่วยงาน",
    "รหัสโครงการ (ถ้ามี)",
    "ตัวชี้วัด",
    "หน่วยนับ",
    "เชิงปริมาณ (TRUE/FALSE)",
    "เป้าหมาย 12 เดือน",
    *[f"เป้าหมายสะสมถึง {THAI_MONTHS_ABBR[calendar_month(m)[1] - 1]}" for m in MONTHS],
]
RESULT_LABELS = [
    LABEL_MARK,
    "ปีงบประมาณ (พ.ศ.)",
    "เดือนที่ (ต.ค. = 1)",
    "ผลของเดือน (ไม่สะสม)",
    "หมายเหตุ (เหตุผลที่ไม่เป็นไปตามแผน)",
]


@dataclass
class KpiSheets:
    kpis: list[SheetRow] = field(default_factory=list)
    results: list[SheetRow] = field(default_factory=list)
    has_projects: bool = False
    project_codes: set[str] = field(default_factory=set)  # codes of the `projects` sheet
    remarks_given: bool = True  # the `kpi_results` sheet has a `remark` column
    errors: list[RowError] = field(default_factory=list)


def read_kpi_workbook(data: bytes) -> KpiSheets:
    sheets = KpiSheets()
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        sheets.errors.append(RowError("-", 0, "", "เปิดไฟล์ไม่ได้: ไฟล์ต้องเป็น Excel (.xlsx)"))
        return sheets
    if KPIS not in book.sheetnames and RESULTS not in book.sheetnames:
        sheets.errors.append(RowError(KPIS, 0, "", "ไม่พบชีต kpis หรือ kpi_results ในไฟล์"))
        return sheets
    if KPIS in book.sheetnames:
        sheets.kpis = _sheet_rows(book[KPIS], KPIS, KPI_KEYS, sheets.errors)
    if RESULTS in book.sheetnames:
        header = _header(book[RESULTS])
        sheets.remarks_given = "remark" in header
        sheets.results = _sheet_rows(
            book[RESULTS], RESULTS, RESULT_KEYS, sheets.errors, optional=OPTIONAL_RESULT_KEYS
        )
    if PROJECTS in book.sheetnames:
        sheets.has_projects, sheets.project_codes = _projects(book[PROJECTS])
    if not sheets.errors and not sheets.kpis and not sheets.results and not sheets.has_projects:
        sheets.errors.append(RowError(KPIS, 0, "", "ไฟล์ไม่มีข้อมูลตัวชี้วัด (ชีตว่าง)"))
    return sheets


def _header(sheet) -> list[str]:
    first = next(sheet.iter_rows(values_only=True, max_row=1), ())
    return [text_of(cell) for cell in first]


def _sheet_rows(
    sheet, name: str, keys: list[str], errors: list[RowError], *, optional: list[str] = ()
) -> list[SheetRow]:
    """The sheet's rows, each holding the keys of `keys` that the header has (all but
    the `optional` ones must be there)."""
    rows = sheet.iter_rows(values_only=True)
    header = [text_of(cell) for cell in next(rows, ())]
    missing = [k for k in keys if k not in header and k not in optional]
    if missing:
        errors.append(RowError(name, 1, ", ".join(missing), "หัวตารางไม่ถูกต้อง: ไม่พบคอลัมน์นี้ในแถวแรก"))
        return []
    keys = [k for k in keys if k in header]
    result = []
    for number, cells in enumerate(rows, start=2):
        values = dict(zip(header, cells, strict=False))
        if number == 2 and text_of(values.get(keys[0])) == LABEL_MARK:
            continue  # the Thai label row our export writes
        if any(values.get(k) not in (None, "") for k in keys):
            result.append(SheetRow(number, {k: values.get(k) for k in keys}))
    return result


def _projects(sheet) -> tuple[bool, set[str]]:
    """Whether the `projects` sheet has rows (one with the keys alone is left alone), and
    its codes: a KPI may name a project the same file brings."""
    rows = sheet.iter_rows(values_only=True)
    header = [text_of(cell) for cell in next(rows, ())]
    filled = [cells for cells in rows if any(text_of(cell) for cell in cells)]
    if "code" not in header:
        return bool(filled), set()  # the project importer names the missing column
    column = header.index("code")

    def code(cells) -> str:
        return text_of(cells[column]) if len(cells) > column else ""

    filled = [cells for cells in filled if code(cells) != PROJECT_LABEL_MARK]
    return bool(filled), {code(cells) for cells in filled} - {""}
