"""The project list as a file for officials: CSV (UTF-8 with BOM, so Excel shows Thai)
and Excel (OfficialWorkbook), chosen with ?format=csv or ?format=xlsx."""

import csv
import io
from decimal import Decimal

from rest_framework.renderers import BaseRenderer

from core.xlsx import Column, OfficialWorkbook

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

COLUMNS = [
    Column("รหัสโครงการ", 20),
    Column("ชื่อโครงการ/การดำเนินงาน", 60),
    Column("รหัสหน่วยงาน", 12),
    Column("หน่วยงานรับผิดชอบ", 36),
    Column("ปีงบประมาณ", 11, "year"),
    Column("สถานะ", 20),
    Column("งบประมาณรวม (บาท)", 18, "money"),
    Column("รหัสเป้าหมาย Y1/Y2", 20),
]


def project_file_rows(data: list[dict]) -> list[list]:
    """The serialized list rows as file rows, in COLUMNS' order."""
    return [
        [
            row["code"],
            row["name"],
            row["unit_code"],
            row["unit_name"],
            row["fiscal_year"],
            row["status_label"],
            Decimal(row["budget_total"]),
            "; ".join(row["target_codes"]),
        ]
        for row in data
    ]


class ProjectCsvRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if data is None:
            return b""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([c.label for c in COLUMNS])
        writer.writerows(project_file_rows(data))
        return ("\ufeff" + out.getvalue()).encode("utf-8")


class ProjectXlsxRenderer(BaseRenderer):
    media_type = XLSX_MEDIA_TYPE
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if data is None:
            return b""
        workbook = OfficialWorkbook()
        sheet = workbook.sheet("โครงการ", COLUMNS, heading="รายการโครงการ")
        for values in project_file_rows(data):
            sheet.append(values)
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()


FILE_FORMATS = {ProjectCsvRenderer.format, ProjectXlsxRenderer.format}
