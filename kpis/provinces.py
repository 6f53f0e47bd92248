"""Reads: seed 003's ตารางที่ 3 (section 2.3), the work central units hand to the 76
provincial labour offices (สำนักงานแรงงานจังหวัด).

A provincial office holds its own copy of each KPI it is assigned (a `Kpi` of a unit of
kind `province`, under the project of the central unit that assigned it). The table
sums the copies of one KPI over the provinces: targets and results to date, the
12-month target; a KPI that is a level (ร้อยละ, ระดับ) is averaged instead. Per cents
and lights come from `kpis.lights` as for ตารางที่ 1: a project is the mean of its
quantitative KPIs, the overall row the mean of its projects. Each KPI also names the
provinces below plan on it (their own copy yellow or red).

One annotated query reads every copy (kpis.selectors.kpis_with_figures), whatever the
number of provinces.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet

from orgs.models import OrgUnit, UnitKind, User
from orgs.permissions import filter_by_units

from .lights import GroupScore, KpiScore, Light, count_lights, score_group, score_kpi
from .models import Kpi
from .periods import month_label
from .selectors import kpis_with_figures

BELOW_PLAN = (Light.YELLOW, Light.RED)


def province_kpis(*, user: User, fiscal_year: int, month: int) -> QuerySet[Kpi]:
    """The year's KPIs of the provincial offices the user covers, with figures to `month`."""
    kpis = Kpi.objects.filter(fiscal_year=fiscal_year, unit__kind=UnitKind.PROVINCE)
    kpis = filter_by_units(kpis, user, field="unit")
    return kpis_with_figures(kpis, month=month).select_related("unit", "project")


@dataclass
class ProvinceShortfall:
    """One province below plan on one KPI."""

    unit: OrgUnit
    target_to_date: Decimal | None
    result_to_date: Decimal | None
    score: KpiScore


@dataclass
class ActivityLine:
    """One KPI summed over the provinces that hold it."""

    name: str
    unit_of_measure: str
    is_quantitative: bool
    annual_target: Decimal
    target_to_date: Decimal | None
    result_to_date: Decimal | None
    score: KpiScore
    provinces: int
    first_due_month: int | None
    fiscal_year: int
    below_plan: list[ProvinceShortfall] = field(default_factory=list)
    position: tuple = ()  # the plan's order: the first copy's (position, id)

    @property
    def due_label(self) -> str:
        """ "รายงานผลเดือน ธ.ค. 67" for a KPI not yet due (as ตารางที่ 3 writes it)."""
        first = self.first_due_month
        return f"รายงานผลเดือน {month_label(self.fiscal_year, first)}" if first else ""


@dataclass
class ProvinceProject:
    project: object | None  # projects.Project; None: KPIs under no project
    lines: list[ActivityLine]
    score: GroupScore

    @property
    def below_plan(self) -> list[OrgUnit]:
        """The provinces below plan on any of the project's KPIs, in the tree's order."""
        units = {s.unit.pk: s.unit for line in self.lines for s in line.below_plan}
        return sorted(units.values(), key=lambda u: u.path)


@dataclass
class ProvinceReport:
    fiscal_year: int
    month: int
    projects: list[ProvinceProject]
    score: GroupScore
    project_counts: dict[Light, int]
    province_count: int  # provincial offices holding KPIs of the year

    @property
    def project_count(self) -> int:
        return sum(1 for p in self.projects if p.project is not None)

    @property
    def below_plan(self) -> list[tuple[OrgUnit, list[ActivityLine]]]:
        """Each province below plan with the KPIs it is below plan on."""
        found: dict[int, tuple[OrgUnit, list[ActivityLine]]] = {}
        for project in self.projects:
            for line in project.lines:
                for shortfall in line.below_plan:
                    entry = found.setdefault(shortfall.unit.pk, (shortfall.unit, []))
                    entry[1].append(line)
        return sorted(found.values(), key=lambda item: item[0].path)


def province_report(*, user: User, fiscal_year: int, month: int) -> ProvinceReport:
    """ตารางที่ 3 for the provincial offices the user covers."""
    kpis = list(province_kpis(user=user, fiscal_year=fiscal_year, month=month))
    grouped: dict[int | None, dict[tuple, list[Kpi]]] = {}
    for kpi in kpis:
        key = (kpi.name, kpi.unit_of_measure, kpi.is_quantitative)
        grouped.setdefault(kpi.project_id, {}).setdefault(key, []).append(kpi)
    projects = [_project(list(copies.values()), fiscal_year) for copies in grouped.values()]
    projects.sort(key=lambda p: (p.project is None, _position(p)))
    planned = [p for p in projects if p.project is not None]
    return ProvinceReport(
        fiscal_year=fiscal_year,
        month=month,
        projects=projects,
        score=score_group(p.score for p in planned),
        project_counts=count_lights(p.score for p in planned),
        province_count=len({kpi.unit_id for kpi in kpis}),
    )


def _position(project: ProvinceProject) -> tuple:
    return min(line.position for line in project.lines)


def _project(groups: list[list[Kpi]], fiscal_year: int) -> ProvinceProject:
    lines = [_line(copies, fiscal_year) for copies in groups]
    lines.sort(key=lambda line: line.position)
    return ProvinceProject(
        project=groups[0][0].project,
        lines=lines,
        score=score_group(line.score for line in lines if line.is_quantitative),
    )


def _line(copies: list[Kpi], fiscal_year: int) -> ActivityLine:
    first = copies[0]
    combine = _total if first.is_quantitative else _average
    target = combine(k.target_to_date for k in copies)
    result = combine(k.result_to_date for k in copies)
    annual = combine(k.annual_target for k in copies) or Decimal(0)
    due = [k.first_due_month for k in copies if k.first_due_month]
    return ActivityLine(
        name=first.name,
        unit_of_measure=first.unit_of_measure,
        is_quantitative=first.is_quantitative,
        annual_target=annual,
        target_to_date=target,
        result_to_date=result,
        score=score_kpi(target_to_date=target, result_to_date=result, annual_target=annual),
        provinces=len(copies),
        first_due_month=min(due) if due else None,
        fiscal_year=fiscal_year,
        below_plan=_shortfalls(copies),
        position=min((k.position, k.pk) for k in copies),
    )


def _shortfalls(copies: list[Kpi]) -> list[ProvinceShortfall]:
    shortfalls = []
    for kpi in copies:
        score = score_kpi(
            target_to_date=kpi.target_to_date,
            result_to_date=kpi.result_to_date,
            annual_target=kpi.annual_target,
        )
        if score.light in BELOW_PLAN:
            shortfalls.append(
                ProvinceShortfall(kpi.unit, kpi.target_to_date, kpi.result_to_date, score)
            )
    return sorted(shortfalls, key=lambda s: s.unit.path)


def _total(values: Iterable[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def _average(values: Iterable[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) / len(present) if present else None
