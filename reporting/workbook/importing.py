"""The workbook import: all or nothing, idempotent, in a fixed number of queries.

The existing projects and reports it touches are locked and loaded in one
query each, new rows are inserted with bulk_create, changed ones written with
bulk_update, and the approval trail goes through
approvals.services.records.items_record_imported. So the number of queries
does not grow with the rows (only with the distinct units, for their chains).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from approvals.models import ItemStatus
from approvals.services.records import items_record_imported
from orgs.models import OrgUnit, User
from projects.models import BudgetSource, Project, SourceKind
from projects.services.entry import projects_refresh_completeness

from ..models import QuarterlyReport
from .rows import ProgressRow, ProjectRow, progress_rows, project_rows
from .sheets import STATUS_ORDER, TARGET_LEVELS, RowError, read_workbook, status_word


@dataclass
class ImportResult:
    projects_created: int = 0
    projects_updated: int = 0
    projects_unchanged: int = 0
    reports_created: int = 0
    reports_updated: int = 0
    reports_unchanged: int = 0
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


BATCH = 2000
IMPORT_COMMENT = "นำเข้าจากไฟล์สมุดงานโครงการ"


def import_workbook(
    *, data: bytes, user: User, dry_run: bool = False, check_permissions: bool = True
) -> ImportResult:
    """Import a workbook (all or nothing); raises WorkbookRejected with every bad row."""
    result = ImportResult(dry_run=dry_run)
    project_sheet, progress_sheet, result.errors = read_workbook(data)
    if result.errors:
        raise WorkbookRejected(result)
    projects = project_rows(project_sheet, user if check_permissions else None, result.errors)
    progress = progress_rows(progress_sheet or [], {p.code for p in projects}, result.errors)
    if result.errors:
        raise WorkbookRejected(result)
    with transaction.atomic():
        owners = _apply_projects(projects, user, result)
        _apply_progress(progress, owners, user, result)
        if result.errors:
            transaction.set_rollback(True)
            raise WorkbookRejected(result)
        if dry_run:
            transaction.set_rollback(True)
    return result


def _wanted_project(row: ProjectRow) -> dict:
    return {
        "name": row.name,
        "owner_unit_id": row.unit.pk,
        "fiscal_year": row.fiscal_year,
        "cycle": row.cycle,
        "kind": row.kind,
        "uses_budget": row.uses_budget,
        "start_date": row.start_date,
        "end_date": row.end_date,
    }


@dataclass
class _ProjectWrites:
    new: list = field(default_factory=list)  # (Project, ProjectRow)
    updated: list = field(default_factory=list)  # (Project, ProjectRow)
    fields: set = field(default_factory=set)
    budgets: list = field(default_factory=list)  # (Project, ProjectRow): sources replaced
    targets: list = field(default_factory=list)  # (Project, ProjectRow): Y1/Y2 links set


def _apply_projects(
    rows: list[ProjectRow], user: User, result: ImportResult
) -> dict[str, tuple[int, OrgUnit]]:
    """Create or update the sheet's projects; returns code -> (project id, owner unit)."""
    existing = {
        p.code: p
        for p in Project.objects.select_for_update()
        .filter(code__in=[r.code for r in rows])
        .order_by("pk")
        .prefetch_related("budget_sources", "plan_nodes")
    }
    writes = _ProjectWrites()
    for row in rows:
        _plan_project(row, existing.get(row.code), user, result, writes)
    _write_projects(writes, loaded={p.pk for p in existing.values()})
    ids = {p.code: p.pk for p in existing.values()} | {p.code: p.pk for p, _ in writes.new}
    return {row.code: (ids[row.code], row.unit) for row in rows}


def _plan_project(
    row: ProjectRow, project: Project | None, user: User, result: ImportResult, writes
) -> None:
    wanted = _wanted_project(row)
    if project is None:
        writes.new.append((Project(code=row.code, created_by=user, **wanted), row))
        result.projects_created += 1
        if row.budget:
            writes.budgets.append(writes.new[-1])
        if row.targets:
            writes.targets.append(writes.new[-1])
        return
    changed_fields = [k for k, v in wanted.items() if getattr(project, k) != v]
    budget_differs, targets_differ = _budget_differs(project, row), _targets_differ(project, row)
    if not (changed_fields or budget_differs or targets_differ):
        result.projects_unchanged += 1
        return
    if project.status == ItemStatus.SUBMITTED:
        result.errors.append(
            RowError("projects", row.number, "code", "โครงการนี้อยู่ระหว่างการอนุมัติ แก้ไขจากไฟล์ไม่ได้")
        )
        return
    for name in changed_fields:
        setattr(project, name, wanted[name])
    writes.updated.append((project, row))
    writes.fields.update(changed_fields)
    result.projects_updated += 1
    if budget_differs:
        writes.budgets.append((project, row))
    if targets_differ:
        writes.targets.append((project, row))


def _write_projects(writes: _ProjectWrites, *, loaded: set[int]) -> None:
    """`loaded`: the pks of the projects that existed before the import."""
    Project.objects.bulk_create([p for p, _ in writes.new], batch_size=1000)
    updated = [p for p, _ in writes.updated]
    stamp = timezone.now()
    for project in updated:
        project.updated_at = stamp  # what save() does through auto_now
    Project.objects.bulk_update(updated, [*sorted(writes.fields), "updated_at"], batch_size=500)
    _write_budgets(writes.budgets, loaded=loaded)
    _write_targets(writes.targets, loaded=loaded)
    projects_refresh_completeness(project_ids=[p.pk for p, _ in writes.new + writes.updated])


def _write_budgets(pairs: list, *, loaded: set[int]) -> None:
    """The file's budget replaces the project's sources: one source, or none for 0."""
    stale = [p.pk for p, _ in pairs if p.pk in loaded]
    for start in range(0, len(stale), BATCH):
        BudgetSource.objects.filter(project_id__in=stale[start : start + BATCH]).delete()
    sources = [
        BudgetSource(
            project=project,
            kind=SourceKind.STATE_DIRECT,
            amount=row.budget,
            source_name="นำเข้าจากไฟล์",
        )
        for project, row in pairs
        if row.budget
    ]
    BudgetSource.objects.bulk_create(sources, batch_size=BATCH)


def _write_targets(pairs: list, *, loaded: set[int]) -> None:
    """Set each project's Y1/Y2 links to the file's and keep its other plan links
    (what plan_nodes.set(others + targets) did project by project)."""
    through = Project.plan_nodes.through
    stale, fresh = set(), []
    for project, row in pairs:
        have = set()
        if project.pk in loaded:  # plan_nodes prefetched under the lock
            have = {n.pk for n in project.plan_nodes.all() if n.level in TARGET_LEVELS}
        wanted = {n.pk for n in row.targets}
        stale.update((project.pk, pk) for pk in have - wanted)
        fresh.extend(through(project_id=project.pk, plannode_id=pk) for pk in sorted(wanted - have))
    if stale:
        links = through.objects.filter(project_id__in={p for p, _ in stale}).values_list(
            "pk", "project_id", "plannode_id"
        )
        through.objects.filter(pk__in=[pk for pk, p, n in links if (p, n) in stale]).delete()
    through.objects.bulk_create(fresh, batch_size=BATCH)


def _budget_differs(project: Project, row: ProjectRow) -> bool:
    total = sum((s.amount for s in project.budget_sources.all()), Decimal(0))
    return total != row.budget


def _targets_differ(project: Project, row: ProjectRow) -> bool:
    have = {n.pk for n in project.plan_nodes.all() if n.level in TARGET_LEVELS}
    return have != {n.pk for n in row.targets}


def _apply_progress(
    rows: list[ProgressRow],
    owners: dict[str, tuple[int, OrgUnit]],
    user: User,
    result: ImportResult,
) -> None:
    """Create or update the reports, then record their statuses through the engine."""
    others = {r.project_code for r in rows} - owners.keys()
    for project in Project.objects.select_related("owner_unit").filter(code__in=others):
        owners[project.code] = (project.pk, project.owner_unit)
    existing = _locked_reports(rows, owners)
    new, updated, fields, moves = [], [], set(), []
    for row in rows:
        project_id, unit = owners[row.project_code]
        report = existing.get((project_id, row.fiscal_year, row.quarter))
        wanted = {
            "progress_percent": row.progress_percent,
            "disbursed": row.disbursed,
            "result": row.result,
            "problems": row.problems,
            "suggestions": row.suggestions,
        }
        if report is None:
            report = QuarterlyReport(
                project_id=project_id,
                fiscal_year=row.fiscal_year,
                quarter=row.quarter,
                created_by=user,
                **wanted,
            )
            new.append(report)
            result.reports_created += 1
        else:
            changed_fields = [k for k, v in wanted.items() if getattr(report, k) != v]
            if not _report_change_allowed(row, report, changed_fields, result):
                continue
            for name in changed_fields:
                setattr(report, name, wanted[name])
            updated.append(report)
            fields.update(changed_fields)
            result.reports_updated += 1
        if row.status != "draft":
            moves.append((report, unit, ItemStatus(row.status)))
    _write_reports(new, updated, fields)
    items_record_imported(entries=moves, actor=user, comment=IMPORT_COMMENT)


def _locked_reports(rows: list[ProgressRow], owners: dict) -> dict[tuple, QuarterlyReport]:
    """The existing reports of the file's rounds, locked in one query (ordered by pk, so
    two imports cannot deadlock). It may lock a few more reports of the same projects."""
    if not rows:
        return {}
    reports = (
        QuarterlyReport.objects.select_for_update()
        .filter(
            project_id__in={owners[r.project_code][0] for r in rows},
            fiscal_year__in={r.fiscal_year for r in rows},
            quarter__in={r.quarter for r in rows},
        )
        .order_by("pk")
    )
    return {(r.project_id, r.fiscal_year, r.quarter): r for r in reports}


def _report_change_allowed(
    row: ProgressRow, report: QuarterlyReport, changed_fields: list[str], result: ImportResult
) -> bool:
    """False when the report is unchanged (counted) or may not change (an error)."""
    current = status_word(report)
    if not changed_fields and current == row.status:
        result.reports_unchanged += 1
        return False
    if STATUS_ORDER[row.status] < STATUS_ORDER[current] or (changed_fields and current != "draft"):
        result.errors.append(
            RowError(
                "progress",
                row.number,
                "status",
                f"รายงานนี้มีสถานะ {current} ในระบบแล้ว จึงแก้ไขหรือย้อนสถานะจากไฟล์ไม่ได้",
            )
        )
        return False
    return True


def _write_reports(new: list, updated: list, fields: set) -> None:
    QuarterlyReport.objects.bulk_create(new, batch_size=BATCH)
    stamp = timezone.now()
    for report in updated:
        report.updated_at = stamp  # what save() does through auto_now
    QuarterlyReport.objects.bulk_update(updated, [*sorted(fields), "updated_at"], batch_size=500)
