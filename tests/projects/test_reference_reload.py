"""Reloading the strategy tree renames and re-parents nodes in place.

Projects link plan nodes by primary key, so a reload (the import command, the
command without a file, or `load_reference`) must update the very rows they
link to: never delete and recreate them.
"""

import csv
import io

import pytest
from django.core.management import call_command

from core.tables import read_rows
from emenscr.reference import STRATEGY_TREE, load_reference_data
from projects.models import PlanLevel, PlanNode
from projects.services.reference import strategy_tree_import
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db
Y2_OF_21 = "ประเทศไทยปลอดการทุจริตและประพฤติมิชอบ"


def default_rows() -> list[dict]:
    with STRATEGY_TREE.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def write_tree(path, rows: list[dict]):
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def edited(rows: list[dict], level: str, code: str, **changes) -> list[dict]:
    return [{**r, **changes} if (r["level"], r["code"]) == (level, code) else r for r in rows]


def get(level: str, code: str) -> PlanNode:
    return PlanNode.objects.get(level=level, code=code)


def tree_snapshot() -> set[tuple]:
    return set(PlanNode.objects.values_list("pk", "level", "code", "parent_id", "name_th"))


@pytest.fixture
def project():
    """A project linking a Y1 target (210101) and the code-less Y2 target of master plan 21."""
    project = ProjectFactory()
    y2 = PlanNode.objects.get(level=PlanLevel.MASTER_PLAN_TARGET, parent__code="21")
    project.plan_nodes.add(get(PlanLevel.SUB_PLAN_TARGET, "210101"), y2)
    return project


def test_a_projects_links_survive_a_reload_that_renames_a_node_and_reparents_its_master_plan(
    project, tmp_path
):
    linked = set(project.plan_nodes.values_list("pk", flat=True))
    count = PlanNode.objects.count()
    rows = edited(default_rows(), PlanLevel.SUB_PLAN_TARGET, "210101", name_th="ชื่อทางการ")
    rows = edited(rows, PlanLevel.MASTER_PLAN, "21", parent_code="1")

    call_command(
        "import_strategy_tree",
        str(write_tree(tmp_path / "official.csv", rows)),
        stdout=io.StringIO(),
    )

    assert set(project.plan_nodes.values_list("pk", flat=True)) == linked
    assert PlanNode.objects.count() == count
    assert get(PlanLevel.SUB_PLAN_TARGET, "210101").name_th == "ชื่อทางการ"
    assert get(PlanLevel.MASTER_PLAN, "21").parent == get(PlanLevel.STRATEGY, "1")


def test_reloading_the_default_tree_puts_it_back_and_keeps_the_links(project, tmp_path):
    before = tree_snapshot()
    linked = set(project.plan_nodes.values_list("pk", flat=True))
    rows = edited(default_rows(), PlanLevel.MASTER_PLAN, "21", parent_code="1", name_th="อื่น")
    call_command(
        "import_strategy_tree", str(write_tree(tmp_path / "t.csv", rows)), stdout=io.StringIO()
    )

    call_command("import_strategy_tree", stdout=io.StringIO())  # no file: the default tree

    assert tree_snapshot() == before
    assert set(project.plan_nodes.values_list("pk", flat=True)) == linked


def test_loading_the_reference_data_again_puts_the_tree_back_in_place(project):
    PlanNode.objects.filter(level=PlanLevel.MASTER_PLAN).update(parent=None)
    PlanNode.objects.filter(level=PlanLevel.SUB_PLAN, code="0101").update(name_th="")
    linked = set(project.plan_nodes.values_list("pk", flat=True))

    call_command("load_reference", stdout=io.StringIO())

    assert get(PlanLevel.MASTER_PLAN, "21").parent.code == "6"
    assert get(PlanLevel.SUB_PLAN, "0101").name_th == "การรักษาความสงบภายในประเทศ"
    assert set(project.plan_nodes.values_list("pk", flat=True)) == linked


def test_a_code_less_target_matches_by_its_parent_and_name(project):
    y2 = PlanNode.objects.get(level=PlanLevel.MASTER_PLAN_TARGET, name_th=Y2_OF_21)

    load_reference_data()

    assert PlanNode.objects.filter(level=PlanLevel.MASTER_PLAN_TARGET, name_th=Y2_OF_21).get() == y2


def test_an_empty_parent_or_name_in_a_file_keeps_what_the_node_has():
    strategy_tree_import(
        rows=read_rows(b"level,code,parent_code,name_th\nmaster_plan,21,,\n", filename="t.csv")
    )

    master = get(PlanLevel.MASTER_PLAN, "21")
    assert (master.parent.code, master.name_th) == ("6", "การต่อต้านการทุจริตและประพฤติมิชอบ")
    assert master.source.startswith("https://")  # a file without a source column keeps it
