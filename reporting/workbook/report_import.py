"""The `progress` sheet imported: each row planned against the locked report of its
project and round, then all written in bulk, approved reports the file changes
through the edit guard. A report may be submitted or approved only for a project
that is approved, in the file or already in the product."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from approvals.models import ItemStatus
from approvals.revisions import approved_once
from approvals.services.editing import items_guard_edit
from approvals.services.records import items_record_imported
from orgs.models import OrgUnit, User
from projects.models import Project

from ..models import QuarterlyReport
from .project_import import BATCH, IMPORT_COMMENT, ProjectPlan
from .rows import ProgressRow
from .sheets import RowError
from .statuses import (
    backward_error,
    label,
    move_to_record,
    report_needs_approved_project,
    rows_update_changed,
    status_word,
)

if TYPE_CHECKING:
    from .importing import ImportResult

IN_CHAIN = "รายงานนี้อยู่ระหว่างการอนุมัติ แก้ไขจากไฟล์ไม่ได้"


@dataclass
class ReportPlan:
    """What the import does to one row's report."""

    row: ProgressRow
    report: QuarterlyReport | None  # locked; None: a new report
    fields: list[str] = field(default_factory=list)  # changed columns of an existing report
    record: ItemStatus | None = None  # the status move the approvals app records


@dataclass
class _Projects:
    """The projects the sheet's rows name: (id, owner unit) of those in the product,
    which are approved (in the file, or already in the product), the file's plans."""

    owners: dict[str, tuple[int, OrgUnit]]
    approved: set[str]
    plans: dict[str, ProjectPlan]


@dataclass
class ReportPlans:
    plans: list[ReportPlan]
    owners: dict[str, tuple[int, OrgUnit]]  # the named projects already in the product


def plan_reports(
    *, rows: list[ProgressRow], projects: dict[str, ProjectPlan], result: ImportResult
) -> ReportPlans:
    """Each row's plan (none for a refused or unchanged row); refusals go to result.errors."""
    named = _projects_named(rows, projects)
    existing = _locked_reports(rows, named.owners)
    plans = []
    for row in rows:
        project_id = named.owners.get(row.project_code, (None,))[0]
        report = existing.get((project_id, row.fiscal_year, row.quarter))
        refusal = _project_refusal(row, named)
        if refusal:
            result.errors.append(RowError("progress", row.number, "status", refusal))
            continue
        plan = _plan_new(row, result) if report is None else _plan_existing(row, report, result)
        if plan is not None:
            plans.append(plan)
    return ReportPlans(plans, named.owners)


def _projects_named(rows: list[ProgressRow], plans: dict[str, ProjectPlan]) -> _Projects:
    codes = {r.project_code for r in rows}
    if not codes:
        return _Projects({}, set(), plans)
    in_product = Project.objects.filter(code__in=codes)
    owners = {p.code: (p.pk, p.owner_unit) for p in in_product.select_related("owner_unit")}
    approved = set(in_product.filter(approved_once()).values_list("code", flat=True))
    approved |= {code for code, plan in plans.items() if plan.approved}
    return _Projects(owners, approved, plans)


def _project_refusal(row: ProgressRow, projects: _Projects) -> str | None:
    if row.project_code in projects.approved:
        return None
    plan = projects.plans.get(row.project_code)
    if plan is not None and plan.row.status:
        where = f"ในชีต projects มีสถานะ “{label(plan.row.status)}”"
    elif plan is not None and plan.new:
        where = "ในชีต projects ไม่มีคอลัมน์ status จึงนำเข้าเป็น “ร่าง”"
    else:
        where = "ในระบบยังไม่ได้รับอนุมัติ"
    return report_needs_approved_project(status=row.status, code=row.project_code, where=where)


def _plan_new(row: ProgressRow, result: ImportResult) -> ReportPlan:
    result.reports_created += 1
    return ReportPlan(
        row=row,
        report=None,
        record=move_to_record(current="draft", wanted=row.status, revised=False),
    )


def _plan_existing(
    row: ProgressRow, report: QuarterlyReport, result: ImportResult
) -> ReportPlan | None:
    fields = [k for k, v in _wanted_report(row).items() if getattr(report, k) != v]
    current = status_word(report)
    if not fields and current == row.status:
        result.reports_unchanged += 1
        return None
    refusal = backward_error(current=current, wanted=row.status)
    if refusal is None and fields and current == "submitted":
        refusal = IN_CHAIN
    if refusal:
        result.errors.append(RowError("progress", row.number, "status", refusal))
        return None
    revised = bool(fields) and current == "approved"
    record = move_to_record(current=current, wanted=row.status, revised=revised)
    result.reports_updated += 1
    return ReportPlan(row=row, report=report, fields=fields, record=record)


def _wanted_report(row: ProgressRow) -> dict:
    return {
        "progress_percent": row.progress_percent,
        "disbursed": row.disbursed,
        "result": row.result,
        "problems": row.problems,
        "suggestions": row.suggestions,
    }


def _locked_reports(rows: list[ProgressRow], owners: dict) -> dict[tuple, QuarterlyReport]:
    """The existing reports of the file's rounds, locked in one query (ordered by pk, so
    two imports cannot deadlock). It may lock a few more reports of the same projects."""
    project_ids = {owners[r.project_code][0] for r in rows if r.project_code in owners}
    if not project_ids:
        return {}
    reports = (
        QuarterlyReport.objects.select_for_update()
        .filter(
            project_id__in=project_ids,
            fiscal_year__in={r.fiscal_year for r in rows},
            quarter__in={r.quarter for r in rows},
        )
        .order_by("pk")
    )
    return {(r.project_id, r.fiscal_year, r.quarter): r for r in reports}


def write_reports(
    *,
    planned: ReportPlans,
    owners: dict[str, tuple[int, OrgUnit]],
    user: User,
    result: ImportResult,
) -> None:
    """Write the planned reports, then have the approvals app record their moves.
    `owners`: the projects sheet's projects as written (write_projects)."""
    plans, owners = planned.plans, {**planned.owners, **owners}
    changed = [p for p in plans if p.report is not None and p.fields]
    # Approved ones keep their approved content frozen and get revision n+1 (a draft).
    result.revisions_opened += len(items_guard_edit(items=[p.report for p in changed], actor=user))
    _create_reports([p for p in plans if p.report is None], owners, user)
    _update_reports(changed)
    items_record_imported(
        entries=[(p.report, owners[p.row.project_code][1], p.record) for p in plans if p.record],
        actor=user,
        comment=IMPORT_COMMENT,
    )


def _create_reports(plans: list[ReportPlan], owners: dict, user: User) -> None:
    for plan in plans:
        plan.report = QuarterlyReport(
            project_id=owners[plan.row.project_code][0],
            fiscal_year=plan.row.fiscal_year,
            quarter=plan.row.quarter,
            created_by=user,
            **_wanted_report(plan.row),
        )
    QuarterlyReport.objects.bulk_create([p.report for p in plans], batch_size=BATCH)


def _update_reports(plans: list[ReportPlan]) -> None:
    rows_update_changed(
        QuarterlyReport, [(p.report, _wanted_report(p.row), p.fields) for p in plans]
    )
