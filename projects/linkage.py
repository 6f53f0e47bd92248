"""The strategy linkage map (แผนผังความเชื่อมโยง, seed 002's first core process).

For a fiscal year (and optionally a unit with its subtree) the map shows the
national strategy → master plan → sub-plan → target (Y2/Y1) → the ministry's
projects, with at every node the number of distinct projects below it and the
sum of their budgets (M5 budget sources), and the targets no project serves.

Projects link targets only (M1), so every figure is read from the project ↔
target links: a node counts the projects linking a target at or below it,
each once. The counting happens in the database, one subquery per figure on
the node query, so the page runs a fixed number of queries.

A master plan hangs under the national strategy the reference tree gives it
(its `parent`); one whose strategy no source gives is drawn under a
"ไม่ระบุยุทธศาสตร์" branch rather than guessed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from core.xlsx import Column, OfficialWorkbook
from orgs.models import OrgUnit, User
from orgs.permissions import can_view_unit, grants_for, rule, sees_everything

from .models import BudgetSource, PlanLevel, PlanNode, Project
from .selectors import projects_visible_to

TARGET_LEVELS = (PlanLevel.MASTER_PLAN_TARGET, PlanLevel.SUB_PLAN_TARGET)
TREE_LEVELS = (PlanLevel.STRATEGY, PlanLevel.MASTER_PLAN, PlanLevel.SUB_PLAN, *TARGET_LEVELS)
PROJECT = "project"
NO_STRATEGY = "no-strategy"
NO_STRATEGY_LABEL = "ไม่ระบุยุทธศาสตร์"
UNSERVED_LABEL = "ยังไม่มีโครงการรองรับ"
LEVEL_LABELS = {**dict(PlanLevel.choices), NO_STRATEGY: "ยุทธศาสตร์ชาติ", PROJECT: "โครงการ"}
# A node may sit four steps above a target: target, sub-plan, master plan, strategy.
_ANCESTOR_PATHS = ("plannode_id", "plannode__parent_id", "plannode__parent__parent_id")
_ANCESTOR_PATHS += ("plannode__parent__parent__parent_id",)
_MONEY = DecimalField(max_digits=18, decimal_places=2)
Link = Project.plan_nodes.through


@rule("linkage.view")
def _linkage_view(user: User, unit: OrgUnit | None) -> bool:
    """Anyone holding a role sees the map of what they cover; a unit filter must be theirs."""
    if unit is not None:
        return can_view_unit(user, unit)
    return sees_everything(user) or bool(grants_for(user))


@dataclass
class LinkageNode:
    """One box of the map: a plan node, the no-strategy branch, or a project."""

    key: str
    level: str
    code: str
    name: str
    count: int = 0
    budget: Decimal = Decimal(0)
    pk: int | None = None
    unit: str = ""
    children: list[LinkageNode] = field(default_factory=list)

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS.get(self.level, self.level)

    @property
    def is_target(self) -> bool:
        return self.level in TARGET_LEVELS

    @property
    def unserved(self) -> bool:
        return self.is_target and self.count == 0

    @property
    def projects(self) -> list[LinkageNode]:
        return [c for c in self.children if c.level == PROJECT]


@dataclass
class LinkageMap:
    fiscal_year: int
    unit: OrgUnit | None
    roots: list[LinkageNode]
    total_count: int
    total_budget: Decimal
    unlinked_count: int
    unlinked_budget: Decimal

    def walk(self) -> Iterator[tuple[int, LinkageNode]]:
        """Every node, depth first, with its depth (projects included)."""
        stack = [(0, n) for n in reversed(self.roots)]
        while stack:
            depth, node = stack.pop()
            yield depth, node
            stack.extend((depth + 1, c) for c in reversed(node.children))

    def plan_rows(self) -> list[tuple[int, LinkageNode]]:
        return [(d, n) for d, n in self.walk() if n.level != PROJECT]

    @property
    def unserved_targets(self) -> list[LinkageNode]:
        return [n for _, n in self.walk() if n.unserved]


# --- queries -------------------------------------------------------------------


def linkage_scope(*, user: User, fiscal_year: int, unit: OrgUnit | None = None) -> QuerySet:
    """The projects the map counts: the user's visible projects of the year (and unit)."""
    projects = projects_visible_to(user).filter(fiscal_year=fiscal_year)
    if unit is not None:
        projects = projects.filter(owner_unit__path__startswith=unit.path)
    return projects


def _under(ref) -> Q:
    """Links whose target is `ref` or lies below it."""
    q = Q()
    for path in _ANCESTOR_PATHS:
        q |= Q(**{path: ref})
    return q


def _count_distinct(expression: str) -> Func:
    return Func(
        F(expression),
        function="COUNT",
        template="%(function)s(DISTINCT %(expressions)s)",
        output_field=IntegerField(),
    )


def _figures(links_under) -> tuple[Coalesce, Coalesce]:
    """Subqueries for the distinct projects linked under the outer node, and their budget.

    `links_under(ref)` gives the links under the node that `ref` points at; the
    budget subquery sits one level deeper, so it reaches the node through two refs.
    """
    count = links_under(OuterRef("pk")).annotate(n=_count_distinct("project_id")).values("n")
    budget = (
        BudgetSource.objects.filter(
            project_id__in=links_under(OuterRef(OuterRef("pk"))).values("project_id")
        )
        .order_by()
        .annotate(s=Func(F("amount"), function="SUM", output_field=_MONEY))
    )
    return (
        Coalesce(Subquery(count, output_field=IntegerField()), Value(0)),
        Coalesce(Subquery(budget.values("s"), output_field=_MONEY), Value(Decimal(0))),
    )


def _target_links(scope: QuerySet) -> QuerySet:
    return Link.objects.filter(
        plannode__level__in=TARGET_LEVELS, project_id__in=scope.order_by().values("pk")
    )


def _strategy_of_link() -> Case:
    """The strategy above a link's target, if the tree records one."""
    whens = [
        When(**{f"{path[: -len('_id')]}__level": PlanLevel.STRATEGY, "then": F(path)})
        for path in _ANCESTOR_PATHS[1:]
    ]
    return Case(*whens, default=None, output_field=IntegerField())


def _plan_nodes(scope: QuerySet) -> list[dict]:
    """Every active node of the tree with its figures: one query."""
    count, budget = _figures(lambda ref: _target_links(scope).filter(_under(ref)).order_by())
    return list(
        PlanNode.objects.filter(level__in=TREE_LEVELS, is_active=True)
        .annotate(n=count, budget=budget)
        .values("pk", "level", "code", "name_th", "parent_id", "sort_order", "n", "budget")
        .order_by("sort_order", "code", "pk")
    )


def _totals(scope: QuerySet) -> dict:
    """The whole map, the no-strategy branch and the projects linking no target: one query."""
    links = _target_links(scope).order_by()
    linked = Q(pk__in=links.values("project_id"))
    loose = Q(
        pk__in=links.annotate(strategy=_strategy_of_link())
        .filter(strategy__isnull=True)
        .values("project_id")
    )
    figures = {}
    for name, q in (("all", linked), ("loose", loose), ("unlinked", ~linked)):
        figures[f"{name}_n"] = Count("pk", distinct=True, filter=q)
        figures[f"{name}_budget"] = Coalesce(
            Sum("budget_sources__amount", filter=q), Value(Decimal(0)), output_field=_MONEY
        )
    return scope.order_by().aggregate(**figures)


def _project_rows(scope: QuerySet) -> list[dict]:
    """Each project ↔ target link with the project's code, name, unit and budget: one query."""
    budget = (
        BudgetSource.objects.filter(project_id=OuterRef("project_id"))
        .order_by()
        .annotate(s=Func(F("amount"), function="SUM", output_field=_MONEY))
        .values("s")
    )
    return list(
        _target_links(scope)
        .annotate(budget=Coalesce(Subquery(budget, output_field=_MONEY), Value(Decimal(0))))
        .annotate(unit=Coalesce("project__owner_unit__abbr", "project__owner_unit__name_th"))
        .values("plannode_id", "project_id", "project__code", "project__name", "unit", "budget")
        .order_by("project__code")
    )


# --- the tree ------------------------------------------------------------------


def linkage_map(
    *, user: User, fiscal_year: int, unit: OrgUnit | None = None, served_only: bool = False
) -> LinkageMap:
    """The map for the user: three queries whatever the number of projects or nodes.

    `served_only` keeps only targets some project serves (and the branches above them).
    """
    scope = linkage_scope(user=user, fiscal_year=fiscal_year, unit=unit)
    totals = _totals(scope)
    loose = LinkageNode(
        key=NO_STRATEGY,
        level=NO_STRATEGY,
        code="",
        name=NO_STRATEGY_LABEL,
        count=totals["loose_n"],
        budget=totals["loose_budget"],
    )
    roots = _assemble(_plan_nodes(scope), _project_rows(scope), loose)
    roots = [r for r in roots if _prune(r, served_only=served_only)]
    return LinkageMap(
        fiscal_year=fiscal_year,
        unit=unit,
        roots=roots,
        total_count=totals["all_n"],
        total_budget=totals["all_budget"],
        unlinked_count=totals["unlinked_n"],
        unlinked_budget=totals["unlinked_budget"],
    )


def _assemble(rows: list[dict], links: list[dict], loose: LinkageNode) -> list[LinkageNode]:
    """Hang nodes under their parents, projects under their targets; return the roots."""
    nodes = {r["pk"]: _plan_node(r) for r in rows}
    for link in links:
        target = nodes.get(link["plannode_id"])
        if target is not None:
            target.children.append(_project_node(link))
    roots = []
    for row in rows:
        node, parent = nodes[row["pk"]], nodes.get(row["parent_id"])
        if parent is not None:
            parent.children.append(node)
        elif node.level == PlanLevel.STRATEGY:
            roots.append(node)
        else:
            # A master plan (or an orphan) whose strategy the tree does not record.
            loose.children.append(node)
    return [*roots, loose]


def _plan_node(row: dict) -> LinkageNode:
    return LinkageNode(
        key=f"n{row['pk']}",
        level=row["level"],
        code=row["code"],
        name=row["name_th"],
        count=row["n"],
        budget=row["budget"],
        pk=row["pk"],
    )


def _project_node(link: dict) -> LinkageNode:
    return LinkageNode(
        key=f"p{link['project_id']}-{link['plannode_id']}",
        level=PROJECT,
        code=link["project__code"],
        name=link["project__name"],
        count=1,
        budget=link["budget"],
        pk=link["project_id"],
        unit=link["unit"] or "",
    )


def _prune(node: LinkageNode, *, served_only: bool) -> bool:
    """Keep targets (served ones only if asked) and the branches that lead to them."""
    if node.level == PROJECT:
        return True
    if node.is_target:
        node.children = [c for c in node.children if _prune(c, served_only=served_only)]
        return node.count > 0 or not served_only
    node.children = [c for c in node.children if _prune(c, served_only=served_only)]
    return bool(node.children)


# --- Excel ---------------------------------------------------------------------

TREE_COLUMNS = [
    Column("ระดับ", 26),
    Column("รหัส", 16),
    Column("ชื่อ", 60),
    Column("หน่วยงาน", 14),
    Column("จำนวนโครงการ", 14, "int"),
    Column("งบประมาณ (บาท)", 20, "money"),
    Column("หมายเหตุ", 24),
]
UNSERVED_COLUMNS = [
    Column("ระดับ", 26),
    Column("รหัส", 16),
    Column("ชื่อเป้าหมาย", 60),
    Column("ภายใต้", 60),
]


def linkage_title(linkage: LinkageMap) -> str:
    where = f" {linkage.unit.name_th}" if linkage.unit else " กระทรวงแรงงาน"
    return f"แผนผังความเชื่อมโยงโครงการกับยุทธศาสตร์ชาติ ปีงบประมาณ พ.ศ. {linkage.fiscal_year}{where}"


def linkage_workbook(*, linkage: LinkageMap) -> OfficialWorkbook:
    """The map as a table (one row per node, projects under their targets) and its gaps."""
    book = OfficialWorkbook()
    sheet = book.sheet("แผนผังความเชื่อมโยง", TREE_COLUMNS, heading=linkage_title(linkage))
    for depth, node in linkage.walk():
        sheet.append(
            [
                node.level_label,
                node.code,
                "  " * depth + node.name,
                node.unit,
                node.count,
                node.budget,
                UNSERVED_LABEL if node.unserved else "",
            ]
        )
    sheet.append(
        ["รวมโครงการที่เชื่อมโยงเป้าหมาย", "", "", "", linkage.total_count, linkage.total_budget, ""],
        total=True,
    )
    sheet.append(
        ["โครงการที่ยังไม่ระบุเป้าหมาย", "", "", "", linkage.unlinked_count, linkage.unlinked_budget, ""],
        total=True,
    )
    gaps = book.sheet("เป้าหมายที่ยังไม่มีโครงการ", UNSERVED_COLUMNS, heading=UNSERVED_LABEL)
    for node, above in unserved_with_parents(linkage):
        gaps.append([node.level_label, node.code, node.name, above])
    return book


def unserved_with_parents(linkage: LinkageMap) -> list[tuple[LinkageNode, str]]:
    """Each unserved target with the chain of plans above it (“11 › 1104”)."""
    found, trail = [], []
    for depth, node in linkage.walk():
        del trail[depth:]
        trail.append(node)
        if node.unserved:
            found.append((node, " › ".join(_short(n) for n in trail[:-1])))
    return found


def _short(node: LinkageNode) -> str:
    return f"{node.code} {node.name}".strip()
