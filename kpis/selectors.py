"""Reads: the monthly KPI report of a fiscal year, by project and by unit.

Every figure comes from one annotated query of the KPIs (targets and results
to date as subqueries) and one query of the units above them, whatever the
number of KPIs and units; per cents and lights are then computed by
`kpis.lights`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case, DecimalField, OuterRef, QuerySet, Subquery, Sum, When

from orgs.models import ENTRY_ROLES, OrgUnit, UnitKind, User, path_ids
from orgs.permissions import filter_by_units, unit_scope_q

from .lights import GroupScore, KpiScore, Light, count_lights, score_group, score_kpi
from .models import VALUE, Kpi, KpiResult, KpiTarget
from .periods import month_label


def kpis_with_figures(queryset: QuerySet[Kpi], *, month: int) -> QuerySet[Kpi]:
    """Annotate target and result to `month`, this month's result and the first due month."""
    targets = KpiTarget.objects.filter(kpi=OuterRef("pk"))
    results = KpiResult.objects.filter(kpi=OuterRef("pk"), month__lte=month)
    total = results.order_by().values("kpi").annotate(total=Sum("value")).values("total")
    latest = results.order_by("-month").values("value")[:1]
    value = DecimalField(**VALUE)
    return queryset.annotate(
        target_to_date=Subquery(
            targets.filter(month__lte=month).order_by("-month").values("cumulative_value")[:1],
            output_field=value,
        ),
        result_to_date=Case(
            When(is_quantitative=True, then=Subquery(total, output_field=value)),
            default=Subquery(latest, output_field=value),
            output_field=value,
        ),
        result_this_month=Subquery(
            results.filter(month=month).values("value")[:1], output_field=value
        ),
        first_due_month=Subquery(
            targets.filter(cumulative_value__gt=0).order_by("month").values("month")[:1]
        ),
    )


def kpis_for(*, user: User, fiscal_year: int, month: int) -> QuerySet[Kpi]:
    """The year's KPIs of the central units the user covers, with their figures to `month`
    (provincial offices' KPIs are seed 003's ตารางที่ 3: kpis.provinces)."""
    year = Kpi.objects.filter(fiscal_year=fiscal_year).exclude(unit__kind=UnitKind.PROVINCE)
    kpis = filter_by_units(year, user, field="unit")
    return kpis_with_figures(kpis, month=month).select_related("unit", "project")


@dataclass
class KpiLine:
    kpi: Kpi
    score: KpiScore
    fiscal_year: int

    @property
    def due_label(self) -> str:
        """ "รายงานผลเดือน ธ.ค. 67" for a KPI not yet due."""
        first = self.kpi.first_due_month
        return f"รายงานผลเดือน {month_label(self.fiscal_year, first)}" if first else ""


@dataclass
class ProjectBlock:
    project: object | None  # projects.Project; None: KPIs under no project
    lines: list[KpiLine]
    score: GroupScore


@dataclass
class UnitRow:
    unit: OrgUnit
    score: GroupScore
    counts: dict[Light, int]
    first_due_label: str = ""  # "ธ.ค. 67": when a unit not yet due starts
    members: list[UnitRow] = field(default_factory=list)


@dataclass
class KpiReport:
    fiscal_year: int
    month: int
    projects: list[ProjectBlock]
    projects_score: GroupScore
    project_counts: dict[Light, int]
    units: list[UnitRow]
    units_score: GroupScore
    unit_counts: dict[Light, int]

    @property
    def project_count(self) -> int:
        return sum(1 for block in self.projects if block.project is not None)


def kpi_report(*, user: User, fiscal_year: int, month: int) -> KpiReport:
    """The report of seed 003 (ตารางที่ 1 and 2) for the KPIs the user may see."""
    lines = [
        KpiLine(kpi, _score(kpi), fiscal_year)
        for kpi in kpis_for(user=user, fiscal_year=fiscal_year, month=month)
    ]
    projects = project_blocks(lines)
    planned = [b for b in projects if b.project is not None]
    units = unit_rows([line for line in lines if line.kpi.is_quantitative])
    members = [member for row in units for member in (row.members or [row])]
    return KpiReport(
        fiscal_year=fiscal_year,
        month=month,
        projects=projects,
        projects_score=score_group(b.score for b in planned),
        project_counts=count_lights(b.score for b in planned),
        units=units,
        units_score=score_group(m.score for m in members),
        unit_counts=count_lights(m.score for m in members),
    )


def _score(kpi: Kpi) -> KpiScore:
    return score_kpi(
        target_to_date=kpi.target_to_date,
        result_to_date=kpi.result_to_date,
        annual_target=kpi.annual_target,
    )


def project_blocks(lines: list[KpiLine]) -> list[ProjectBlock]:
    """KPIs grouped by project in plan order; KPIs under no project come last."""
    grouped: dict[int | None, list[KpiLine]] = {}
    for line in lines:
        grouped.setdefault(line.kpi.project_id, []).append(line)
    blocks = [
        ProjectBlock(
            project=group[0].kpi.project,
            lines=group,
            score=score_group(line.score for line in group if line.kpi.is_quantitative),
        )
        for group in grouped.values()
    ]
    return sorted(blocks, key=lambda b: b.project is None)


def unit_rows(lines: list[KpiLine]) -> list[UnitRow]:
    """One row per division (or a higher unit holding KPIs itself), its groups beneath.

    A KPI counts for the group it sits in (or under); a division's own KPIs
    count as one more member beside its groups, as seed 003's ตารางที่ 2 rolls up.
    """
    ancestors = _ancestors_of({line.kpi.unit.path for line in lines})
    tree: dict[int, dict[int, list[KpiLine]]] = {}
    for line in sorted(lines, key=lambda line: line.kpi.unit.path):
        top, member = _top_and_member(line.kpi.unit, ancestors)
        tree.setdefault(top.pk, {}).setdefault(member.pk, []).append(line)
    rows = []
    for top_id, members in tree.items():
        member_rows = [_leaf_row(ancestors[pk], group) for pk, group in members.items()]
        rows.append(_group_row(ancestors[top_id], member_rows))
    return rows


def _ancestors_of(paths: set[str]) -> dict[int, OrgUnit]:
    ids = {pk for path in paths for pk in path_ids(path)}
    return {unit.pk: unit for unit in OrgUnit.objects.filter(pk__in=ids)}


def _top_and_member(unit: OrgUnit, units: dict[int, OrgUnit]) -> tuple[OrgUnit, OrgUnit]:
    chain = [units[pk] for pk in unit.ancestor_ids]
    divisions = [i for i, u in enumerate(chain) if u.kind == UnitKind.DIVISION]
    top_index = divisions[-1] if divisions else len(chain) - 1
    member_index = min(top_index + 1, len(chain) - 1)
    return chain[top_index], chain[member_index]


def _leaf_row(unit: OrgUnit, lines: list[KpiLine]) -> UnitRow:
    score = score_group(line.score for line in lines)
    due = [line.kpi.first_due_month for line in lines if line.kpi.first_due_month]
    label = month_label(lines[0].fiscal_year, min(due)) if due else ""
    return UnitRow(unit, score, count_lights([score]), label)


def _group_row(unit: OrgUnit, members: list[UnitRow]) -> UnitRow:
    if len(members) == 1 and members[0].unit.pk == unit.pk:
        return members[0]
    not_due = [m for m in members if not m.score.is_due and m.first_due_label]
    return UnitRow(
        unit=unit,
        score=score_group(m.score for m in members),
        counts=count_lights(m.score for m in members),
        first_due_label=not_due[0].first_due_label if len(not_due) == len(members) else "",
        members=sorted(members, key=lambda m: (m.unit.pk != unit.pk, m.unit.path)),
    )


def unit_month_lines(*, unit: OrgUnit, fiscal_year: int, month: int) -> list[Kpi]:
    """The unit's own KPIs of the year with their figures to `month` (the entry form)."""
    kpis = Kpi.objects.filter(unit=unit, fiscal_year=fiscal_year).select_related("project")
    return list(kpis_with_figures(kpis, month=month))


def units_for_entry(*, user: User, fiscal_year: int) -> QuerySet[OrgUnit]:
    """Units holding KPIs of the year that the user may enter results for."""

    return (
        OrgUnit.objects.filter(kpis__fiscal_year=fiscal_year)
        .filter(unit_scope_q(user, field="", roles=ENTRY_ROLES))
        .distinct()
        .order_by("path")
    )
