"""The Excel file of a year's annual achievement reports (OfficialWorkbook)."""

from core.xlsx import Column, OfficialWorkbook
from orgs.models import OrgUnit, User

from .selectors import (
    STATE_LABELS,
    STATE_NOT_STARTED,
    export_indicator_rows,
    export_plan_rows,
    percent_of_target,
)

INDICATOR_COLUMNS = [
    Column("แผน", 40),
    Column("หน่วยงานเจ้าของแผน", 22),
    Column("เป้าหมาย", 30),
    Column("ตัวชี้วัด", 40),
    Column("หน่วยนับ", 12),
    Column("ค่าเป้าหมาย", 14, "money"),
    Column("ผลที่ได้", 14, "money"),
    Column("ร้อยละของค่าเป้าหมาย", 14, "percent"),
    Column("คำอธิบาย", 36),
]
PLAN_COLUMNS = [
    Column("แผน", 40),
    Column("หน่วยงานเจ้าของแผน", 22),
    Column("ปีของแผน", 10, "year"),
    Column("สถานะรายงาน", 18),
    Column("สรุปผลสัมฤทธิ์", 50),
    Column("ปัญหาและอุปสรรค", 40),
    Column("ข้อเสนอแนะ", 40),
]


def annual_workbook(*, user: User, year: int, unit: OrgUnit | None = None) -> OfficialWorkbook:
    """Two sheets: each plan's indicators (target, result, per cent), and each plan's
    summary, problems and suggestions. Two queries."""
    plans = export_plan_rows(user=user, year=year, unit=unit)
    book = OfficialWorkbook()
    heading = f"รายงานผลสัมฤทธิ์แผนระดับที่ ๓ ประจำปี พ.ศ. {year}"
    indicators = book.sheet("ตัวชี้วัด", INDICATOR_COLUMNS, heading=heading)
    for row in export_indicator_rows(plan_ids=[p.pk for p in plans], year=year):
        indicators.append(
            [
                row.plan.name,
                str(row.plan.owner_unit),
                row.goal,
                row.name,
                row.unit_of_measure,
                row.target_value,
                row.result_value,
                percent_of_target(row.result_value, row.target_value),
                row.result_note or "",
            ]
        )
    summaries = book.sheet("สรุปรายแผน", PLAN_COLUMNS, heading=heading)
    for plan in plans:
        summaries.append(
            [
                plan.name,
                str(plan.owner_unit),
                year,
                STATE_LABELS[plan.report_status or STATE_NOT_STARTED],
                plan.report_summary or "",
                plan.report_problems or "",
                plan.report_suggestions or "",
            ]
        )
    return book
