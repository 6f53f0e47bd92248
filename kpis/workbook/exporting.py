"""The KPI workbook export: the import's format, so export then import round-trips.

The KPIs and every month's results, without a `projects` sheet: a KPI names
its project by code, and the project workbook (reporting.workbook) is the
projects' own export.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..models import KpiResult
from .sheets import KPI_KEYS, KPI_LABELS, KPIS, RESULT_KEYS, RESULT_LABELS, RESULTS

KPI_WIDTHS = [16, 10, 10, 18, 60, 10, 12, 14] + [11] * 12
RESULT_WIDTHS = [16, 10, 10, 14, 60]


def export_kpi_workbook(*, kpis, output) -> None:
    """Write the KPIs (a queryset) and their results in the import format: the keys row
    first (as the spec requires), then a Thai label row the importer skips."""
    book = Workbook(write_only=True)
    kpi_sheet = _sheet(book, KPIS, KPI_KEYS, KPI_LABELS, KPI_WIDTHS)
    rows = kpis.select_related("unit", "project").prefetch_related("targets")
    for kpi in rows.order_by("fiscal_year", "position", "pk").iterator(chunk_size=2000):
        targets = {t.month: t.cumulative_value for t in kpi.targets.all()}
        kpi_sheet.append(
            [
                kpi.code,
                kpi.fiscal_year,
                kpi.unit.code,
                kpi.project.code if kpi.project else None,
                kpi.name,
                kpi.unit_of_measure,
                kpi.is_quantitative,
                kpi.annual_target,
                *[targets.get(month) for month in range(1, 13)],
            ]
        )
    result_sheet = _sheet(book, RESULTS, RESULT_KEYS, RESULT_LABELS, RESULT_WIDTHS)
    results = (
        KpiResult.objects.filter(kpi__in=kpis)
        .select_related("kpi")
        .order_by("kpi__fiscal_year", "kpi__position", "kpi_id", "month")
    )
    for result in results.iterator(chunk_size=2000):
        result_sheet.append(
            [
                result.kpi.code,
                result.kpi.fiscal_year,
                result.month,
                result.value,
                result.remark or None,
            ]
        )
    book.save(output)


def _sheet(book, name: str, keys: list[str], labels: list[str], widths: list[int]):
    sheet = book.create_sheet(name)
    sheet.freeze_panes = "A3"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE7F3")
    sheet.append([_styled(WriteOnlyCell(sheet, key), font=bold) for key in keys])
    sheet.append(
        [
            _styled(
                WriteOnlyCell(sheet, label),
                font=bold,
                fill=fill,
                alignment=Alignment(wrap_text=True),
            )
            for label in labels
        ]
    )
    return sheet


def _styled(cell, **styles):
    for name, value in styles.items():
        setattr(cell, name, value)
    return cell
