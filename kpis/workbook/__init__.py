"""The monthly KPI workbook of shared/spec/exchange.md section 3: import and export.

Sheets `kpis` and `kpi_results` (and optionally the project workbook's
`projects`, imported first by reporting.workbook); first row the keys
(`sheets`), each cell checked (`rows`). An import (`importing`) is all or
nothing, names every bad row, column and reason in Thai, and changes nothing
when the file is imported again. The export (`exporting`) writes the same
format, so export then import round-trips.
"""

from .exporting import export_kpi_workbook
from .importing import KpiImportResult, KpiWorkbookRejected, import_kpi_workbook
from .sheets import KPI_KEYS, RESULT_KEYS

__all__ = [
    "KPI_KEYS",
    "RESULT_KEYS",
    "KpiImportResult",
    "KpiWorkbookRejected",
    "export_kpi_workbook",
    "import_kpi_workbook",
]
