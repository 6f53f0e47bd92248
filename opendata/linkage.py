"""The public strategy linkage map: the product's map (projects.linkage) drawn from the
published projects, so each project counts at its last approved revision's M1 links
and budget. Three queries: the tree, the year's published links, nothing per node."""

from decimal import Decimal

from projects.linkage import (
    NO_STRATEGY,
    NO_STRATEGY_LABEL,
    TARGET_LEVELS,
    TREE_LEVELS,
    LinkageMap,
    LinkageNode,
)
from projects.models import PlanLevel, PlanNode

from .models import PublishedProject


def public_linkage(*, fiscal_year: int) -> LinkageMap:
    """Strategy → master plan → sub-plan → Y2/Y1 target with the distinct published
    projects below each node and their budget; only branches that lead to a served target."""
    nodes = {
        row["pk"]: row
        for row in PlanNode.objects.filter(level__in=TREE_LEVELS, is_active=True)
        .values("pk", "level", "code", "name_th", "parent_id")
        .order_by("sort_order", "code", "pk")
    }
    below: dict[int, set[int]] = {pk: set() for pk in nodes}
    budgets: dict[int, Decimal] = {}
    linked: set[int] = set()
    loose: set[int] = set()
    rows = PublishedProject.objects.filter(fiscal_year=fiscal_year).values_list(
        "pk", "budget_total", "targets"
    )
    for pk, budget, targets in rows:
        budgets[pk] = budget
        for target in targets:
            node = nodes.get(target["id"])
            if node is None or node["level"] not in TARGET_LEVELS:
                continue
            linked.add(pk)
            chain = _ancestors(node, nodes)
            for ancestor in chain:
                below[ancestor["pk"]].add(pk)
            if chain[-1]["level"] != PlanLevel.STRATEGY:
                loose.add(pk)
    return _assemble(fiscal_year, nodes, below, budgets, linked, loose)


def _ancestors(node: dict, nodes: dict) -> list[dict]:
    chain = [node]
    while chain[-1]["parent_id"] in nodes and len(chain) < 8:
        chain.append(nodes[chain[-1]["parent_id"]])
    return chain


def _sum(pks: set[int], budgets: dict[int, Decimal]) -> Decimal:
    return sum((budgets[pk] for pk in pks), Decimal(0))


def _assemble(fiscal_year, nodes, below, budgets, linked, loose) -> LinkageMap:
    boxes = {
        pk: LinkageNode(
            key=f"n{pk}",
            level=row["level"],
            code=row["code"],
            name=row["name_th"],
            count=len(below[pk]),
            budget=_sum(below[pk], budgets),
            pk=pk,
        )
        for pk, row in nodes.items()
        if below[pk]
    }
    no_strategy = LinkageNode(
        key=NO_STRATEGY,
        level=NO_STRATEGY,
        code="",
        name=NO_STRATEGY_LABEL,
        count=len(loose),
        budget=_sum(loose, budgets),
    )
    roots = []
    for pk, box in boxes.items():
        parent = boxes.get(nodes[pk]["parent_id"])
        if parent is not None:
            parent.children.append(box)
        elif box.level == PlanLevel.STRATEGY:
            roots.append(box)
        else:
            no_strategy.children.append(box)
    if no_strategy.children:
        roots.append(no_strategy)
    unlinked = set(budgets) - linked
    return LinkageMap(
        fiscal_year=fiscal_year,
        unit=None,
        roots=roots,
        total_count=len(linked),
        total_budget=_sum(linked, budgets),
        unlinked_count=len(unlinked),
        unlinked_budget=_sum(unlinked, budgets),
    )
