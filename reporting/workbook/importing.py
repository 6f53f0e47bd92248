"""The workbook import: all or nothing, idempotent, in a fixed number of queries.

Two phases in one transaction. First every row is planned against the
existing projects and reports, locked and loaded in one ordered query each:
what changes, which status moves the file asks for, and every row error
(statuses that disagree or move backwards, items waiting in the chain).
Any error rejects the file before anything is written. Then the writes:
the one edit guard (approvals.services.editing.items_guard_edit) opens a new
revision of every approved item the file changes, the new values are written
in bulk, and the approvals app records the file's submissions and approvals
in the trail (approvals.services.records.items_record_imported). So the
number of queries does not grow with the rows (only with the distinct units,
for their chains).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from approvals.services.errors import Refusal
from orgs.models import User
from orgs.permissions import can

from .project_import import plan_projects, write_projects
from .report_import import plan_reports, write_reports
from .rows import progress_rows, project_rows
from .sheets import RowError, read_workbook


@dataclass
class ImportResult:
    projects_created: int = 0
    projects_updated: int = 0
    projects_unchanged: int = 0
    reports_created: int = 0
    reports_updated: int = 0
    reports_unchanged: int = 0
    revisions_opened: int = 0  # approved items the file changed: each has a new revision
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def changed(self) -> int:
        return (
            self.projects_created
            + self.projects_updated
            + self.reports_created
            + self.reports_updated
        )


class WorkbookRejected(Exception):
    def __init__(self, result: ImportResult):
        super().__init__("\n".join(str(e) for e in result.errors))
        self.result = result


def import_workbook(
    *, data: bytes, user: User, dry_run: bool = False, check_permissions: bool = True
) -> ImportResult:
    """Import a workbook (all or nothing); raises WorkbookRejected with every bad row."""
    result = ImportResult(dry_run=dry_run)
    project_sheet, progress_sheet, result.errors = read_workbook(data)
    _refuse_if_bad(result)
    projects = project_rows(project_sheet, user if check_permissions else None, result.errors)
    progress = progress_rows(progress_sheet or [], {p.code for p in projects}, result.errors)
    if check_permissions:
        _refuse_approvals_by_units(projects, progress, user, result)
    _refuse_if_bad(result)
    with transaction.atomic():
        project_plans = plan_projects(rows=projects, user=user, result=result)
        report_plans = plan_reports(rows=progress, projects=project_plans, result=result)
        _refuse_if_bad(result)  # nothing is written yet; the exception ends the transaction
        try:
            owners = write_projects(plans=project_plans, user=user, result=result)
            write_reports(planned=report_plans, owners=owners, user=user, result=result)
        except Refusal as exc:  # planned against locked rows: only if the engine disagrees
            result.errors.extend(RowError("-", 0, "", message) for message in exc.messages)
            raise WorkbookRejected(result) from exc
        if dry_run:
            transaction.set_rollback(True)
    return result


APPROVED_BY_COORDINATORS = (
    "สถานะ approved นำเข้าได้เฉพาะเจ้าหน้าที่กลุ่ม ป.ย.ป. หรือผู้ดูแลระบบ"
    " รายการของหน่วยงานต้องส่งขออนุมัติตามสายการบังคับบัญชา (ใช้ submitted)"
)


def _refuse_approvals_by_units(projects, progress, user: User, result: ImportResult) -> None:
    """An `approved` cell stands in for the whole chain: only coordinators may write one."""
    if can(user, "workbook.import_approved"):
        return
    for sheet, rows in (("projects", projects), ("progress", progress)):
        result.errors += [
            RowError(sheet, row.number, "status", APPROVED_BY_COORDINATORS)
            for row in rows
            if row.status == "approved"
        ]


def _refuse_if_bad(result: ImportResult) -> None:
    if result.errors:
        raise WorkbookRejected(result)
