"""The workbook export: the import's format, so export then import round-trips."""

from __future__ import annotations

from decimal import Decimal

from projects.models import Project

from ..models import QuarterlyReport
from .sheets import (
    PROGRESS_KEYS,
    PROGRESS_LABELS,
    PROJECT_KEYS,
    PROJECT_LABELS,
    TARGET_LEVELS,
)
from .statuses import status_word


def export_workbook(*, projects, output) -> None:
    """Write the projects (a queryset) and their reports in the import format.

    openpyxl's write-only mode streams rows, so a large export keeps little
    in memory. The keys row comes first (as the spec requires), then a Thai
    label row that the importer recognises and skips.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook(write_only=True)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE7F3")

    def sheet(name, keys, labels, widths):
        ws = book.create_sheet(name)
        ws.freeze_panes = "A3"
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[_column_letter(index)].width = width
        ws.append([_styled(WriteOnlyCell(ws, k), font=bold) for k in keys])
        ws.append(
            [
                _styled(
                    WriteOnlyCell(ws, t), font=bold, fill=fill, alignment=Alignment(wrap_text=True)
                )
                for t in labels
            ]
        )
        return ws

    projects_ws = sheet(
        "projects", PROJECT_KEYS, PROJECT_LABELS, [18, 60, 12, 12, 10, 10, 10, 13, 13, 16, 24, 12]
    )
    codes = []
    rows = (
        projects.select_related("owner_unit")
        .prefetch_related("plan_nodes", "budget_sources")
        .order_by("code")
    )
    for project in rows.iterator(chunk_size=2000):
        codes.append(project.pk)
        projects_ws.append(_project_cells(projects_ws, project))
    progress_ws = sheet(
        "progress", PROGRESS_KEYS, PROGRESS_LABELS, [18, 12, 8, 14, 16, 40, 40, 40, 12]
    )
    reports = (
        QuarterlyReport.objects.filter(project__in=projects)
        .select_related("project")
        .order_by("project__code", "fiscal_year", "quarter")
    )
    for report in reports.iterator(chunk_size=2000):
        progress_ws.append(
            [
                report.project.code,
                report.fiscal_year,
                report.quarter,
                report.progress_percent,
                report.disbursed,
                report.result,
                report.problems,
                report.suggestions,
                status_word(report),
            ]
        )
    book.save(output)


def _project_cells(ws, project: Project) -> list:
    from openpyxl.cell import WriteOnlyCell

    budget = sum((s.amount for s in project.budget_sources.all()), Decimal(0))
    targets = "; ".join(
        sorted(n.code for n in project.plan_nodes.all() if n.level in TARGET_LEVELS)
    )
    start = _styled(WriteOnlyCell(ws, project.start_date), number_format="yyyy-mm-dd")
    end = _styled(WriteOnlyCell(ws, project.end_date), number_format="yyyy-mm-dd")
    money = _styled(WriteOnlyCell(ws, budget), number_format="#,##0.00")
    return [
        project.code,
        project.name,
        project.owner_unit.code,
        project.fiscal_year,
        project.cycle,
        project.kind,
        project.uses_budget,
        start,
        end,
        money,
        targets,
        status_word(project),
    ]


def _styled(cell, **styles):
    for name, value in styles.items():
        setattr(cell, name, value)
    return cell


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)
