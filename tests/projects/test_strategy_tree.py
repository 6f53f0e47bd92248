"""The strategy tree: default reference data and importing a fuller tree."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from core.tables import read_rows
from emenscr.reference import STRATEGY_TREE
from orgs.models import Role
from projects.models import PlanLevel, PlanNode
from projects.services.reference import strategy_tree_import
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def rows(text: str):
    return read_rows(text.encode("utf-8"), filename="tree.csv")


def test_the_default_tree_holds_six_strategies_and_twenty_three_master_plans():
    assert PlanNode.objects.filter(level=PlanLevel.STRATEGY).count() == 6
    assert PlanNode.objects.filter(level=PlanLevel.MASTER_PLAN).count() == 23
    assert PlanNode.objects.filter(level=PlanLevel.REFORM_AREA).count() == 13


def test_a_sub_plan_target_hangs_under_its_sub_plan_and_master_plan():
    target = PlanNode.objects.get(level=PlanLevel.SUB_PLAN_TARGET, code="110401")

    assert target.parent.code == "1104"
    assert target.parent.parent.code == "11"


def test_importing_a_fuller_tree_names_existing_codes_and_adds_new_ones():
    report = strategy_tree_import(
        rows=rows(
            "level,code,parent_code,name_th,source\n"
            "sub_plan,1104,11,การพัฒนาศักยภาพวัยแรงงาน,ราชกิจจานุเบกษา\n"
            "sub_plan_target,110402,1104,เป้าหมายใหม่,ราชกิจจานุเบกษา\n"
        )
    )

    assert (report.created, report.updated) == (1, 1)
    assert (
        PlanNode.objects.get(level=PlanLevel.SUB_PLAN, code="1104").name_th
        == "การพัฒนาศักยภาพวัยแรงงาน"
    )
    assert PlanNode.objects.get(code="110402").parent.code == "1104"


def test_an_unknown_parent_rejects_the_whole_file():
    with pytest.raises(ValidationError, match="แถวที่ 3: ไม่พบแผนแม่รหัส 9999"):
        strategy_tree_import(
            rows=rows(
                "level,code,parent_code,name_th\n"
                "sub_plan,0199,01,แผนย่อยใหม่\n"
                "sub_plan_target,999901,9999,เป้าหมาย\n"
            )
        )
    assert not PlanNode.objects.filter(code="0199").exists()


def test_importing_the_same_file_twice_adds_nothing(tmp_path):
    path = tmp_path / "tree.csv"
    path.write_text("level,code,parent_code,name_th\nsub_plan,0199,01,แผนย่อย\n", encoding="utf-8")
    call_command("import_strategy_tree", str(path), stdout=io.StringIO())
    count = PlanNode.objects.count()

    call_command("import_strategy_tree", str(path), stdout=io.StringIO())

    assert PlanNode.objects.count() == count


# --- the full default tree (projects/data/strategy_tree.csv) --------------------


def default_rows() -> list[dict]:
    with STRATEGY_TREE.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def node_of(row: dict) -> PlanNode:
    if row["code"]:
        return PlanNode.objects.get(level=row["level"], code=row["code"])
    return PlanNode.objects.get(
        level=row["level"], code="", parent__code=row["parent_code"], name_th=row["name_th"]
    )


def test_every_row_of_the_default_file_is_a_node_under_the_parent_it_gives():
    rows = default_rows()

    for row in rows:
        node = node_of(row)
        assert (node.parent.code if node.parent else "") == row["parent_code"], row
        assert node.name_th == row["name_th"], row
        assert node.source == row["source"], row
    assert PlanNode.objects.count() == len(rows)


def test_master_plans_sit_under_the_strategy_the_sources_give_and_no_other():
    parents = dict(
        PlanNode.objects.filter(level=PlanLevel.MASTER_PLAN).values_list("code", "parent__code")
    )

    assert (parents["01"], parents["11"], parents["17"], parents["21"]) == ("1", "3", "4", "6")
    assert parents["03"] is None  # no source says which strategy it serves


def test_sub_plans_carry_their_names_and_inferred_codes_say_so():
    sub_plan = PlanNode.objects.get(level=PlanLevel.SUB_PLAN, code="0101")

    assert sub_plan.name_th == "การรักษาความสงบภายในประเทศ"
    assert sub_plan.source.startswith("CODE INFERRED")


# --- the M1 picker (projects:plan_options) ---------------------------------------


@pytest.fixture
def staff_client(client):
    client.force_login(user_with_role(Role.STAFF, "0209"))
    return client


def options(client, level: str, parent: PlanNode | None = None) -> str:
    query = {"level": level} | ({"parent": parent.pk} if parent else {})
    return client.get(reverse("projects:plan_options"), query).content.decode()


def strategy(code: str) -> PlanNode:
    return PlanNode.objects.get(level=PlanLevel.STRATEGY, code=code)


def test_picking_a_strategy_lists_its_master_plans_and_none_of_another_strategy(staff_client):
    strategy_tree_import(rows=rows("level,code,parent_code,name_th\nmaster_plan,03,2,\n"))

    html = options(staff_client, PlanLevel.MASTER_PLAN, strategy("2"))

    assert 'data-code="03"' in html
    assert 'data-code="11"' not in html  # under strategy 3
    assert 'data-code="21"' not in html  # under strategy 6


def test_master_plans_no_source_places_are_offered_apart_under_every_strategy(staff_client):
    html = options(staff_client, PlanLevel.MASTER_PLAN, strategy("6"))

    placed, unplaced = html.split("ข้อมูลอ้างอิงยังไม่ระบุยุทธศาสตร์ชาติ")
    assert 'data-code="21"' in placed and 'data-code="20"' in placed
    assert 'data-code="19"' in unplaced and 'data-code="21"' not in unplaced
    assert 'data-code="01"' not in html


def test_without_a_strategy_every_master_plan_is_listed(staff_client):
    html = options(staff_client, PlanLevel.MASTER_PLAN)

    assert html.count("data-code=") == 23


def test_picking_a_master_plan_lists_its_named_sub_plans(staff_client):
    master = PlanNode.objects.get(level=PlanLevel.MASTER_PLAN, code="01")

    html = options(staff_client, PlanLevel.SUB_PLAN, master)

    assert html.count("data-code=") == 5
    assert "การรักษาความสงบภายในประเทศ" in html
    assert "ยังไม่มีชื่อ" not in html


def test_a_plan_with_nothing_under_it_says_so(staff_client):
    master = PlanNode.objects.get(level=PlanLevel.MASTER_PLAN, code="03")

    assert "ยังไม่มีรายการในข้อมูลอ้างอิง" in options(staff_client, PlanLevel.SUB_PLAN, master)
