"""The monthly KPI report (seed 003) as an official workbook (core.xlsx), from the figures
the memo keeps: the criteria, ตารางที่ 1 (by project), ตารางที่ 2 (by central unit), the
units off plan with their reasons, and ตารางที่ 3 (the provincial offices). An issued
report's workbook says what its PDF says, whatever the live figures do later."""

from __future__ import annotations

from decimal import Decimal
from typing import IO

from core.xlsx import Column, OfficialWorkbook
from kpis.lights import LIGHT_LABELS, Light

from .models import Memo


def _n(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _light(item: dict) -> str:
    return LIGHT_LABELS[Light(item["light"])]


def _heading(memo: Memo) -> list[str]:
    return [line for line in memo.subject.splitlines() if line.strip()]


def _kpi_columns(month: int, first: str) -> list[Column]:
    return [
        Column(first, 60),
        Column("หน่วยนับ", 10),
        Column("เป้าหมาย 12 เดือน", 16, "money"),
        Column(f"เป้าหมาย {month} เดือน", 16, "money"),
        Column(f"ผลงาน {month} เดือน", 16, "money"),
        Column(f"ร้อยละ (เทียบ {month} เดือน)", 14, "percent"),
        Column("ร้อยละ (เทียบ 12 เดือน)", 14, "percent"),
        Column("เกณฑ์สี", 24),
    ]


def _score_row(name: str, item: dict) -> list:
    return [name, "", None, None, None, _n(item["percent_to_date"])] + [
        _n(item["percent_of_year"]),
        _light(item),
    ]


def _line_row(line: dict) -> list:
    due = line["percent_to_date"] is not None
    light = _light(line) if due else line["due_label"] or _light(line)
    return [line["name"], line["measure"], _n(line["annual"]), _n(line["target"])] + [
        _n(line["result"]),
        _n(line["percent_to_date"]),
        _n(line["percent_of_year"]),
        light,
    ]


def _criteria(book: OfficialWorkbook, heading: list[str]) -> None:
    sheet = book.sheet(
        "เกณฑ์",
        [Column("การดำเนินงาน", 36), Column("ร้อยละ", 18), Column("เกณฑ์สี", 26)],
        heading=heading,
    )
    sheet.append(["เป็นไปตามแผนงาน", "100", LIGHT_LABELS[Light.GREEN]])
    sheet.append(["ต่ำกว่าแผนงานไม่เกินร้อยละ 5", "95.00 - 99.99", LIGHT_LABELS[Light.YELLOW]])
    sheet.append(["ต่ำกว่าแผนงานเกินกว่าร้อยละ 5", "ต่ำกว่า 95.00", LIGHT_LABELS[Light.RED]])


def _projects(book: OfficialWorkbook, heading: list[str], figures: dict) -> None:
    projects = figures["projects"]
    columns = _kpi_columns(figures["month"], "โครงการ/ตัวชี้วัด")
    sheet = book.sheet("ตารางที่ 1 ตามโครงการ", columns, heading=heading, landscape=True)
    name = f"ผลการดำเนินงานในภาพรวม จำนวน {projects['count']} โครงการ"
    sheet.append(_score_row(name, projects["overall"]), total=True)
    for number, block in enumerate((b for b in projects["blocks"] if b["name"]), start=1):
        sheet.append(_score_row(f"{number}. {block['name']}", block), total=True)
        for line in block["lines"]:
            sheet.append(_line_row(line))


def _unit_values(name: str, item: dict, counts: dict) -> list:
    return [name, _n(item["percent_to_date"]), _light(item)] + [
        counts[str(light)] for light in Light
    ]


def _units(book: OfficialWorkbook, heading: list[str], figures: dict) -> None:
    columns = [
        Column("สำนัก/กอง/ศูนย์/กลุ่ม", 50),
        Column(f"ร้อยละ รอบ {figures['month']} เดือน", 14, "percent"),
        Column("เกณฑ์สี", 24),
        Column("เป็นไปตามเป้าหมาย", 12, "int"),
        Column("ต่ำกว่าเป้าหมายไม่เกินร้อยละ 5", 14, "int"),
        Column("ไม่เป็นไปตามเป้าหมาย", 12, "int"),
        Column("ยังไม่ถึงกำหนดรายงานผล", 14, "int"),
    ]
    units = figures["units"]
    sheet = book.sheet("ตารางที่ 2 ส่วนกลาง", columns, heading=heading, landscape=True)
    sheet.append(_unit_values("ภาพรวม", units["overall"], units["counts"]), total=True)
    for number, row in enumerate(units["rows"], start=1):
        name = f"{number}. {row['name']}"
        sheet.append(_unit_values(name, row, row["counts"]), total=bool(row["members"]))
        for sub, member in enumerate(row["members"], start=1):
            sheet.append(_unit_values(f"  {sub}) {member['name']}", member, member["counts"]))


def _off_plan(book: OfficialWorkbook, heading: list[str], figures: dict) -> None:
    columns = [
        Column("หน่วยงาน", 36),
        Column("โครงการ/กิจกรรม ที่ขับเคลื่อนไม่เป็นไปตามเป้าหมาย", 50),
        Column("หน่วยนับ", 10),
        Column(f"เป้าหมาย รอบ {figures['month']} เดือน", 16, "money"),
        Column("ผลการดำเนินงาน", 16, "money"),
        Column("ร้อยละ", 12, "percent"),
        Column("หมายเหตุ", 50),
    ]
    sheet = book.sheet("ไม่เป็นไปตามแผน", columns, heading=heading, landscape=True)
    for unit in figures["off_plan"]:
        for line in unit["lines"]:
            sheet.append(
                [unit["unit"], line["name"], line["measure"], _n(line["target"])]
                + [_n(line["result"]), _n(line["percent_to_date"]), line["remark"]]
            )


def _provinces(book: OfficialWorkbook, heading: list[str], figures: dict) -> None:
    provinces = figures["provinces"]
    columns = _kpi_columns(figures["month"], "โครงการ/กิจกรรม") + [
        Column("จำนวนจังหวัด", 10, "int"),
        Column("จังหวัดที่ต่ำกว่าแผน", 40),
    ]
    sheet = book.sheet("ตารางที่ 3 ส่วนภูมิภาค", columns, heading=heading, landscape=True)
    sheet.append(_score_row("ภาพรวม", provinces["overall"]) + [provinces["count"], ""], total=True)
    for number, project in enumerate(provinces["projects"], start=1):
        name = f"{number}. {project['name'] or 'ตัวชี้วัดที่ไม่อยู่ภายใต้โครงการ'}"
        sheet.append(_score_row(name, project) + [None, ""], total=True)
        for line in project["lines"]:
            sheet.append(_line_row(line) + [line["provinces"], ", ".join(line["below_plan"])])


def report_workbook(memo: Memo, output: str | IO[bytes]) -> None:
    """The report's tables, one sheet each, from the memo's kept figures."""
    figures, heading = memo.figures, _heading(memo)
    book = OfficialWorkbook()
    _criteria(book, heading)
    _projects(book, heading, figures)
    _units(book, heading, figures)
    _off_plan(book, heading, figures)
    _provinces(book, heading, figures)
    book.save(output)
