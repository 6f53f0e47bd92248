"""`manage.py load_reference`: reference data comes from files, never from migrations,
so another ministry loads its own (DESIGN.md section 8)."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from approvals.models import Chain, ChainLevel
from emenscr.reference import ORG_UNITS, STRATEGY_TREE
from orgs.models import OrgUnit
from projects.models import PlanLevel, PlanNode
from tests.emenscr.fresh_database import counts
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
OTHER = Path(__file__).parent / "other_ministry"


def load(**files) -> str:
    out = io.StringIO()
    call_command("load_reference", stdout=out, **files)
    return out.getvalue()


def empty_reference_tables() -> None:
    """As a newly migrated database has them (the test's transaction rolls this back)."""
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE orgs_orgunit, projects_plannode CASCADE")


def rows_in(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return len(list(csv.DictReader(f)))


def reference_rows() -> tuple[set, ...]:
    units = OrgUnit.objects.values_list("pk", "code", "parent_id", "name_th", "path", "cycle")
    nodes = PlanNode.objects.values_list("pk", "level", "code", "parent_id", "name_th")
    levels = ChainLevel.objects.values_list("pk", "order", "name_th", "role", "skip_for_units")
    return set(units), set(nodes), set(levels), set(Chain.objects.values_list("pk", "name"))


def department_head_skips(root: str) -> list[str]:
    level = ChainLevel.objects.get(chain__root_unit__code=root, role="department_head")
    return list(level.skip_for_units.values_list("code", flat=True))


def test_the_command_loads_units_chain_and_tree_into_an_empty_database():
    empty_reference_tables()

    out = load()

    assert counts() == {
        "units": rows_in(ORG_UNITS),
        "plan_nodes": rows_in(STRATEGY_TREE),
        "chains": 1,
        "chain_levels": 5,
    }
    assert OrgUnit.objects.get(code="SSO").cycle == "calendar"
    assert department_head_skips("MOL") == ["OPS"]
    assert Chain.objects.get().name == "สายการอนุมัติ กระทรวงแรงงาน"
    assert f"หน่วยงาน เพิ่ม {rows_in(ORG_UNITS)} ปรับปรุง 0" in out


def test_loading_again_changes_nothing_and_keeps_a_projects_plan_nodes():
    project = ProjectFactory()
    project.plan_nodes.add(PlanNode.objects.get(level=PlanLevel.SUB_PLAN_TARGET, code="110401"))
    before = reference_rows()

    load()

    assert reference_rows() == before
    assert list(project.plan_nodes.values_list("code", flat=True)) == ["110401"]


def test_loading_again_puts_back_a_renamed_unit_and_chain_level_in_place():
    OrgUnit.objects.filter(code="0209").update(name_th="ชื่อที่แก้ไข")
    ChainLevel.objects.filter(order=3).update(name_th="ชื่อที่แก้ไข", is_check=False)
    before = counts()

    load()

    assert OrgUnit.objects.get(code="0209").name_th == "สำนักตรวจและประเมินผล"
    assert ChainLevel.objects.get(order=3).name_th == "กลุ่ม ป.ย.ป. ตรวจสอบความถูกต้อง"
    assert ChainLevel.objects.get(order=3).is_check
    assert counts() == before


def test_another_ministrys_files_load_instead():
    empty_reference_tables()

    load(
        units=OTHER / "units.csv",
        ministry=OTHER / "ministry.json",
        strategy_tree=OTHER / "strategy_tree.csv",
    )

    assert set(OrgUnit.objects.values_list("code", flat=True)) == {
        "MOI", "MOI-CL", "MOI-OPS", "MOI-DEP", "MOI-DIV"
    }  # fmt: skip
    chain = Chain.objects.get()
    assert (chain.root_unit.code, chain.name) == ("MOI", "สายการอนุมัติ กระทรวงตัวอย่าง")
    assert [lv.role for lv in chain.levels.all()] == [
        "division_director",
        "department_head",
        "permanent_secretary",
    ]
    assert department_head_skips("MOI") == ["MOI-OPS"]
    assert OrgUnit.objects.get(code="MOI-DEP").cycle == "calendar"
    assert PlanNode.objects.get(level=PlanLevel.MASTER_PLAN).parent.name_th == "ยุทธศาสตร์ตัวอย่าง"


def test_a_chain_naming_an_unknown_unit_loads_nothing(tmp_path):
    ministry = json.loads((OTHER / "ministry.json").read_text(encoding="utf-8"))
    ministry["chain"]["levels"][1]["skip_for_units"] = ["NOPE"]
    path = tmp_path / "ministry.json"
    path.write_text(json.dumps(ministry), encoding="utf-8")

    with pytest.raises(CommandError, match="ไม่พบหน่วยงานรหัส NOPE"):
        load(units=OTHER / "units.csv", ministry=path)

    assert not OrgUnit.objects.filter(code="MOI").exists()


@pytest.mark.parametrize(
    "text, message",
    [
        ("{", "ไม่ใช่ JSON ที่ถูกต้อง"),
        ('{"root_unit": "MOL"}', "ต้องมี root_unit, chain.name และ chain.levels"),
        (
            '{"root_unit": "MOL", "chain": {"name": "ส", "levels": [{"order": 1, "name_th": "ส",'
            ' "role": "boss"}]}}',
            "ขั้นตอนที่ 1: บทบาท “boss” ไม่ถูกต้อง",
        ),
    ],
)
def test_a_broken_ministry_file_is_refused_in_thai(tmp_path, text, message):
    path = tmp_path / "ministry.json"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(CommandError, match=message):
        load(ministry=path)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="ไม่พบไฟล์ .*none.csv"):
        load(units=tmp_path / "none.csv")


def test_migrating_a_new_database_loads_no_reference_data_and_the_command_does(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "emenscr.settings.local",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}",
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.emenscr.fresh_database"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]

    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["migrated"] == {"units": 0, "plan_nodes": 0, "chains": 0, "chain_levels": 0}
    assert result["loaded"]["units"] == rows_in(ORG_UNITS)
    assert result["loaded"]["chain_levels"] == 5
