"""The `projects` sheet imported: each row planned against the locked project, then
all written in bulk, approved projects the file changes through the edit guard."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from approvals.models import ItemStatus
from approvals.services.editing import items_guard_edit
from approvals.services.records import items_record_imported
from orgs.models import OrgUnit, User
from projects.models import BudgetSource, Project, SourceKind
from projects.services.codes import project_codes_advance
from projects.services.entry import projects_refresh_completeness

from .rows import ProjectRow
from .sheets import TARGET_LEVELS, RowError
from .statuses import backward_error, move_to_record, rows_update_changed, status_word

if TYPE_CHECKING:
    from .importing import ImportResult

BATCH = 2000
IMPORT_COMMENT = "นำเข้าจากไฟล์สมุดงานโครงการ"
IN_CHAIN = "โครงการนี้อยู่ระหว่างการอนุมัติ แก้ไขจากไฟล์ไม่ได้"


@dataclass
class ProjectPlan:
    """What the import does to one row's project."""

    row: ProjectRow
    project: Project  # locked, or new and unsaved
    new: bool = False
    fields: list[str] = field(default_factory=list)  # changed columns of the project row
    budget: bool = False  # its sources are replaced by the file's budget
    targets: bool = False  # its Y1/Y2 links are set to the file's
    record: ItemStatus | None = None  # the status move the approvals app records
    approved: bool = False  # approved once imported (the file's status, or the product's)

    @property
    def changed(self) -> bool:
        return self.new or bool(self.fields or self.budget or self.targets)


def plan_projects(
    *, rows: list[ProjectRow], user: User, result: ImportResult
) -> dict[str, ProjectPlan]:
    """Each row's plan by code (none for a refused row); refusals go to result.errors."""
    existing = {
        p.code: p
        for p in Project.objects.select_for_update()
        .filter(code__in=[r.code for r in rows])
        .order_by("pk")
        .prefetch_related("budget_sources", "plan_nodes")
    }
    plans = {}
    for row in rows:
        project = existing.get(row.code)
        plan = _plan_new(row, user) if project is None else _plan_existing(row, project, result)
        if plan is not None:
            plans[row.code] = plan
            _count(plan, result)
    return plans


def _plan_new(row: ProjectRow, user: User) -> ProjectPlan:
    status = row.status or "draft"
    return ProjectPlan(
        row=row,
        project=Project(code=row.code, created_by=user, **_wanted_project(row)),
        new=True,
        budget=bool(row.budget),
        targets=bool(row.targets),
        record=move_to_record(current="draft", wanted=status, revised=False),
        approved=status == "approved",
    )


def _plan_existing(row: ProjectRow, project: Project, result: ImportResult) -> ProjectPlan | None:
    wanted = _wanted_project(row)
    plan = ProjectPlan(
        row=row,
        project=project,
        fields=[k for k, v in wanted.items() if getattr(project, k) != v],
        budget=_budget_differs(project, row),
        targets=_targets_differ(project, row),
    )
    current = status_word(project)
    # No status column: the project keeps its status, and a change of an approved one
    # waits as a draft revision for the chain (only a file's `approved` approves it).
    status = row.status or current
    refusals = [("status", backward_error(current=current, wanted=status))]
    if plan.changed and current == "submitted":
        refusals.append(("code", IN_CHAIN))
    refusals = [(column, message) for column, message in refusals if message]
    for column, message in refusals:
        result.errors.append(RowError("projects", row.number, column, message))
    if refusals:
        return None
    if row.status:
        revised = plan.changed and current == "approved"
        plan.record = move_to_record(current=current, wanted=row.status, revised=revised)
    plan.approved = status == "approved"
    return plan


def _count(plan: ProjectPlan, result: ImportResult) -> None:
    if plan.new:
        result.projects_created += 1
    elif plan.changed or plan.record:
        result.projects_updated += 1
    else:
        result.projects_unchanged += 1


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


def _budget_differs(project: Project, row: ProjectRow) -> bool:
    total = sum((s.amount for s in project.budget_sources.all()), Decimal(0))
    return total != row.budget


def _targets_differ(project: Project, row: ProjectRow) -> bool:
    have = {n.pk for n in project.plan_nodes.all() if n.level in TARGET_LEVELS}
    return have != {n.pk for n in row.targets}


def write_projects(
    *, plans: dict[str, ProjectPlan], user: User, result: ImportResult
) -> dict[str, tuple[int, OrgUnit]]:
    """Write the planned projects; returns code -> (project id, owner unit)."""
    plans = list(plans.values())
    new = [p for p in plans if p.new]
    changed = [p for p in plans if p.changed and not p.new]
    # Approved ones keep their approved content frozen and get revision n+1 (a draft).
    result.revisions_opened += len(items_guard_edit(items=[p.project for p in changed], actor=user))
    Project.objects.bulk_create([p.project for p in new], batch_size=1000)
    project_codes_advance(codes=[(p.project.code, p.project.fiscal_year) for p in new])
    _update_projects(changed)
    loaded = {p.project.pk for p in changed}
    _write_budgets([p for p in plans if p.budget], loaded=loaded)
    _write_targets([p for p in plans if p.targets], loaded=loaded)
    projects_refresh_completeness(project_ids=[p.project.pk for p in new + changed])
    items_record_imported(
        entries=[(p.project, p.row.unit, p.record) for p in plans if p.record],
        actor=user,
        comment=IMPORT_COMMENT,
    )
    return {p.row.code: (p.project.pk, p.row.unit) for p in plans}


def _update_projects(plans: list[ProjectPlan]) -> None:
    rows_update_changed(Project, [(p.project, _wanted_project(p.row), p.fields) for p in plans])


def _write_budgets(plans: list[ProjectPlan], *, loaded: set[int]) -> None:
    """The file's budget replaces the project's sources: one source, or none for 0."""
    stale = [p.project.pk for p in plans if p.project.pk in loaded]
    for start in range(0, len(stale), BATCH):
        BudgetSource.objects.filter(project_id__in=stale[start : start + BATCH]).delete()
    sources = [
        BudgetSource(
            project=p.project,
            kind=SourceKind.STATE_DIRECT,
            amount=p.row.budget,
            source_name="นำเข้าจากไฟล์",
        )
        for p in plans
        if p.row.budget
    ]
    BudgetSource.objects.bulk_create(sources, batch_size=BATCH)


def _write_targets(plans: list[ProjectPlan], *, loaded: set[int]) -> None:
    """Set each project's Y1/Y2 links to the file's and keep its other plan links
    (what plan_nodes.set(others + targets) did project by project)."""
    through = Project.plan_nodes.through
    stale, fresh = set(), []
    for plan in plans:
        project, have = plan.project, set()
        if project.pk in loaded:  # plan_nodes prefetched under the lock
            have = {n.pk for n in project.plan_nodes.all() if n.level in TARGET_LEVELS}
        wanted = {n.pk for n in plan.row.targets}
        stale.update((project.pk, pk) for pk in have - wanted)
        fresh.extend(through(project_id=project.pk, plannode_id=pk) for pk in sorted(wanted - have))
    if stale:
        links = through.objects.filter(project_id__in={p for p, _ in stale}).values_list(
            "pk", "project_id", "plannode_id"
        )
        through.objects.filter(pk__in=[pk for pk, p, n in links if (p, n) in stale]).delete()
    through.objects.bulk_create(fresh, batch_size=BATCH)
