"""The KPI workbook import: all or nothing, idempotent, in a fixed number of queries.

One transaction. A `projects` sheet goes first, through the project
workbook's own importer (reporting.workbook.import_workbook). Then every KPI
and result row is planned against the KPIs and results already in the
product, locked and loaded in one query each: what changes, and every row
error (a result of no known KPI, a unit the importer may not write for).
Any error, in any sheet, rejects the whole file before a KPI is written, and
rolls back the projects too. Then the writes, in bulk. Rows match by KPI
code and fiscal year (and month for results), so a second import of the
same file changes nothing; KPIs and results the file does not name are left
as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Q

from core.clock import now
from orgs.models import OrgUnit, User
from orgs.permissions import can
from projects.models import Project
from reporting.workbook import ImportResult, WorkbookRejected, import_workbook
from reporting.workbook.sheets import RowError

from ..models import Kpi, KpiResult, KpiTarget, is_percent_unit
from ..services import month_not_begun
from .rows import KpiRow, ResultRow, kpi_rows, result_rows
from .sheets import KPIS, RESULTS, read_kpi_workbook

KPI_FIELDS = [
    "unit_id",
    "project_id",
    "name",
    "unit_of_measure",
    "is_quantitative",
    "annual_target",
]


@dataclass
class KpiImportResult:
    kpis_created: int = 0
    kpis_updated: int = 0
    kpis_unchanged: int = 0
    results_created: int = 0
    results_updated: int = 0
    results_unchanged: int = 0
    projects: ImportResult | None = None  # the file's `projects` sheet, when it has one
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def changed(self) -> int:
        projects = self.projects.changed if self.projects else 0
        return (
            self.kpis_created
            + self.kpis_updated
            + self.results_created
            + self.results_updated
            + projects
        )


class KpiWorkbookRejected(Exception):
    def __init__(self, result: KpiImportResult):
        super().__init__("\n".join(str(e) for e in result.errors))
        self.result = result


@dataclass
class _KpiPlan:
    kpi: Kpi  # locked, or new and unsaved
    targets: dict[int, Decimal]
    new: bool = False
    fields: list[str] = field(default_factory=list)
    targets_changed: bool = False

    @property
    def changed(self) -> bool:
        return self.new or bool(self.fields) or self.targets_changed


@dataclass
class _ResultPlan:
    kpi: Kpi
    row: ResultRow
    existing: KpiResult | None


class _Allowed:
    """The policy's answer for each unit of the file, asked once per unit."""

    def __init__(self, user: User | None):
        self.user, self.answers = user, {}

    def __call__(self, unit: OrgUnit) -> bool:
        if self.user is None:
            return True
        if unit.pk not in self.answers:
            self.answers[unit.pk] = can(self.user, "kpi.import", unit)
        return self.answers[unit.pk]


def import_kpi_workbook(
    *, data: bytes, user: User, dry_run: bool = False, check_permissions: bool = True
) -> KpiImportResult:
    """Import a KPI workbook (all or nothing); raises KpiWorkbookRejected with every bad row."""
    result = KpiImportResult(dry_run=dry_run)
    sheets = read_kpi_workbook(data)
    result.errors += sheets.errors
    _refuse_if_bad(result)
    kpis = kpi_rows(sheets.kpis, project_codes=sheets.project_codes, errors=result.errors)
    results = result_rows(sheets.results, remarks_given=sheets.remarks_given, errors=result.errors)
    allowed = _Allowed(user if check_permissions else None)
    result.errors += [
        RowError(KPIS, row.number, "unit", f"คุณไม่มีสิทธิ์นำเข้าตัวชี้วัดของหน่วยงาน {row.unit}")
        for row in kpis
        if not allowed(row.unit)
    ]
    with transaction.atomic():
        if sheets.has_projects:
            result.projects = _import_projects(data, user, check_permissions, result)
        kpi_plans = _plan_kpis(kpis, results, allowed, result)
        result_plans = _plan_results(results, kpi_plans, allowed, result)
        _refuse_if_bad(result)  # the exception ends the transaction: nothing is kept
        _write_kpis(list(kpi_plans.values()))
        _write_results(result_plans, user=user)
        if dry_run:
            transaction.set_rollback(True)
    return result


def _import_projects(
    data: bytes, user: User, check_permissions: bool, result: KpiImportResult
) -> ImportResult | None:
    """The `projects` sheet by the project workbook's importer, inside this transaction."""
    try:
        projects = import_workbook(data=data, user=user, check_permissions=check_permissions)
    except WorkbookRejected as exc:
        result.errors[:0] = exc.result.errors  # imported first, so reported first
        return None
    projects.dry_run = result.dry_run
    return projects


def _refuse_if_bad(result: KpiImportResult) -> None:
    if result.errors:
        raise KpiWorkbookRejected(result)


def _locked_kpis(keys: set[tuple[int, str]]) -> dict[tuple[int, str], Kpi]:
    """The product's KPIs of these (fiscal year, code) pairs, locked, with their targets."""
    by_year: dict[int, set[str]] = {}
    for year, code in keys:
        by_year.setdefault(year, set()).add(code)
    if not by_year:
        return {}
    query = Q()
    for year, codes in by_year.items():
        query |= Q(fiscal_year=year, code__in=codes)
    kpis = (
        Kpi.objects.select_for_update(of=("self",))
        .filter(query)
        .select_related("unit")
        .prefetch_related("targets")
        .order_by("pk")
    )
    return {(kpi.fiscal_year, kpi.code): kpi for kpi in kpis}


def _plan_kpis(
    rows: list[KpiRow], results: list[ResultRow], allowed: _Allowed, result: KpiImportResult
) -> dict[tuple[int, str], _KpiPlan]:
    """Each KPI the file names, with what changes (the file's rows, then the product's
    KPIs that only results name, unchanged)."""
    existing = _locked_kpis({r.key for r in rows} | {r.key for r in results})
    projects = dict(
        Project.objects.filter(code__in={r.project_code for r in rows} - {""}).values_list(
            "code", "pk"
        )
    )
    positions = _next_positions({r.fiscal_year for r in rows})
    plans = {}
    for row in rows:
        kpi = existing.get(row.key)
        if kpi is not None and kpi.unit_id != row.unit.pk and not allowed(kpi.unit):
            message = f"ตัวชี้วัดรหัส {row.code} เป็นของหน่วยงาน {kpi.unit} ซึ่งคุณไม่มีสิทธิ์นำเข้า"
            result.errors.append(RowError(KPIS, row.number, "unit", message))
            continue
        wanted = _wanted(row, projects.get(row.project_code))
        if kpi is None:
            positions[row.fiscal_year] += 1
            kpi = Kpi(
                code=row.code, fiscal_year=row.fiscal_year, position=positions[row.fiscal_year]
            )
            plan = _KpiPlan(kpi, row.targets, new=True, fields=list(wanted))
        else:
            have = {t.month: t.cumulative_value for t in kpi.targets.all()}
            fields = [k for k, v in wanted.items() if getattr(kpi, k) != v]
            plan = _KpiPlan(kpi, row.targets, fields=fields, targets_changed=have != row.targets)
        for name, value in wanted.items():
            setattr(kpi, name, value)
        plans[row.key] = plan
        _count_kpi(plan, result)
    for key, kpi in existing.items():
        plans.setdefault(key, _KpiPlan(kpi, {}))  # named by results only: left as it is
    return plans


def _wanted(row: KpiRow, project_id: int | None) -> dict:
    return {
        "unit_id": row.unit.pk,
        "project_id": project_id,
        "name": row.name,
        "unit_of_measure": row.unit_of_measure,
        "is_quantitative": row.quantitative,
        "annual_target": row.annual_target,
    }


def _next_positions(years: set[int]) -> dict[int, int]:
    """The last position of each year's plan: new KPIs come after it, in the file's order."""
    last = dict(
        Kpi.objects.filter(fiscal_year__in=years)
        .values("fiscal_year")
        .annotate(last=Max("position"))
        .values_list("fiscal_year", "last")
    )
    return {year: last.get(year) or 0 for year in years}


def _count_kpi(plan: _KpiPlan, result: KpiImportResult) -> None:
    if plan.new:
        result.kpis_created += 1
    elif plan.changed:
        result.kpis_updated += 1
    else:
        result.kpis_unchanged += 1


def _plan_results(
    rows: list[ResultRow],
    kpis: dict[tuple[int, str], _KpiPlan],
    allowed: _Allowed,
    result: KpiImportResult,
) -> list[_ResultPlan]:
    saved = [plan.kpi.pk for plan in kpis.values() if not plan.new]
    existing = {
        (r.kpi_id, r.month): r
        for r in KpiResult.objects.select_for_update().filter(kpi_id__in=saved).order_by("pk")
    }
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in={p.kpi.unit_id for p in kpis.values()})}
    plans = []
    for row in rows:
        plan = kpis.get(row.key)
        refusal = _result_refusal(row, plan, units, allowed)
        if refusal:
            result.errors.append(RowError(RESULTS, row.number, *refusal))
            continue
        found = existing.get((plan.kpi.pk, row.month)) if not plan.new else None
        plans.append(_ResultPlan(plan.kpi, row, found))
        _count_result(plans[-1], result)
    return plans


def _result_refusal(
    row: ResultRow, plan: _KpiPlan | None, units: dict[int, OrgUnit], allowed: _Allowed
) -> tuple[str, str] | None:
    """(column, Thai reason) when the row cannot be imported, else None."""
    if plan is None:
        return "kpi_code", f"ไม่พบตัวชี้วัดรหัส “{row.kpi_code}” ปี {row.fiscal_year} ในชีต kpis หรือในระบบ"
    unit = units.get(plan.kpi.unit_id)
    if unit is not None and not allowed(unit):
        return "kpi_code", f"คุณไม่มีสิทธิ์นำเข้าผลของหน่วยงาน {unit}"
    if is_percent_unit(plan.kpi.unit_of_measure) and row.value > 100:
        return "value", "ตัวชี้วัดที่เป็นร้อยละมีผลได้ไม่เกิน 100"
    refusal = month_not_begun(row.fiscal_year, row.month)
    return ("month", refusal) if refusal else None


def _result_changes(plan: _ResultPlan) -> bool:
    found, row = plan.existing, plan.row
    if found is None:
        return True
    remark = found.remark if row.remark is None else row.remark
    return (found.value, found.remark) != (row.value, remark)


def _count_result(plan: _ResultPlan, result: KpiImportResult) -> None:
    if plan.existing is None:
        result.results_created += 1
    elif _result_changes(plan):
        result.results_updated += 1
    else:
        result.results_unchanged += 1


def _write_kpis(plans: list[_KpiPlan]) -> None:
    new = [p.kpi for p in plans if p.new]
    Kpi.objects.bulk_create(new, batch_size=1000)
    changed = [p.kpi for p in plans if not p.new and p.fields]
    fields = sorted({f for p in plans if not p.new for f in p.fields})
    stamp = now()
    for kpi in changed:
        kpi.updated_at = stamp
    if changed:
        Kpi.objects.bulk_update(changed, [*fields, "updated_at"], batch_size=1000)
    _write_targets([p for p in plans if p.new or p.targets_changed])


def _write_targets(plans: list[_KpiPlan]) -> None:
    """Each KPI's cumulative targets become the file's: months the file leaves empty go."""
    stale, updated, created = [], [], []
    for plan in plans:
        have = {} if plan.new else {t.month: t for t in plan.kpi.targets.all()}
        for month, target in have.items():
            if month not in plan.targets:
                stale.append(target.pk)
            elif target.cumulative_value != plan.targets[month]:
                target.cumulative_value = plan.targets[month]
                updated.append(target)
        created += [
            KpiTarget(kpi=plan.kpi, month=month, cumulative_value=value)
            for month, value in plan.targets.items()
            if month not in have
        ]
    KpiTarget.objects.filter(pk__in=stale).delete()
    KpiTarget.objects.bulk_update(updated, ["cumulative_value"], batch_size=1000)
    KpiTarget.objects.bulk_create(created, batch_size=1000)


def _write_results(plans: list[_ResultPlan], *, user: User) -> None:
    created, changed, stamp = [], [], now()
    for plan in plans:
        row, found = plan.row, plan.existing
        if found is None:
            created.append(
                KpiResult(
                    kpi=plan.kpi,
                    month=row.month,
                    value=row.value,
                    remark=row.remark or "",
                    entered_by=user,
                )
            )
        elif _result_changes(plan):
            found.value = row.value
            found.remark = found.remark if row.remark is None else row.remark
            found.entered_by, found.updated_at = user, stamp
            changed.append(found)
    KpiResult.objects.bulk_create(created, batch_size=1000)
    fields = ["value", "remark", "entered_by", "updated_at"]
    KpiResult.objects.bulk_update(changed, fields, batch_size=1000)
