"""Excel exports run in Celery (Saleor's `csv` app is the model).

A person asks for an export (`services.export_request`); an `ExportJob` row is
created and a Celery task (`reporting.tasks.export_job_run`) writes the
workbook with `core.xlsx.OfficialWorkbook`, reporting progress as it goes,
and marks the job done or failed. What can be exported is a registry of kinds
(`registry`, filled in `kinds`): each names its Thai title, the permission rule
that decides who may ask for it, how its parameters are checked, and its writer.
"""

from . import permissions  # noqa: F401  (registers the policy's rules)
