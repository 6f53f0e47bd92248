"""The report's tables as an official workbook (core.xlsx): by project, by central unit
and, when given, the provincial offices' (ตารางที่ 3)."""

from __future__ import annotations

from typing import IO

from core.xlsx import Column, OfficialWorkbook

from .lights import Light, rounded
from .periods import month_name
from .provinces import ProvinceReport
from .selectors import KpiReport


def report_heading(report: KpiReport) -> str:
    return (
        f"ผลการดำเนินงานตามตัวชี้วัด ปีงบประมาณ พ.ศ. {report.fiscal_year} "
        f"รอบ {report.month} เดือน (ถึงเดือน{month_name(report.fiscal_year, report.month)})"
    )


def project_columns(month: int) -> list[Column]:
    return [
        Column("โครงการ/ตัวชี้วัด", 60),
        Column("หน่วยนับ", 10),
        Column("หน่วยงาน", 24),
        Column("เป้าหมาย 12 เดือน", 16, "money"),
        Column(f"เป้าหมาย {month} เดือน", 16, "money"),
        Column(f"ผลงาน {month} เดือน", 16, "money"),
        Column(f"ร้อยละ (เทียบ {month} เดือน)", 14, "percent"),
        Column("ร้อยละ (เทียบ 12 เดือน)", 14, "percent"),
        Column("เกณฑ์สี", 22),
    ]


UNIT_COLUMNS = [
    Column("สำนัก/กอง/ศูนย์/กลุ่ม", 50),
    Column("ร้อยละ", 12, "percent"),
    Column("เกณฑ์สี", 22),
    Column("สีเขียว", 10, "int"),
    Column("สีเหลือง", 10, "int"),
    Column("สีแดง", 10, "int"),
    Column("ยังไม่ถึงกำหนด", 12, "int"),
]


def province_columns(month: int) -> list[Column]:
    return [
        Column("โครงการ/กิจกรรม", 60),
        Column("หน่วยนับ", 10),
        Column("จำนวนจังหวัด", 10, "int"),
        Column("เป้าหมาย 12 เดือน", 16, "money"),
        Column(f"เป้าหมาย {month} เดือน", 16, "money"),
        Column(f"ผลงาน {month} เดือน", 16, "money"),
        Column(f"ร้อยละ (เทียบ {month} เดือน)", 14, "percent"),
        Column("ร้อยละ (เทียบ 12 เดือน)", 14, "percent"),
        Column("เกณฑ์สี", 22),
        Column("จังหวัดที่ต่ำกว่าแผน", 40),
    ]


def report_workbook(
    report: KpiReport, output: str | IO[bytes], *, provinces: ProvinceReport | None = None
) -> None:
    book = OfficialWorkbook()
    heading = report_heading(report)
    _project_sheet(book.sheet("ตามโครงการ", project_columns(report.month), heading=heading), report)
    _unit_sheet(book.sheet("ตามหน่วยงาน", UNIT_COLUMNS, heading=heading), report)
    if provinces is not None:
        columns = province_columns(report.month)
        _province_sheet(book.sheet("ส่วนภูมิภาค", columns, heading=heading), provinces)
    book.save(output)


def _province_sheet(sheet, report: ProvinceReport) -> None:
    s = report.score
    sheet.append(
        ["ภาพรวม", "", report.province_count, None, None, None]
        + [s.percent_to_date, s.percent_of_year, s.light.label, ""],
        total=True,
    )
    for project in report.projects:
        name = project.project.name if project.project else "ตัวชี้วัดที่ไม่อยู่ภายใต้โครงการ"
        s = project.score
        below = ", ".join(u.name_th for u in project.below_plan)
        sheet.append(
            [name, "", None, None, None, None]
            + [s.percent_to_date, s.percent_of_year, s.light.label, below],
            total=True,
        )
        for line in project.lines:
            ks = line.score
            light = ks.light.label if ks.is_due else line.due_label or ks.light.label
            below = ", ".join(f.unit.name_th for f in line.below_plan)
            sheet.append(
                [line.name, line.unit_of_measure, line.provinces, line.annual_target]
                + [line.target_to_date, line.result_to_date]
                + [ks.percent_to_date, ks.percent_of_year, light, below]
            )


def _project_sheet(sheet, report: KpiReport) -> None:
    score = report.projects_score
    sheet.append(
        ["ภาพรวมทุกโครงการ", "", "", None, None, None]
        + [_shown(score.percent_to_date), _shown(score.percent_of_year), score.light.label],
        total=True,
    )
    for block in report.projects:
        name = block.project.name if block.project else "ตัวชี้วัดที่ไม่อยู่ภายใต้โครงการ"
        s = block.score
        sheet.append(
            [name, "", "", None, None, None, _shown(s.percent_to_date), _shown(s.percent_of_year)]
            + [s.light.label],
            total=True,
        )
        for line in block.lines:
            kpi, ks = line.kpi, line.score
            light = ks.light.label if ks.is_due else line.due_label or ks.light.label
            sheet.append(
                [kpi.name, kpi.unit_of_measure, kpi.unit.name_th, kpi.annual_target]
                + [kpi.target_to_date, kpi.result_to_date]
                + [_shown(ks.percent_to_date), _shown(ks.percent_of_year), light]
            )


def _unit_sheet(sheet, report: KpiReport) -> None:
    sheet.append(_unit_values("ภาพรวม", report.units_score, report.unit_counts), total=True)
    for row in report.unit_rows():
        name = f"{'  ' * (row.level - 1)}{row.unit.name_th}"
        sheet.append(_unit_values(name, row.score, row.counts), total=bool(row.members))


def _unit_values(name: str, score, counts: dict[Light, int]) -> list:
    return [name, _shown(score.percent_to_date), score.light.label] + [
        counts[light] for light in Light
    ]


def _shown(value):
    """A per cent as the report prints it (two decimals, half-up); the light is that figure's."""
    return None if value is None else rounded(value)
