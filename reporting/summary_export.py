"""The five-band summary as a workbook for officials (the figures of the page).

Sheet 1: the table per department, cluster and ministry, with openpyxl's own
stacked bar chart so the figures stay live in Excel; sheet 2: each reported
project with its progress and band; sheet 3: what held back the unfinished ones.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.series import SeriesLabel

from core.fiscal import Quarter, format_thai_date
from core.xlsx import Column, OfficialWorkbook
from orgs.models import unit_labels

from .summaries import BAND_LABELS, BAND_SHORT, BANDS

LEVELS = {"ministry": "กระทรวง", "cluster": "กลุ่มภารกิจ", "department": "กรม"}


def _headings(figures: dict, frozen_on: datetime | None) -> list[str]:
    summary = figures["five_band"]
    round_ = Quarter(summary["fiscal_year"], summary["quarter"])
    population = summary["population"]
    source = (
        f"ตัวเลขที่ตรึงไว้เมื่อ {format_thai_date(frozen_on)}"
        if frozen_on
        else f"ตัวเลขปัจจุบัน ณ {format_thai_date(datetime.fromisoformat(figures['taken_on']))}"
    )
    return [
        f"ความก้าวหน้าการดำเนินโครงการ ๕ ระดับ {round_.label}",
        f"{source} · โครงการทั้งสิ้น {population['total']} รายงานแล้ว {population['reported']} "
        f"ยังไม่รายงาน {population['not_reported']} ไม่อยู่ในช่วงดำเนินการ {population['not_due']} "
        f"ตามปีปฏิทินไม่อยู่ในรอบ {population['calendar_not_in_round']}",
    ]


def _summary_sheet(book: OfficialWorkbook, figures: dict, frozen_on) -> None:
    columns = [Column("หน่วยงาน", 46), Column("ระดับ", 12), Column("รายงานแล้ว", 11, "int")]
    for band in BANDS:
        columns += [
            Column(f"{BAND_SHORT[band]} ({band} %) จำนวน", 12, "int"),
            Column(f"{BAND_SHORT[band]} ร้อยละ", 11, "percent"),
        ]
    headings = _headings(figures, frozen_on)
    sheet = book.sheet("สรุป ๕ ระดับ", columns, heading=headings)
    groups = figures["five_band"]["groups"]
    for group in groups:
        values = [group["name"], LEVELS.get(group["level"], group["level"]), group["reported"]]
        for band in BANDS:
            values += [group["counts"][band], Decimal(group["percents"][band])]
        sheet.append(values, total=group["level"] != "department")
    _add_chart(sheet.ws, first_row=len(headings) + 2, rows=len(groups))


def _add_chart(ws, *, first_row: int, rows: int) -> None:
    """A 100 % stacked bar over the percentage columns, one bar per group."""
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "bar", "percentStacked", 100
    chart.title = "ความก้าวหน้า ๕ ระดับ (ร้อยละ)"
    chart.height, chart.width = 12, 24
    last = first_row + rows - 1
    for index, band in enumerate(BANDS):
        column = 5 + index * 2
        data = Reference(ws, min_col=column, min_row=first_row, max_row=last)
        chart.add_data(data, titles_from_data=False)
        chart.series[-1].tx = SeriesLabel(v=BAND_LABELS[band])
    chart.set_categories(Reference(ws, min_col=1, min_row=first_row, max_row=last))
    ws.add_chart(chart, f"B{last + 3}")


PROJECT_COLUMNS = [
    Column("รหัสโครงการ", 18),
    Column("ชื่อโครงการ", 56),
    Column("หน่วยงาน", 12),
    Column("ความก้าวหน้า (ร้อยละ)", 12, "percent"),
]


def _project_sheet(book: OfficialWorkbook, title: str, last: Column, rows) -> None:
    """A list of projects: code, name, unit, progress, and one more column."""
    sheet = book.sheet(title, [*PROJECT_COLUMNS, last])
    labels = unit_labels(p["unit"] for p, _ in rows)
    for p, value in rows:
        progress = Decimal(p["progress"]) if p["progress"] is not None else None
        unit = labels.get(p["unit"], p["unit"])
        sheet.append([p["code"], p["name"], unit, progress, value])


def five_band_workbook(*, figures: dict, frozen_on: datetime | None) -> OfficialWorkbook:
    book = OfficialWorkbook()
    _summary_sheet(book, figures, frozen_on)
    projects = figures["projects"]
    _project_sheet(
        book,
        "โครงการที่รายงาน",
        Column("ระดับความก้าวหน้า", 36),
        [(p, BAND_LABELS[p["band"]]) for p in projects if p["band"]],
    )
    _project_sheet(
        book,
        "ปัญหาอุปสรรค",
        Column("ปัญหาและอุปสรรค", 70),
        [(p, p["problems"]) for p in projects if p["problems"]],
    )
    return book
