"""Reads: the monthly KPI report of a fiscal year, by project and by unit.

The report is a unit's (its *root*: by default settings.KPI_REPORT_ROOT, the
Office of the Permanent Secretary, as seed 003's): the KPIs at or below it,
provincial offices left out (their table is another). Every figure comes
from one annotated query of the KPIs (targets and results to date as
subqueries), one of the root and one of the units above the KPIs, whatever
the number of KPIs and units; per cents and lights are then computed by
`kpis.lights`, unrounded until shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Case, DecimalField, Max, OuterRef, QuerySet, Subquery, Sum, When

from core.fiscal import fiscal_year_of
from orgs.models import ENTRY_ROLES, OrgUnit, UnitKind, User, path_ids
from orgs.permissions import filter_by_units, unit_scope_q

from .lights import GroupScore, KpiScore, Light, count_lights, score_group, score_kpi
from .models import VALUE, Kpi, KpiResult, KpiTarget
from .periods import default_month, month_label

# Provincial labour offices report on a table of their own (seed 003's ตารางที่ 3):
# the projects' and the central units' tables leave them out.
NOT_CENTRAL = [UnitKind.PROVINCE]


class UnknownUnit(LookupError):
    """No unit has the code asked for as the report's root."""


def kpis_with_figures(queryset: QuerySet[Kpi], *, month: int) -> QuerySet[Kpi]:
    """Annotate target and result to `month`, this month's result and remark, the latest
    remark given to `month` and the first due month."""
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
        remark_this_month=Subquery(results.filter(month=month).values("remark")[:1]),
        remark_to_date=Subquery(results.exclude(remark="").order_by("-month").values("remark")[:1]),
        first_due_month=Subquery(
            targets.filter(cumulative_value__gt=0).order_by("month").values("month")[:1]
        ),
    )


def report_root(code: str | None = None) -> OrgUnit:
    """The report's root unit: `code`, else settings.KPI_REPORT_ROOT, else the tree's top."""
    if code:
        found = OrgUnit.objects.filter(code=code).first()
        if found is None:
            raise UnknownUnit(code)
        return found
    found = OrgUnit.objects.filter(code=settings.KPI_REPORT_ROOT).first()
    return found or OrgUnit.objects.filter(parent__isnull=True).order_by("path").first()


def kpis_for(
    *, user: User | None, fiscal_year: int, month: int, root: OrgUnit | None = None
) -> QuerySet[Kpi]:
    """The year's KPIs at or below `root` (every unit's when None) that the user covers
    (everyone's when None: the command line), with their figures to `month`."""
    kpis = Kpi.objects.filter(fiscal_year=fiscal_year).exclude(unit__kind__in=NOT_CENTRAL)
    if root is not None:
        kpis = kpis.filter(unit__path__startswith=root.path)
    if user is not None:
        kpis = filter_by_units(kpis, user, field="unit")
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

    @property
    def remark(self) -> str:
        """Why the result is off plan, as the unit last said it (seed 003's หมายเหตุ)."""
        return self.kpi.remark_to_date or ""


@dataclass
class ProjectBlock:
    project: object | None  # projects.Project; None: KPIs under no project
    lines: list[KpiLine]
    score: GroupScore


@dataclass
class UnitRow:
    """A unit with KPIs at or below it: its score and the leaf units' lights beneath.

    `level` is 1 for the root's children; `members` are the unit's own rows
    one level down, in the org tree's order.
    """

    unit: OrgUnit
    score: GroupScore
    counts: dict[Light, int]
    first_due_label: str = ""  # "ธ.ค. 67": when a unit not yet due starts
    members: list[UnitRow] = field(default_factory=list)
    level: int = 1

    def walk(self) -> Iterator[UnitRow]:
        """This row and every row beneath it, in the org tree's order."""
        yield self
        for member in self.members:
            yield from member.walk()


@dataclass
class KpiReport:
    fiscal_year: int
    month: int
    root: OrgUnit | None
    projects: list[ProjectBlock]
    projects_score: GroupScore
    project_counts: dict[Light, int]
    units: list[UnitRow]  # the root's children (level 1), each with its members
    units_score: GroupScore
    unit_counts: dict[Light, int]

    @property
    def project_count(self) -> int:
        return sum(1 for block in self.projects if block.project is not None)

    def unit_rows(self) -> list[UnitRow]:
        """Every unit row under the root, in the org tree's order (seed 003's ตารางที่ 2)."""
        return [row for top in self.units for row in top.walk()]


def kpi_report(
    *, user: User | None, fiscal_year: int, month: int, root: OrgUnit | None = None
) -> KpiReport:
    """The report of seed 003 (ตารางที่ 1 and 2) of `root` (report_root() when None)
    for the KPIs the user may see (all when the user is None)."""
    root = root or report_root()
    lines = [
        KpiLine(kpi, _score(kpi), fiscal_year)
        for kpi in kpis_for(user=user, fiscal_year=fiscal_year, month=month, root=root)
    ]
    projects = project_blocks(lines)
    planned = [b for b in projects if b.project is not None]
    quantitative = [line for line in lines if line.kpi.is_quantitative]
    top = unit_tree(quantitative, root=root)
    return KpiReport(
        fiscal_year=fiscal_year,
        month=month,
        root=root,
        projects=projects,
        projects_score=score_group(b.score for b in planned),
        project_counts=count_lights(b.score for b in planned),
        units=top.members,
        units_score=top.score,
        unit_counts=top.counts,
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


@dataclass
class _Node:
    unit: OrgUnit
    lines: list[KpiLine] = field(default_factory=list)  # the unit's own KPIs
    children: dict[int, _Node] = field(default_factory=dict)


def unit_tree(lines: list[KpiLine], *, root: OrgUnit) -> UnitRow:
    """The root's row: every unit between it and the KPIs' units, rolled up as seed 003's
    ตารางที่ 2 does.

    A leaf unit (one with KPIs of its own) averages its KPIs; a parent averages
    its children that are due, its own KPIs counting as one more member beside
    them; the counts are the leaf units' lights at or below the row.
    """
    units = _units_on_paths({line.kpi.unit.path for line in lines} | {root.path})
    top = _Node(root)
    for line in sorted(lines, key=lambda line: line.kpi.unit.path):
        node = top
        chain = line.kpi.unit.ancestor_ids
        for pk in chain[chain.index(root.pk) + 1 :]:
            node = node.children.setdefault(pk, _Node(units[pk]))
        node.lines.append(line)
    return _row(top, level=0)


def unit_rows(lines: list[KpiLine], *, root: OrgUnit | None = None) -> list[UnitRow]:
    """The rows of the root's children (level 1), each with its members (see unit_tree)."""
    return unit_tree(lines, root=root or report_root()).members


def _units_on_paths(paths: set[str]) -> dict[int, OrgUnit]:
    ids = {pk for path in paths for pk in path_ids(path)}
    return {unit.pk: unit for unit in OrgUnit.objects.filter(pk__in=ids)}


def _row(node: _Node, *, level: int) -> UnitRow:
    members = [_row(child, level=level + 1) for child in node.children.values()]
    own = _own_row(node, level=level) if node.lines else None
    if not members:
        return own or UnitRow(node.unit, GroupScore(None, None), count_lights([]), level=level)
    scored = ([own] if own else []) + members
    not_due = [m for m in scored if not m.score.is_due and m.first_due_label]
    counts = count_lights([])
    for member in scored:
        for light, n in member.counts.items():
            counts[light] += n
    return UnitRow(
        unit=node.unit,
        score=score_group(m.score for m in scored),
        counts=counts,
        first_due_label=not_due[0].first_due_label if len(not_due) == len(scored) else "",
        members=members,
        level=level,
    )


def _own_row(node: _Node, *, level: int) -> UnitRow:
    score = score_group(line.score for line in node.lines)
    due = [line.kpi.first_due_month for line in node.lines if line.kpi.first_due_month]
    label = month_label(node.lines[0].fiscal_year, min(due)) if due else ""
    return UnitRow(node.unit, score, count_lights([score]), label, level=level)


def report_period_default(*, on: date) -> tuple[int, int]:
    """The fiscal year and month a report opens on: this year and month when this year
    has KPIs, else the latest earlier year that has, at its last month with results
    (seed 003's FY 2568 demo opens on its round 2)."""
    current = fiscal_year_of(on)
    year = (
        Kpi.objects.filter(fiscal_year__lte=current)
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
        .first()
    )
    if year is None or year == current:
        return current, default_month(current, on)
    last = KpiResult.objects.filter(kpi__fiscal_year=year).aggregate(last=Max("month"))["last"]
    return year, last or default_month(year, on)


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
