"""Demo data of seed 003's section 2.3 (ตารางที่ 3): the 76 provincial labour offices and
the KPIs the central units hand them, for `make run` (`seed_province_kpis`, one call
from the demo loader).

The offices come from `orgs/data/provincial_labour_offices.csv`, imported through the
same importer as any unit file (`orgs.services.org_units_import`); the reference data
does not load them (an administrator imports them: /work/shared/reference leaves them
out). The KPIs are in `kpis/data/demo_provinces.csv`: per row the project, the KPI,
its unit of measure and, summed over the 76 provinces, the 12-month target, the first
month with a target and that month's cumulative target, and the results of November
(fiscal month 2). Names and figures are seed 003's ตารางที่ 3, where it gives them (the
12-month targets, the two-month targets and results; its 5 projects at 100 %, green);
the later months' targets are illustrative, rising evenly to the 12-month target.
Each total is split evenly over the provinces (the remainder one each to the first
ones, a province whose share is nothing gets no copy), so every province is on plan
as seed 003 reports. Seed 003 names project 2 "…อาชญากรรม…" in ตารางที่ 3 and
"…ยาเสพติด…" in ตารางที่ 1; the rows use the demo's project (ยาเสพติด) so both tables
count the same project. Running it again changes nothing.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from core.tables import read_rows
from orgs.models import OrgUnit, UnitKind
from orgs.services import org_units_import
from projects.models import Project
from projects.services.codes import project_code_issue

from .demo import DEMO_FISCAL_YEAR
from .models import Kpi, KpiResult, KpiTarget, kpi_code_of

ROOT = Path(__file__).resolve().parent.parent
PROVINCES = ROOT / "orgs" / "data" / "provincial_labour_offices.csv"
DEMO_KPIS = Path(__file__).resolve().parent / "data" / "demo_provinces.csv"
NOVEMBER = 2  # fiscal month of the demo's results (seed 003: "รอบ 2 เดือน")
POSITION_BASE = 1000  # after the central demo KPIs in plan order


@dataclass(frozen=True)
class DemoActivity:
    project_unit: str
    project: str
    name: str
    measure: str
    annual: int
    first_month: int
    first_target: int
    november_result: int | None

    @classmethod
    def from_row(cls, row: dict) -> DemoActivity:
        result = row["november_result"].strip()
        return cls(
            project_unit=row["project_unit"],
            project=row["project"],
            name=row["name"],
            measure=row["measure"],
            annual=int(row["annual"]),
            first_month=int(row["first_month"]),
            first_target=int(row["first_target"]),
            november_result=int(result) if result else None,
        )


def demo_activities(path: Path = DEMO_KPIS) -> list[DemoActivity]:
    with path.open(encoding="utf-8") as f:
        return [DemoActivity.from_row(row) for row in csv.DictReader(f)]


def share(total: int, index: int, count: int) -> int:
    """Province `index`'s part of `total` split over `count`: even, remainder first."""
    return total // count + (1 if index < total % count else 0)


@transaction.atomic
def seed_province_kpis(*, offices: Path = PROVINCES, kpis: Path = DEMO_KPIS) -> int:
    """Import the provincial offices and create their demo KPIs (once); returns how many
    provincial KPIs the year has."""
    org_units_import(rows=read_rows(offices.read_bytes(), filename=offices.name))
    fy = DEMO_FISCAL_YEAR  # seed 003's year, as the central units' demo KPIs
    existing = Kpi.objects.filter(fiscal_year=fy, unit__kind=UnitKind.PROVINCE)
    if existing.exists():
        return existing.count()
    provinces = list(OrgUnit.objects.filter(kind=UnitKind.PROVINCE).order_by("path"))
    activities = demo_activities(kpis)
    projects = {a.project: _project(a, fy) for a in activities}
    created, numbers = [], {}
    for position, activity in enumerate(activities, start=POSITION_BASE):
        for index, unit in enumerate(provinces):
            if share(activity.annual, index, len(provinces)):
                kpi = _kpi(activity, unit, projects[activity.project], fy, position)
                numbers[unit.pk] = numbers.get(unit.pk, 0) + 1  # bulk_create skips save()
                kpi.code = kpi_code_of(unit_code=unit.code, fiscal_year=fy, number=numbers[unit.pk])
                kpi.annual_target = Decimal(share(activity.annual, index, len(provinces)))
                created.append((activity, index, kpi))
    Kpi.objects.bulk_create([kpi for _, _, kpi in created], batch_size=500)
    _plan(created, len(provinces))
    return len(created)


def _kpi(activity: DemoActivity, unit: OrgUnit, project: Project, fy: int, position: int) -> Kpi:
    return Kpi(
        fiscal_year=fy,
        unit=unit,
        project=project,
        name=activity.name,
        unit_of_measure=activity.measure,
        annual_target=Decimal(0),
        position=position,
    )


def _plan(created: list[tuple[DemoActivity, int, Kpi]], count: int) -> None:
    """Each copy's share of the first month's target, the quarters' targets rising evenly
    to its annual target, and of November's result."""
    targets, results = [], []
    for activity, index, kpi in created:
        annual = int(kpi.annual_target)
        first = share(activity.first_target, index, count)
        for month in _planned_months(activity.first_month):
            done = (month - activity.first_month) / max(12 - activity.first_month, 1)
            value = round(first + (annual - first) * done)
            targets.append(KpiTarget(kpi=kpi, month=month, cumulative_value=Decimal(value)))
        if activity.november_result is not None:
            value = share(activity.november_result, index, count)
            results.append(KpiResult(kpi=kpi, month=NOVEMBER, value=Decimal(value)))
    KpiTarget.objects.bulk_create(targets, batch_size=1000)
    KpiResult.objects.bulk_create(results, batch_size=1000)


def _planned_months(first: int) -> list[int]:
    """The first planned month and each quarter's end after it (a cumulative target
    holds until the next one, so these are enough for any month's report)."""
    return sorted({first, *(m for m in (3, 6, 9, 12) if m > first)})


def _project(activity: DemoActivity, fy: int) -> Project:
    """The action plan's project: the demo project of that name, or a new draft."""
    found = Project.objects.filter(fiscal_year=fy, name=activity.project).first()
    if found:
        return found
    unit = OrgUnit.objects.get(code=activity.project_unit)
    code = project_code_issue(unit=unit, fiscal_year=fy)
    return Project.objects.create(
        code=code, name=activity.project, owner_unit=unit, fiscal_year=fy, cycle=unit.cycle
    )
