"""The project workbook of shared/spec/exchange.md section 1: import and export.

Sheets `projects` (required) and `progress` (optional); first row the keys
(`sheets`), each cell parsed (`cells`) and each row checked (`rows`). An
import (`importing`: `project_import`, then `report_import`) is all or
nothing, names every bad row, column and reason in Thai, and changes nothing
when the file is imported again; its statuses must agree and move forward
only (`statuses`). The export (`exporting`) writes the same format, statuses
included, so a round exported and imported into an empty database gives the
same figures.
"""

from .exporting import export_workbook
from .importing import ImportResult, WorkbookRejected, import_workbook
from .sheets import PROGRESS_KEYS, PROJECT_KEYS, RowError

__all__ = [
    "PROGRESS_KEYS",
    "PROJECT_KEYS",
    "ImportResult",
    "RowError",
    "WorkbookRejected",
    "export_workbook",
    "import_workbook",
]
