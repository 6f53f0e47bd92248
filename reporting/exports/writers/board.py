"""The round status board (reporting.board) as a workbook: the page's columns and figures."""

from core.clock import today
from core.fiscal import Quarter, format_thai_date
from core.xlsx import Column, OfficialWorkbook
from reporting.board import round_board, step_columns
from reporting.models import ExportJob
from windows.models import Window

from ..params import unit_of
from ..progress import Progress

COUNTS = ["due", "not_started", "drafted"]
AFTER_STEPS = ["approved", "late"]


def write_board(job: ExportJob, params: dict, book: OfficialWorkbook, progress: Progress) -> None:
    round_ = Quarter(params["fiscal_year"], params["quarter"])
    rows, window = round_board(
        fiscal_year=round_.fiscal_year, quarter=round_.quarter, on=today(), unit=unit_of(params)
    )
    steps = step_columns()
    columns = [Column("หน่วยงาน", 44)]
    columns += [Column(label, 12, "int") for label in ["ต้องรายงาน", "ยังไม่เริ่ม", "ร่าง/ส่งกลับ"]]
    columns += [Column(f"รอขั้น {order}: {name}", 16, "int") for order, name in steps]
    columns += [Column("อนุมัติแล้ว", 12, "int"), Column("เกินกำหนด", 12, "int")]
    sheet = book.sheet("สถานะการรายงาน", columns, heading=_heading(round_, window))
    progress.expect(len(rows))
    keys = COUNTS + [f"step_{order}" for order, _ in steps] + AFTER_STEPS
    for row in rows:
        sheet.append(
            [row["owner_unit__abbr"] or row["owner_unit__name_th"]] + [row[k] for k in keys]
        )
        progress.advance()
    if rows:
        sheet.append(["รวม"] + [sum(r[k] for r in rows) for k in keys], total=True)


def _heading(round_: Quarter, window: Window | None) -> list[str]:
    lines = [f"สถานะการรายงานความก้าวหน้า {round_.label}"]
    if window:
        lines.append(
            f"หน่วยงานส่งภายใน {format_thai_date(window.unit_deadline)} · "
            f"อนุมัติครบทุกขั้นภายใน {format_thai_date(window.chain_deadline)}"
        )
    lines.append(f"ข้อมูล ณ วันที่ {format_thai_date(today())}")
    return lines
