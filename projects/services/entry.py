"""Saving a project module by module (M1–M5), each as a draft of its own.

Every save checks the policy (`project.edit`), refuses an item that is in the
chain, opens a new revision when the item was approved, and refreshes the
project's completeness so lists and the submit button stay truthful.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from approvals.models import Approval, ItemRevision, ItemStatus, Transition
from approvals.services.editing import item_guard_edit
from core import fiscal
from core.clock import now
from core.validation import NUL_MESSAGE, has_nul, refuse_nul_characters
from orgs.models import OrgUnit, User
from orgs.permissions import can, require

from ..completeness import project_missing
from ..duplicates import LikelyDuplicatesFound, likely_duplicates, likely_duplicates_of_new
from ..models import (
    Activity,
    ActivityQuarter,
    BudgetSource,
    Level3Plan,
    OperatingArea,
    PlanNode,
    Project,
    ProjectTarget,
    SpendingPlan,
)
from ..selectors import with_modules
from .codes import project_code_issue

logger = logging.getLogger(__name__)

GENERAL_FIELDS = [
    "name",
    "kind",
    "cycle",
    "programme",
    "uses_budget",
    "in_house",
    "contracted",
    "gfmis_code",
    "director_title",
    "director_first_name",
    "director_last_name",
    "director_email",
    "director_email_alt",
    "director_phone",
    "director_fax",
    "start_date",
    "end_date",
]
DETAIL_FIELDS = ["rationale", "objectives", "expected_results", "target_groups"]


def project_create(
    *,
    user: User,
    unit: OrgUnit,
    fiscal_year: int,
    name: str,
    kind: str,
    gfmis_code: str = "",
    distinct_from: Iterable[str] | None = None,
) -> Project:
    """A new draft project with the next code of the unit and year.

    With `distinct_from` (the codes of likely duplicates the user has seen and called
    different projects), likely duplicates are looked for before a code is issued: any
    other one refuses with LikelyDuplicatesFound (nothing is created, no code is used),
    and the confirmed ones are recorded as reviewed. Without it (the API), the project
    is created and its likely duplicates are reported afterwards.
    """
    if not can(user, "project.create", unit):
        raise PermissionDenied("คุณไม่มีสิทธิ์นำเข้าโครงการของหน่วยงานนี้")
    name, gfmis_code = name.strip(), gfmis_code.strip()
    with transaction.atomic():
        reviewed = {}
        if distinct_from is not None:
            found = likely_duplicates_of_new(
                unit=unit, fiscal_year=fiscal_year, name=name, gfmis_code=gfmis_code
            )
            if any(d.project.code not in set(distinct_from) for d in found):
                raise LikelyDuplicatesFound(found)
            reviewed = _review_record(user, [d.project.code for d in found]) if found else {}
        project = Project(
            code=project_code_issue(unit=unit, fiscal_year=fiscal_year),
            name=name,
            owner_unit=unit,
            fiscal_year=fiscal_year,
            kind=kind,
            cycle=unit.cycle,
            gfmis_code=gfmis_code,
            duplicates_reviewed=reviewed,
            created_by=user,
        )
        project.full_clean()
        refuse_nul_characters(project)
        project.save()
        return project_refresh_completeness(project=project)


def _review_record(user: User, codes: list[str]) -> dict:
    """What `Project.duplicates_reviewed` keeps: the codes confirmed different, by whom, when."""
    return {"codes": sorted(codes), "by": str(user), "at": now().isoformat()}


def _editable(user: User, project: Project) -> Project:
    """Lock the project row and make sure this user may change it now."""
    require(user, "project.edit", project)
    locked = Project.objects.select_for_update().get(pk=project.pk)
    item_guard_edit(item=locked, actor=user)
    return locked


def project_save_general(*, user: User, project: Project, data: dict) -> Project:
    """M2. `data` holds GENERAL_FIELDS (a form's cleaned_data)."""
    with transaction.atomic():
        locked = _editable(user, project)
        for name in GENERAL_FIELDS:
            if name in data:
                setattr(locked, name, data[name])
        # created_by is not M2's to change, and is empty once its user is deleted.
        locked.full_clean(exclude=["code", "created_by"])
        refuse_nul_characters(locked)
        locked.save(update_fields=[f for f in GENERAL_FIELDS if f in data] + ["updated_at"])
        _check_period_fits_schedule(locked)
        return project_refresh_completeness(project=locked)


def _check_period_fits_schedule(project: Project) -> None:
    """A shorter period must not strand scheduled activities or spending outside it."""
    if not (project.start_date and project.end_date):
        return
    allowed = {
        (q.fiscal_year, q.quarter)
        for q in fiscal.quarters_between(project.start_date, project.end_date)
    }
    scheduled = set(
        ActivityQuarter.objects.filter(activity__project=project).values_list(
            "fiscal_year", "quarter"
        )
    ) | set(
        SpendingPlan.objects.filter(project=project, amount__gt=0).values_list(
            "fiscal_year", "quarter"
        )
    )
    outside = sorted(scheduled - allowed)
    if outside:
        labels = ", ".join(fiscal.Quarter(fy, q).short_label for fy, q in outside)
        raise ValidationError(
            {
                "end_date": f"มีกิจกรรมหรือแผนการใช้จ่ายในไตรมาส {labels} ซึ่งอยู่นอกระยะเวลาใหม่ กรุณาแก้ไข M4/M5 ก่อน"
            }
        )


def project_save_links(
    *, user: User, project: Project, nodes: list[PlanNode], level3_plans: list[Level3Plan]
) -> Project:
    """M1: the plan targets and level-3 plans the project serves."""
    with transaction.atomic():
        locked = _editable(user, project)
        locked.plan_nodes.set(nodes)
        locked.level3_plans.set(level3_plans)
        locked.save(update_fields=["updated_at"])
        return project_refresh_completeness(project=locked)


def project_save_detail(
    *, user: User, project: Project, data: dict, targets: list[dict], areas: list[dict]
) -> Project:
    """M3: texts, then the targets/KPIs and operating areas (replaced as given)."""
    with transaction.atomic():
        locked = _editable(user, project)
        for name in DETAIL_FIELDS:
            setattr(locked, name, data.get(name, ""))
        refuse_nul_characters(locked)
        locked.save(update_fields=DETAIL_FIELDS + ["updated_at"])
        _replace_rows(locked.targets, ProjectTarget, locked, targets)
        _replace_rows(locked.areas, OperatingArea, locked, areas)
        return project_refresh_completeness(project=locked)


def _replace_rows(manager, model, project: Project, rows: list[dict]) -> None:
    """Update rows that carry an `id`, create the new ones, delete the rest."""
    keep = []
    for position, values in enumerate(rows, start=1):
        pk = values.pop("id", None)
        obj = manager.filter(pk=pk).first() if pk else None
        obj = obj or model(project=project)
        for name, value in values.items():
            setattr(obj, name, value)
        obj.position = position
        obj.full_clean(exclude=["project"])
        refuse_nul_characters(obj)
        obj.save()
        keep.append(obj.pk)
    manager.exclude(pk__in=keep).delete()


@dataclass
class ActivityRow:
    """One row of the M4 tree as the editor sends it (depth 0 = top level)."""

    name: str
    depth: int = 0
    quarters: list[tuple[int, int]] = field(default_factory=list)
    id: int | None = None
    description: str = ""


def project_save_activities(*, user: User, project: Project, rows: list[ActivityRow]) -> Project:
    """M4: rebuild the tree from rows in display order; parents follow from depth."""
    with transaction.atomic():
        locked = _editable(user, project)
        allowed = _allowed_quarters(locked)
        errors = _activity_errors(rows, allowed)
        if errors:
            raise ValidationError(errors)
        existing = {a.pk: a for a in locked.activities.all()}
        parents: list[Activity] = []
        kept = []
        counters: dict[int | None, int] = {}
        for row in rows:
            parent = parents[row.depth - 1] if row.depth else None
            activity = existing.get(row.id) or Activity(project=locked)
            activity.parent = parent
            activity.name, activity.description = row.name.strip(), row.description
            key = parent.pk if parent else None
            counters[key] = activity.position = counters.get(key, 0) + 1
            activity.save()
            kept.append(activity.pk)
            parents[row.depth :] = [activity]
            _set_quarters(activity, row.quarters)
        _delete_activities(locked, kept)
        locked.save(update_fields=["updated_at"])
        return project_refresh_completeness(project=locked)


def _activity_errors(rows: list[ActivityRow], allowed: set | None) -> list[str]:
    errors, depth = [], -1
    for number, row in enumerate(rows, start=1):
        if not row.name.strip():
            errors.append(f"กิจกรรมแถวที่ {number}: กรุณากรอกชื่อกิจกรรม")
        if len(row.name.strip()) > 500:
            errors.append(f"กิจกรรมแถวที่ {number}: ชื่อกิจกรรมยาวได้ไม่เกิน ๕๐๐ ตัวอักษร")
        if has_nul(row.name) or has_nul(row.description):
            errors.append(f"กิจกรรมแถวที่ {number}: {NUL_MESSAGE}")
        if row.depth < 0 or row.depth > depth + 1:
            errors.append(f"กิจกรรมแถวที่ {number}: ย่อหน้าได้ครั้งละหนึ่งระดับใต้กิจกรรมก่อนหน้า")
        depth = row.depth
        if allowed is not None and set(row.quarters) - allowed:
            errors.append(f"กิจกรรมแถวที่ {number}: ไตรมาสที่เลือกอยู่นอกระยะเวลาโครงการ")
    return errors


def _set_quarters(activity: Activity, quarters: list[tuple[int, int]]) -> None:
    wanted = set(quarters)
    have = {(q.fiscal_year, q.quarter): q for q in activity.quarters.all()}
    activity.quarters.filter(pk__in=[q.pk for key, q in have.items() if key not in wanted]).delete()
    ActivityQuarter.objects.bulk_create(
        [
            ActivityQuarter(activity=activity, fiscal_year=fy, quarter=q)
            for fy, q in sorted(wanted - set(have))
        ]
    )


def _delete_activities(project: Project, kept: list[int]) -> None:
    # Children first: a removed parent's rows are removed with it.
    gone = project.activities.exclude(pk__in=kept)
    gone.filter(parent__isnull=False).delete()
    gone.delete()


def project_save_budget(
    *, user: User, project: Project, sources: list[dict], plan: dict[tuple[int, int], Decimal]
) -> Project:
    """M5: budget sources (replaced as given) and the spending plan by quarter."""
    with transaction.atomic():
        locked = _editable(user, project)
        errors = _budget_errors(locked, sources, plan)
        if errors:
            raise ValidationError(errors)
        _replace_rows(locked.budget_sources, BudgetSource, locked, [dict(s) for s in sources])
        locked.spending_plan.all().delete()
        SpendingPlan.objects.bulk_create(
            [
                SpendingPlan(project=locked, fiscal_year=fy, quarter=q, amount=amount)
                for (fy, q), amount in sorted(plan.items())
                if amount
            ]
        )
        locked.save(update_fields=["updated_at"])
        return project_refresh_completeness(project=locked)


def _budget_errors(project: Project, sources: list[dict], plan: dict) -> list[str]:
    errors = []
    if any(s["amount"] < 0 for s in sources) or any(a < 0 for a in plan.values()):
        errors.append("จำนวนเงินต้องไม่ติดลบ")
    if not project.uses_budget and (any(s["amount"] for s in sources) or any(plan.values())):
        errors.append("โครงการที่ไม่ใช้งบประมาณต้องไม่มีแหล่งเงินหรือแผนการใช้จ่าย (แก้ไขลักษณะโครงการใน M2)")
    allowed = _allowed_quarters(project)
    if allowed is not None and any(a and key not in allowed for key, a in plan.items()):
        errors.append("แผนการใช้จ่ายมีไตรมาสอยู่นอกระยะเวลาโครงการ")
    return errors


def _allowed_quarters(project: Project) -> set[tuple[int, int]] | None:
    if not (project.start_date and project.end_date):
        return None
    return {
        (q.fiscal_year, q.quarter)
        for q in fiscal.quarters_between(project.start_date, project.end_date)
    }


def project_refresh_completeness(*, project: Project) -> Project:
    """Recompute and store what is missing (one prefetch, one update)."""
    fresh = with_modules(Project.objects.filter(pk=project.pk)).get()
    missing = project_missing(fresh)
    fresh.missing = missing
    fresh.is_complete = not any(missing.values())
    fresh.save(update_fields=["missing", "is_complete"])
    return fresh


def projects_refresh_completeness(*, project_ids: list[int], batch_size: int = 500) -> None:
    """project_refresh_completeness for many projects (a workbook import): per batch
    one prefetch and one update, whatever the number of projects."""
    for start in range(0, len(project_ids), batch_size):
        fresh = list(
            with_modules(Project.objects.filter(pk__in=project_ids[start : start + batch_size]))
        )
        for project in fresh:
            project.missing = project_missing(project)
            project.is_complete = not any(project.missing.values())
        Project.objects.bulk_update(fresh, ["missing", "is_complete"])


def project_confirm_not_duplicate(*, user: User, project: Project) -> Project:
    """Record that the user checked today's likely duplicates: different projects."""
    require(user, "project.edit", project)
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=project.pk)
        locked.duplicates_reviewed = _review_record(
            user, [d.project.code for d in likely_duplicates(locked)]
        )
        locked.save(update_fields=["duplicates_reviewed"])
    return locked


# --- deleting a mistaken draft ----------------------------------------------------------


def draft_delete_problems(project: Project) -> list[str]:
    """Why the project may not be deleted ([] when it may): only a draft that never
    left its unit goes (revision 1, no step in the chain, no trail, nothing frozen, no
    report or monthly KPI that names it)."""
    if project.status != ItemStatus.DRAFT or project.revision != 1:
        return [
            f"ลบได้เฉพาะร่างโครงการที่ยังไม่เคยส่งขออนุมัติ โครงการนี้มีสถานะ “{project.get_status_display()}”"
            + (f" ฉบับแก้ไขที่ {project.revision}" if project.revision > 1 else "")
        ]
    approvals = _approvals_of(project)
    problems = []
    if (
        approvals.exclude(status=ItemStatus.DRAFT).exists()
        or Transition.objects.filter(approval__in=approvals).exists()
        or project.revisions.exists()
        or ItemRevision.objects.filter(
            content_type=ContentType.objects.get_for_model(Project), object_id=project.pk
        ).exists()
    ):
        problems.append("โครงการนี้มีประวัติการส่งขออนุมัติแล้ว จึงลบไม่ได้ (ประวัติต้องคงอยู่)")
    if project.reports.exists():
        problems.append("โครงการนี้มีรายงานผลรายไตรมาส (M6) แล้ว จึงลบไม่ได้")
    if project.monthly_kpis.exists():
        problems.append("มีตัวชี้วัดรายเดือนที่อยู่ภายใต้โครงการนี้ กรุณาย้ายหรือลบตัวชี้วัดนั้นก่อน")
    return problems


def _approvals_of(project: Project):
    return Approval.objects.filter(
        content_type=ContentType.objects.get_for_model(Project), object_id=project.pk
    )


def project_delete_draft(*, user: User, project: Project) -> str:
    """Delete the owning unit's mistaken draft (`draft_delete_problems` says which may go).

    Returns its code. The code is not issued again: the unit's sequence keeps counting.
    """
    require(user, "project.edit", project)
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=project.pk)
        problems = draft_delete_problems(locked)
        if problems:
            raise ValidationError(problems)
        code = locked.code
        # Only a draft Approval without a trail can be here (checked above): it goes too.
        _approvals_of(locked).delete()
        locked.delete()
    logger.info("draft project %s (id %s) deleted by user %s", code, project.pk, user.pk)
    return code
