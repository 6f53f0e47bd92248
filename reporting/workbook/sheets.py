"""The workbook's sheets and keys (shared/spec/exchange.md section 1), read into rows.

A Thai label row may follow the keys: the importer skips a second row whose
`code` / `project_code` cell holds the label our export writes there
("รหัสโครงการ").
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import load_workbook

from projects.models import PlanLevel, Project

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
    "status",
]
# May be absent: then new projects are drafts and existing ones keep their status.
OPTIONAL_PROJECT_KEYS = ["status"]
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
    "สถานะ (draft/submitted/approved)",
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
    projects = _sheet_rows(
        book["projects"], "projects", PROJECT_KEYS, "code", errors, optional=OPTIONAL_PROJECT_KEYS
    )
    progress = None
    if "progress" in book.sheetnames:
        progress = _sheet_rows(book["progress"], "progress", PROGRESS_KEYS, "project_code", errors)
    if not errors and not projects and not progress:
        errors.append(RowError("projects", 0, "", "ไฟล์ไม่มีข้อมูลโครงการ (ชีตว่าง)"))
    return projects, progress, errors


def _sheet_rows(
    sheet,
    name: str,
    keys: list[str],
    first_key: str,
    errors: list[RowError],
    *,
    optional: list[str] = (),
) -> list[SheetRow]:
    """The sheet's rows, each holding the keys of `keys` that the header has (all but
    the `optional` ones must be there)."""
    rows = sheet.iter_rows(values_only=True)
    header = [str(c).strip() if c is not None else "" for c in next(rows, [])]
    missing = [k for k in keys if k not in header and k not in optional]
    if missing:
        errors.append(RowError(name, 1, ", ".join(missing), "หัวตารางไม่ถูกต้อง: ไม่พบคอลัมน์นี้ในแถวแรก"))
        return []
    keys = [k for k in keys if k in header]
    result = []
    for number, cells in enumerate(rows, start=2):
        values = dict(zip(header, cells, strict=False))
        if number == 2 and str(values.get(first_key) or "").strip() == LABEL_MARK:
            continue  # the Thai label row our export writes
        if any(v not in (None, "") for k, v in values.items() if k in keys):
            result.append(SheetRow(number, {k: values.get(k) for k in keys}))
    return result
