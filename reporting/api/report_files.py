"""The report list as files: CSV (UTF-8 with BOM, so Excel reads the Thai) and Excel
through OfficialWorkbook, every row the filters keep (no paging)."""

from __future__ import annotations

import csv
import io

from django.db.models import QuerySet
from django.http import HttpResponse
from rest_framework.renderers import BaseRenderer

from core.clock import today
from core.fiscal import to_local_date
from core.xlsx import Column, OfficialWorkbook

from ..models import QuarterlyReport

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

COLUMNS = [
    Column("ปีงบประมาณ", 11, "year"),
    Column("ไตรมาส", 8, "int"),
    Column("รหัสโครงการ", 20),
    Column("ชื่อโครงการ", 48),
    Column("รหัสหน่วยงาน", 12),
    Column("หน่วยงาน", 30),
    Column("สถานะ", 18),
    Column("ความก้าวหน้า (ร้อยละ)", 12, "percent"),
    Column("เบิกจ่ายในไตรมาส (บาท)", 18, "money"),
    Column("ปรับปรุงล่าสุด", 16, "date"),
]


class CSVRenderer(BaseRenderer):
    """Offered for `?format=csv` (the view writes the file itself)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class XLSXRenderer(BaseRenderer):
    """Offered for `?format=xlsx` (the view writes the file itself)."""

    media_type = XLSX_TYPE
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


FILE_RENDERERS = [CSVRenderer, XLSXRenderer]


def report_rows(reports: QuerySet[QuarterlyReport]):
    """One tuple per report, in the columns' order (one query: project and unit joined)."""
    for report in reports.select_related("project__owner_unit").iterator(chunk_size=2000):
        unit = report.project.owner_unit
        yield (
            report.fiscal_year,
            report.quarter,
            report.project.code,
            report.project.name,
            unit.code,
            unit.name_th,
            report.get_status_display(),
            report.progress_percent,
            report.disbursed,
            to_local_date(report.updated_at),
        )


def reports_csv(reports: QuerySet[QuarterlyReport]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.label for c in COLUMNS])
    for row in report_rows(reports):
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def reports_xlsx(reports: QuerySet[QuarterlyReport]) -> bytes:
    book = OfficialWorkbook()
    sheet = book.sheet("รายงานรายไตรมาส", COLUMNS, heading="รายงานผลการดำเนินงานรายไตรมาส")
    for row in report_rows(reports):
        sheet.append(row)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def report_file_response(reports: QuerySet[QuarterlyReport], *, file_format: str) -> HttpResponse:
    if file_format == "csv":
        content, content_type = reports_csv(reports), "text/csv; charset=utf-8"
    else:
        content, content_type = reports_xlsx(reports), XLSX_TYPE
    response = HttpResponse(content, content_type=content_type)
    name = f"emenscr-reports-{today():%Y%m%d}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
