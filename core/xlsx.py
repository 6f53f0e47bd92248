"""Workbooks formatted for officials, written with openpyxl in write-only mode.

Every export a person opens (summaries, the status board, project lists, the
lists a memo attaches) goes through `OfficialWorkbook`, so they all look alike:
a title row, a bold Thai header with the header frozen under it, column widths
set, numbers as numbers with thousands separators, and dates as real Excel
dates shown in the Thai Buddhist calendar (`[$-107041E]`: Thai locale, Buddhist
calendar), so a column still sorts and filters as dates.

Write-only mode streams rows to disk, so a sheet of many thousand rows keeps
little in memory; the price is that cells are written once, in order.
"""

from __future__ import annotations

from collections.abc import Iterable
from copy import copy
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

THAI_DATE = "[$-107041E]d mmm yyyy"
FORMATS = {
    "text": "@",
    "int": "#,##0",
    "year": "0",  # a พ.ศ. year such as 2567: a number, without a thousands separator
    "money": "#,##0.00",
    "percent": "0.00",
    "date": THAI_DATE,
}
FONT_NAME = "TH Sarabun New"
_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")


@dataclass(frozen=True)
class Column:
    """One column: its Thai header, width in characters and kind of value."""

    label: str
    width: float = 14
    kind: str = "text"  # text, int, year, money, percent, date

    def __post_init__(self) -> None:
        if self.kind not in FORMATS:
            raise ValueError(f"unknown column kind {self.kind!r}")


class OfficialSheet:
    """A write-only sheet: optional title lines, a header row, then data rows."""

    def __init__(
        self,
        workbook: Workbook,
        title: str,
        columns: list[Column],
        *,
        heading=(),
        landscape: bool | None = None,
    ):
        """`landscape` (True or False) sets the sheet up for print (`print_setup`)."""
        self.columns = columns
        self.ws = workbook.create_sheet(title=title[:31])
        for index, column in enumerate(columns, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = column.width
        headings = [heading] if isinstance(heading, str) else list(heading)
        header_row = len(headings) + 1
        self.header_row = header_row
        if landscape is not None:  # before the first row: write-only mode writes sheetPr then
            self._print_setup(landscape=landscape)
        self.ws.freeze_panes = f"A{header_row + 1}"
        for line in headings:
            self.ws.append([self._cell(line, font=Font(name=FONT_NAME, bold=True, size=16))])
        self.ws.append(
            [
                self._cell(
                    c.label,
                    font=Font(name=FONT_NAME, bold=True, size=14),
                    fill=_HEADER_FILL,
                    border=_BORDER,
                    alignment=Alignment(wrap_text=True, vertical="center", horizontal="center"),
                )
                for c in columns
            ]
        )
        self.rows_written = 0
        self._styles: dict[tuple, Any] = {}

    def _print_setup(self, *, landscape: bool) -> None:
        """Print as an official attachment: A4, all columns on the width of one page (as
        many pages down as it takes), the header row on every page."""
        self.ws.page_setup.orientation = "landscape" if landscape else "portrait"
        self.ws.page_setup.paperSize = "9"  # A4
        self.ws.page_setup.fitToWidth = 1
        self.ws.page_setup.fitToHeight = 0  # 0: no limit on the number of pages down
        self.ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        self.ws.print_title_rows = f"{self.header_row}:{self.header_row}"

    def append(self, values: Iterable[Any], *, total: bool = False) -> None:
        """One data row; `total=True` marks a subtotal or total row (bold, shaded)."""
        cells = []
        for index, (column, value) in enumerate(zip(self.columns, values, strict=True)):
            cell = WriteOnlyCell(self.ws, value=_excel_value(value))
            # openpyxl hashes every style object set on a cell (most of the export's time);
            # a column's few styles are built once and copied, as openpyxl's own
            # WorksheetCopy copies `_style`.
            cell._style = copy(self._data_style(index, column, total, value is None))
            cells.append(cell)
        self.ws.append(cells)
        self.rows_written += 1

    def _data_style(self, index: int, column: Column, total: bool, empty: bool):
        key = (index, total, empty)
        if key not in self._styles:
            self._styles[key] = self._cell(
                None,
                font=Font(name=FONT_NAME, size=14, bold=total),
                fill=_TOTAL_FILL if total else None,
                border=_BORDER,
                number_format=None if empty else FORMATS[column.kind],
                alignment=Alignment(wrap_text=column.kind == "text", vertical="top"),
            )._style
        return self._styles[key]

    def _cell(self, value, **styles) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws, value=value)
        for name, style in styles.items():
            if style is not None:
                setattr(cell, name, style)
        return cell


class OfficialWorkbook:
    """A workbook of official sheets; `save()` streams it to a path or a file."""

    def __init__(self) -> None:
        self.book = Workbook(write_only=True)

    def sheet(
        self, title: str, columns: list[Column], *, heading=(), landscape: bool | None = None
    ) -> OfficialSheet:
        return OfficialSheet(self.book, title, columns, heading=heading, landscape=landscape)

    def save(self, output: str | IO[bytes]) -> None:
        self.book.save(output)


def _excel_value(value):
    # Excel keeps no time zone; a datetime is shown as its local date.
    if isinstance(value, datetime):
        from core.fiscal import to_local_date

        return to_local_date(value)
    return value
