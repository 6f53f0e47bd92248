"""Reading tabular uploads (CSV or XLSX) as rows of dicts keyed by the header.

Shared by every importer (units, the strategy tree, the project workbook) so
they agree on encodings, header clean-up and row numbers in error messages.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from openpyxl import load_workbook


@dataclass(frozen=True)
class Row:
    number: int  # the row's number as the user sees it (header is row 1)
    values: dict

    def get(self, key: str, default: str = "") -> str:
        value = self.values.get(key)
        if value is None:
            return default
        return str(value).strip()


def _clean_header(cells) -> list[str]:
    return [str(c).strip().lower() if c is not None else "" for c in cells]


def read_rows(data: bytes, *, filename: str, sheet: str | None = None) -> list[Row]:
    """Rows of a CSV (UTF-8, with or without BOM) or of an XLSX sheet."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".csv":
        return list(_csv_rows(data))
    if suffix in {".xlsx", ".xlsm"}:
        return list(_xlsx_rows(data, sheet=sheet))
    raise ValidationError(f"ไม่รองรับไฟล์ {filename}: ใช้ได้เฉพาะ .csv หรือ .xlsx")


def _csv_rows(data: bytes) -> Iterator[Row]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError("ไฟล์ CSV ต้องเข้ารหัสแบบ UTF-8") from exc
    reader = csv.reader(io.StringIO(text))
    header = _clean_header(next(reader, []))
    for number, cells in enumerate(reader, start=2):
        if any(c.strip() for c in cells):
            yield Row(number, dict(zip(header, cells, strict=False)))


def _xlsx_rows(data: bytes, *, sheet: str | None) -> Iterator[Row]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise ValidationError("เปิดไฟล์ Excel ไม่ได้: ไฟล์เสียหรือไม่ใช่ไฟล์ .xlsx") from exc
    if sheet is not None and sheet not in workbook.sheetnames:
        raise ValidationError(f"ไม่พบชีต “{sheet}” ในไฟล์")
    rows = (workbook[sheet] if sheet else workbook.worksheets[0]).iter_rows(values_only=True)
    header = _clean_header(next(rows, []))
    for number, cells in enumerate(rows, start=2):
        if any(c not in (None, "") for c in cells):
            yield Row(number, dict(zip(header, cells, strict=False)))


def require_columns(rows: list[Row], columns: set[str], *, header: list[str] | None = None) -> None:
    present = set(header) if header is not None else (set(rows[0].values) if rows else set())
    missing = sorted(columns - present)
    if missing:
        raise ValidationError(f"หัวตารางไม่ครบ: ขาดคอลัมน์ {', '.join(missing)}")
