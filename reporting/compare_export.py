"""The comparison as a workbook for officials (the figures of the page).

Sheet 1: a row per unit and round (projects due, budget, reporting rates, the five
bands); sheet 2: the rounds (unit deadline, frozen or live figures). Years are พ.ศ.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from core.fiscal import format_thai_date
from core.xlsx import Column, OfficialWorkbook

from .summaries import BAND_SHORT, BANDS
from .summary_export import LEVELS

FIGURES = {True: "ตัวเลขที่ตรึงไว้", False: "ตัวเลขปัจจุบัน"}


def _percent(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def _rows_sheet(book: OfficialWorkbook, figures: dict, heading: list[str]) -> None:
    columns = [
        Column("หน่วยงาน", 40),
        Column("ระดับ", 11),
        Column("ปีงบประมาณ", 11, "year"),
        Column("ไตรมาส", 8, "int"),
        Column("ตัวเลข", 16),
        Column("โครงการที่ต้องรายงาน", 12, "int"),
        Column("งบประมาณ (บาท)", 18, "money"),
        Column("รายงานแล้ว", 11, "int"),
        Column("ร้อยละที่รายงาน", 11, "percent"),
        Column("รายงานและอนุมัติภายในกำหนด", 14, "int"),
        Column("ร้อยละภายในกำหนด", 11, "percent"),
    ]
    for band in BANDS:
        columns += [
            Column(f"{BAND_SHORT[band]} ({band} %) จำนวน", 12, "int"),
            Column(f"{BAND_SHORT[band]} ร้อยละ", 11, "percent"),
        ]
    sheet = book.sheet("เปรียบเทียบ", columns, heading=heading, landscape=True)
    for row in figures["rows"]:
        values = [
            row["name"],
            LEVELS.get(row["level"], row["level"]),
            row["fiscal_year"],
            row["quarter"],
            FIGURES[row["frozen"]],
            row["projects"],
            row["budget"],
            row["reported"],
            _percent(row["reporting_rate"]),
            row["on_time"],
            _percent(row["on_time_rate"]),
        ]
        for band in BANDS:
            values += [row["counts"][band], Decimal(row["percents"][band])]
        sheet.append(values, total=row["level"] != "department")


def _rounds_sheet(book: OfficialWorkbook, figures: dict) -> None:
    columns = [
        Column("ปีงบประมาณ", 11, "year"),
        Column("ไตรมาส", 8, "int"),
        Column("กำหนดส่งของหน่วยงาน", 18, "date"),
        Column("ตัวเลข", 16),
        Column("ตรึงไว้เมื่อ", 18, "date"),
    ]
    sheet = book.sheet("รอบรายงาน", columns)
    for round_ in figures["rounds"]:
        sheet.append(
            [
                round_["fiscal_year"],
                round_["quarter"],
                round_["unit_deadline"],
                FIGURES[round_["frozen"]],
                round_["taken_at"],
            ]
        )


def comparison_workbook(*, figures: dict, first_year: int, last_year: int, on: datetime):
    """The workbook of `comparison(...)`'s figures over fiscal years `first_year`–`last_year`."""
    book = OfficialWorkbook()
    heading = [
        f"เปรียบเทียบผลการรายงานความก้าวหน้า ปีงบประมาณ พ.ศ. {first_year}–{last_year}",
        f"ณ {format_thai_date(on)} · ร้อยละที่รายงาน: ของโครงการที่ต้องรายงาน · "
        "ภายในกำหนด: ส่งและผ่านการอนุมัติของหน่วยงาน (M7) ภายในกำหนดส่งของหน่วยงาน ตามประวัติการอนุมัติ",
    ]
    _rows_sheet(book, figures, heading)
    _rounds_sheet(book, figures)
    return book
