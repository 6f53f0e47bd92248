"""Importing units from a file (the 76 provincial labour offices of seed 003 and any
other units): all or nothing, idempotent, a refused row named by row and column, from
the command (`import_units FILE [--dry-run]`) and from the admin's upload page."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from orgs.models import OrgUnit, UnitKind
from orgs.services import org_units_import
from tests.factories import UserFactory
from tests.orgs.test_unit_tree import csv_rows

pytestmark = pytest.mark.django_db

PROVINCES = "orgs/data/provincial_labour_offices.csv"


def test_the_province_file_adds_76_offices_under_the_permanent_secretary_office():
    call_command("import_units", PROVINCES, stdout=io.StringIO())

    offices = OrgUnit.objects.filter(kind=UnitKind.PROVINCE)
    assert offices.count() == 76
    ops = OrgUnit.objects.get(code="OPS")
    assert all(o.is_within(ops) and o.parent_id == ops.pk for o in offices)
    chiang_mai = OrgUnit.objects.get(code="PLO-50")  # the province's own code, 50
    assert (chiang_mai.name_th, chiang_mai.abbr) == ("สำนักงานแรงงานจังหวัดเชียงใหม่", "สรจ.เชียงใหม่")


def test_importing_the_same_file_again_changes_nothing():
    call_command("import_units", PROVINCES, stdout=io.StringIO())
    before = list(OrgUnit.objects.order_by("pk").values())

    out = io.StringIO()
    call_command("import_units", PROVINCES, stdout=out)

    assert "เพิ่ม 0 ปรับปรุง 0 ไม่เปลี่ยนแปลง 76" in out.getvalue()
    assert list(OrgUnit.objects.order_by("pk").values()) == before


def test_a_bad_row_refuses_the_whole_file_naming_its_row_and_column():
    rows = csv_rows(
        "code,parent,kind,name,abbreviation\n"
        "PLO-50,OPS,province,สำนักงานแรงงานจังหวัดเชียงใหม่,สรจ.เชียงใหม่\n"
        "PLO-51,OPS,provnce,สำนักงานแรงงานจังหวัดลำพูน,สรจ.ลำพูน\n"
        "PLO-52,NOWHERE,province,สำนักงานแรงงานจังหวัดลำปาง,\n"
        "PLO-53,OPS,province,,\n"
    )

    with pytest.raises(ValidationError) as exc:
        org_units_import(rows=rows)

    messages = exc.value.messages
    assert any(m.startswith("แถวที่ 3 คอลัมน์ kind: ประเภทหน่วยงาน “provnce” ไม่ถูกต้อง") for m in messages)
    assert "แถวที่ 4 คอลัมน์ parent: ไม่พบหน่วยงานต้นสังกัด NOWHERE" in messages
    assert "แถวที่ 5 คอลัมน์ name_th: ไม่มีชื่อหน่วยงาน" in messages
    assert not OrgUnit.objects.filter(code__startswith="PLO-").exists()  # not even row 2


def test_the_dry_run_checks_and_counts_but_saves_nothing():
    out = io.StringIO()
    call_command("import_units", PROVINCES, "--dry-run", stdout=out)

    assert "ยังไม่บันทึก" in out.getvalue() and "เพิ่ม 76" in out.getvalue()
    assert not OrgUnit.objects.filter(kind=UnitKind.PROVINCE).exists()


def test_the_command_refuses_a_bad_file_in_thai(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text("code,parent,kind,name\nX-1,OPS,province,\n", encoding="utf-8")

    with pytest.raises(CommandError, match="แถวที่ 2 คอลัมน์ name_th"):
        call_command("import_units", str(path))


def test_an_import_keeps_what_a_file_does_not_say():
    org_units_import(
        rows=csv_rows("code,parent,kind,name\n0209,OPS,division,สำนักตรวจและประเมินผล\n")
    )

    unit = OrgUnit.objects.get(code="0209")
    assert (unit.abbr, unit.doc_code) == ("สตป.", "รง 0209")  # no abbr or doc_code column


def test_the_admin_uploads_a_unit_file(admin_client):
    url = reverse("admin:orgs_orgunit_import")
    with open(PROVINCES, "rb") as f:
        response = admin_client.post(url, {"file": f})

    assert response.status_code == 302
    assert OrgUnit.objects.filter(kind=UnitKind.PROVINCE).count() == 76
    with open(PROVINCES, "rb") as f:
        again = admin_client.post(url, {"file": f}, follow=True)
    assert "เพิ่ม 0 ปรับปรุง 0 ไม่เปลี่ยนแปลง 76" in again.content.decode()


def test_the_admin_upload_shows_a_bad_row_and_saves_nothing(admin_client):
    upload = io.BytesIO(
        "code,parent,kind,name\nPLO-50,OPS,province,เชียงใหม่\nPLO-51,OPS,x,ลำพูน\n".encode()
    )
    upload.name = "units.csv"

    response = admin_client.post(reverse("admin:orgs_orgunit_import"), {"file": upload})

    assert response.status_code == 200
    assert "แถวที่ 3 คอลัมน์ kind" in response.content.decode()
    assert not OrgUnit.objects.filter(code="PLO-50").exists()


def test_the_admin_dry_run_saves_nothing(admin_client):
    with open(PROVINCES, "rb") as f:
        response = admin_client.post(
            reverse("admin:orgs_orgunit_import"), {"file": f, "dry_run": "on"}, follow=True
        )

    assert "ไฟล์ถูกต้อง (ยังไม่บันทึก)" in response.content.decode()
    assert not OrgUnit.objects.filter(kind=UnitKind.PROVINCE).exists()


def test_a_staff_account_without_unit_permissions_may_not_upload(client):
    client.force_login(UserFactory(is_staff=True))

    assert client.get(reverse("admin:orgs_orgunit_import")).status_code == 403
