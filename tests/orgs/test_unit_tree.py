"""The unit tree: reference data, moves, and imports from CSV/XLSX."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from core.tables import read_rows
from orgs.models import OrgUnit, path_ids
from orgs.services import org_units_import
from tests.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db


def csv_rows(text: str):
    return read_rows(text.encode("utf-8"), filename="units.csv")


def test_reference_tree_is_loaded_with_the_ministry_at_the_root(unit):
    assert OrgUnit.objects.count() == 62
    assert unit("MOL").parent is None
    assert [u.code for u in unit("0214").ancestors()] == ["MOL", "CL-POLICY", "OPS", "0214"]


def test_path_ids_reads_the_ids_on_a_path_from_the_root_down():
    assert path_ids("/0000001/0000005/0000023/") == [1, 5, 23]
    assert path_ids("") == []


def test_ancestor_ids_are_the_ids_of_the_ancestors_and_the_unit_itself(unit):
    chain = [unit(code) for code in ("MOL", "CL-POLICY", "OPS", "0214")]

    assert unit("0214").ancestor_ids == [u.pk for u in chain]
    assert list(unit("0214").ancestors(include_self=False)) == chain[:-1]


def test_social_security_office_plans_on_the_calendar_year(unit):
    assert unit("SSO").cycle == "calendar"
    assert unit("DOE").cycle == "fiscal"


def test_moving_a_unit_moves_its_whole_subtree(unit):
    finance = unit("OPS-FIN")

    finance.parent = unit("DOE")
    finance.save()

    assert unit("OPS-FIN-2").is_within(unit("DOE"))
    assert not unit("OPS-FIN-2").is_within(unit("OPS"))


def test_a_new_unit_gets_its_place_in_the_tree(unit):
    new = OrgUnitFactory(parent=unit("0209"))

    assert new.is_within(unit("OPS"))
    assert new.depth == unit("0209").depth + 1


def test_importing_units_adds_new_ones_and_updates_existing(unit):
    rows = csv_rows(
        "code,parent,kind,abbr,name_th,doc_code\n"
        "PLO-10,OPS,province,สรจ.ชม.,สำนักงานแรงงานจังหวัดเชียงใหม่,\n"
        "0209,OPS,division,สตป.,สำนักตรวจและประเมินผล (ปรับปรุง),รง 0209\n"
    )

    report = org_units_import(rows=rows)

    assert (report.created, report.updated) == (1, 1)
    assert unit("PLO-10").is_within(unit("OPS"))
    assert unit("0209").name_th.endswith("(ปรับปรุง)")


def test_a_bad_row_rejects_the_whole_file_with_thai_reasons():
    rows = csv_rows(
        "code,parent,kind,name_th\n"
        "NEW-1,OPS,division,กองใหม่\n"
        "NEW-2,NOWHERE,division,กองที่สอง\n"
        "NEW-3,OPS,planet,กองที่สาม\n"
    )

    with pytest.raises(ValidationError) as exc:
        org_units_import(rows=rows)

    assert "แถวที่ 3 คอลัมน์ parent: ไม่พบหน่วยงานต้นสังกัด NOWHERE" in exc.value.messages
    assert any("แถวที่ 4" in m and "ประเภทหน่วยงาน" in m for m in exc.value.messages)
    assert not OrgUnit.objects.filter(code="NEW-1").exists()


def test_a_cycle_of_parents_is_refused():
    rows = csv_rows("code,parent,kind,name_th\nA-1,A-2,division,ก\nA-2,A-1,division,ข\n")

    with pytest.raises(ValidationError, match="วงวน"):
        org_units_import(rows=rows)


def test_a_missing_column_is_named():
    with pytest.raises(ValidationError, match="ขาดคอลัมน์ kind"):
        org_units_import(rows=csv_rows("code,parent,name_th\nX,OPS,กอง\n"))


def test_units_import_from_an_xlsx_file(unit, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["code", "parent", "kind", "name_th", "cycle"])
    sheet.append(["OTHER-MIN", None, "ministry", "กระทรวงตัวอย่าง", "fiscal"])
    sheet.append(["OTHER-DEP", "OTHER-MIN", "department", "กรมตัวอย่าง", "calendar"])
    path = tmp_path / "units.xlsx"
    book.save(path)

    call_command("import_org_units", str(path), stdout=io.StringIO())

    assert unit("OTHER-DEP").is_within(unit("OTHER-MIN"))
    assert unit("OTHER-DEP").cycle == "calendar"
    assert not unit("OTHER-DEP").is_within(unit("MOL"))


def test_the_import_command_reports_errors_and_saves_nothing(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text("code,parent,kind,name_th\nZ-1,OPS,division,\n", encoding="utf-8")

    with pytest.raises(CommandError, match="ไม่มีชื่อหน่วยงาน"):
        call_command("import_org_units", str(path))
    assert not OrgUnit.objects.filter(code="Z-1").exists()
