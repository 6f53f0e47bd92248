"""The linkage map selector: strategy → master plan → sub-plan → target → projects.

The fixture and helpers here are shared by the drawing, page and export tests.
"""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from core.tables import read_rows
from orgs.models import OrgUnit, Role
from projects.linkage import NO_STRATEGY, PROJECT, LinkageMap, LinkageNode, linkage_map
from projects.models import PlanLevel, PlanNode
from projects.services.reference import strategy_tree_import
from tests.conftest import queries_of
from tests.factories import BudgetSourceFactory, PlanNodeFactory, ProjectFactory, user_with_role

pytestmark = pytest.mark.django_db


def make_tree() -> SimpleNamespace:
    """Strategy S9 → master plan M9 → sub-plan M901 → Y1 targets M90101, M90102; Y2 target M9Y2."""
    strategy = PlanNodeFactory(level=PlanLevel.STRATEGY, code="S9", name_th="ยุทธศาสตร์ทดสอบ")
    master = PlanNodeFactory(
        level=PlanLevel.MASTER_PLAN, code="M9", parent=strategy, name_th="แผนแม่บททดสอบ"
    )
    sub = PlanNodeFactory(level=PlanLevel.SUB_PLAN, code="M901", parent=master, name_th="แผนย่อย")
    return SimpleNamespace(
        strategy=strategy,
        master=master,
        sub=sub,
        y1a=PlanNodeFactory(
            level=PlanLevel.SUB_PLAN_TARGET, code="M90101", parent=sub, name_th="เป้าหมาย ก"
        ),
        y1b=PlanNodeFactory(
            level=PlanLevel.SUB_PLAN_TARGET, code="M90102", parent=sub, name_th="เป้าหมาย ข"
        ),
        y2=PlanNodeFactory(
            level=PlanLevel.MASTER_PLAN_TARGET, code="M9Y2", parent=master, name_th="เป้าหมาย Y2"
        ),
    )


@pytest.fixture
def tree(db):
    return make_tree()


def linked_project(*targets, unit="0209", budgets=(100000,), **fields):
    """A project of FY 2567 linking `targets`, with one M5 budget source per amount."""
    project = ProjectFactory(owner_unit=OrgUnit.objects.get(code=unit), **fields)
    project.plan_nodes.add(*targets)
    for amount in budgets:
        BudgetSourceFactory(project=project, amount=Decimal(amount))
    return project


def node(linkage: LinkageMap, code: str) -> LinkageNode:
    """The plan node with this code in the map (projects are not looked at)."""
    found = [n for _, n in linkage.walk() if n.level != PROJECT and n.code == code]
    assert len(found) == 1, f"{code}: {len(found)} nodes"
    return found[0]


def codes(linkage: LinkageMap) -> set[str]:
    return {n.code for _, n in linkage.walk() if n.level != PROJECT}


def pyp():
    return user_with_role(Role.PYP_OFFICER, "MOL")


# --- counting ------------------------------------------------------------------


def test_a_project_serving_two_targets_counts_once_at_every_plan_above_them(tree):
    linked_project(tree.y1a, tree.y1b, tree.y2, budgets=(300000,))
    linked_project(tree.y1a, budgets=(50000,))

    linkage = linkage_map(user=pyp(), fiscal_year=2567)

    for code, count, budget in [
        ("S9", 2, 350000),
        ("M9", 2, 350000),
        ("M901", 2, 350000),
        ("M90101", 2, 350000),
        ("M90102", 1, 300000),
        ("M9Y2", 1, 300000),
    ]:
        assert (node(linkage, code).count, node(linkage, code).budget) == (count, budget), code
    assert (linkage.total_count, linkage.total_budget) == (2, 350000)


def test_a_projects_budget_is_the_total_of_its_m5_sources(tree):
    linked_project(tree.y1a, budgets=(100000, 25000.50))

    linkage = linkage_map(user=pyp(), fiscal_year=2567)

    assert node(linkage, "M90101").budget == Decimal("125000.50")
    assert [p.budget for p in node(linkage, "M90101").projects] == [Decimal("125000.50")]


def test_each_target_lists_the_projects_that_serve_it(tree):
    first = linked_project(tree.y1a, code="รง 0209-67-0101")
    second = linked_project(tree.y1a, tree.y2, code="รง 0209-67-0102")

    linkage = linkage_map(user=pyp(), fiscal_year=2567)

    assert [p.pk for p in node(linkage, "M90101").projects] == [first.pk, second.pk]
    assert [p.pk for p in node(linkage, "M9Y2").projects] == [second.pk]
    assert node(linkage, "M9Y2").projects[0].unit == "สตป."


# --- gaps ----------------------------------------------------------------------


def test_targets_no_project_serves_are_flagged(tree):
    linked_project(tree.y1a)

    linkage = linkage_map(user=pyp(), fiscal_year=2567)

    assert node(linkage, "M90102").unserved and node(linkage, "M9Y2").unserved
    assert not node(linkage, "M90101").unserved
    assert {"M90102", "M9Y2"} <= {n.code for n in linkage.unserved_targets}
    assert "M90101" not in {n.code for n in linkage.unserved_targets}


def test_showing_served_targets_only_drops_the_gaps_and_empty_branches(tree):
    linked_project(tree.y1a)

    linkage = linkage_map(user=pyp(), fiscal_year=2567, served_only=True)

    assert codes(linkage) == {"S9", "M9", "M901", "M90101"}
    assert linkage.unserved_targets == []


def test_projects_linking_no_target_are_counted_apart(tree):
    linked_project(tree.y1a, budgets=(100000,))
    linked_project(budgets=(40000,))

    linkage = linkage_map(user=pyp(), fiscal_year=2567)

    assert (linkage.total_count, linkage.unlinked_count, linkage.unlinked_budget) == (1, 1, 40000)


def test_master_plans_the_tree_gives_no_strategy_hang_under_an_unnamed_branch(tree):
    # No source gives the strategy of master plan 09 (the default tree leaves it empty).
    linked_project(PlanNode.objects.get(code="090202"), budgets=(70000,))
    linked_project(tree.y1a)

    linkage = linkage_map(user=pyp(), fiscal_year=2567)

    loose = next(r for r in linkage.roots if r.level == NO_STRATEGY)
    assert (loose.name, loose.count, loose.budget) == ("ไม่ระบุยุทธศาสตร์", 1, 70000)
    assert "09" in {c.code for c in loose.children}
    assert node(linkage, "09").count == 1
    assert node(linkage, "S9").count == 1


def test_projects_count_under_the_strategy_the_default_tree_gives_their_master_plan():
    y1 = PlanNode.objects.get(level=PlanLevel.SUB_PLAN_TARGET, code="110401")
    y2 = PlanNode.objects.get(level=PlanLevel.MASTER_PLAN_TARGET, parent__code="21")
    linked_project(y1, budgets=(70000,))
    linked_project(y2, budgets=(30000,))

    linkage = linkage_map(user=pyp(), fiscal_year=2567)

    assert (node(linkage, "3").count, node(linkage, "3").budget) == (1, 70000)
    assert (node(linkage, "6").count, node(linkage, "6").budget) == (1, 30000)
    assert next(r for r in linkage.roots if r.level == NO_STRATEGY).count == 0


def test_a_master_plan_placed_under_strategy_2_by_a_file_brings_its_projects_there():
    strategy_tree_import(
        rows=read_rows(b"level,code,parent_code,name_th\nmaster_plan,09,2,\n", filename="t.csv")
    )
    linked_project(PlanNode.objects.get(level=PlanLevel.SUB_PLAN_TARGET, code="090202"))

    linkage = linkage_map(user=pyp(), fiscal_year=2567)

    assert node(linkage, "2").count == 1
    assert [c.code for c in node(linkage, "2").children] == ["09"]
    assert node(linkage, "0902").count == 1


# --- who sees what -------------------------------------------------------------


def test_staff_count_only_the_projects_of_units_they_cover(tree):
    linked_project(tree.y1a, unit="0209")
    linked_project(tree.y1a, unit="0206")

    linkage = linkage_map(user=user_with_role(Role.STAFF, "0209"), fiscal_year=2567)

    assert node(linkage, "M90101").count == 1
    assert linkage.total_count == 1


def test_the_unit_filter_keeps_the_units_subtree_and_the_year_filter_the_year(tree, unit):
    linked_project(tree.y1a, unit="0209")
    linked_project(tree.y1a, unit="DOE")
    linked_project(tree.y1a, unit="0209", fiscal_year=2568)

    linkage = linkage_map(user=pyp(), fiscal_year=2567, unit=unit("OPS"))

    assert node(linkage, "M90101").count == 1
    assert linkage_map(user=pyp(), fiscal_year=2568).total_count == 1


# --- queries -------------------------------------------------------------------


def test_the_map_runs_the_same_queries_for_few_or_many_projects_and_nodes(tree):
    user = pyp()
    linked_project(tree.y1a)
    linkage_map(user=user, fiscal_year=2567)  # the user's roles are read once, then cached
    few = queries_of(lambda: linkage_map(user=user, fiscal_year=2567))
    for index in range(12):
        target = PlanNodeFactory(level=PlanLevel.SUB_PLAN_TARGET, parent=tree.sub)
        linked_project(
            target, tree.y1b, tree.y2, budgets=(1000, 2000), code=f"รง 0209-67-9{index:03d}"
        )

    many = queries_of(lambda: linkage_map(user=user, fiscal_year=2567))

    assert few == many
    assert node(linkage_map(user=user, fiscal_year=2567), "M9").count == 13
