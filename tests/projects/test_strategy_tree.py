"""The strategy tree: default reference data and importing a fuller tree."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from emenscr.tables import read_rows
from projects.models import PlanLevel, PlanNode
from projects.services.reference import strategy_tree_import

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
                "sub_plan,0103,01,แผนย่อยใหม่\n"
                "sub_plan_target,999901,9999,เป้าหมาย\n"
            )
        )
    assert not PlanNode.objects.filter(code="0103").exists()


def test_importing_the_same_file_twice_adds_nothing(tmp_path):
    path = tmp_path / "tree.csv"
    path.write_text("level,code,parent_code,name_th\nsub_plan,0104,01,แผนย่อย\n", encoding="utf-8")
    call_command("import_strategy_tree", str(path), stdout=io.StringIO())
    count = PlanNode.objects.count()

    call_command("import_strategy_tree", str(path), stdout=io.StringIO())

    assert PlanNode.objects.count() == count
