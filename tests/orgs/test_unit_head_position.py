"""The position a letter to a unit is addressed to (seed 001): typed, else read from the name."""

import pytest

from orgs.models import OrgUnit, UnitKind

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "code, position",
    [
        ("DOE", "อธิบดีกรมการจัดหางาน"),
        ("SSO", "เลขาธิการสำนักงานประกันสังคม"),
        ("OPS", "ปลัดกระทรวงแรงงาน"),
        ("0209", "ผู้อำนวยการสำนักตรวจและประเมินผล"),
        ("OPS-AUDIT", "ผู้ตรวจสอบภายในกระทรวง"),  # from the unit file (seed 001)
        ("0217", "หัวหน้าสำนักงานเลขานุการศูนย์บัญชาการป้องกันการค้ามนุษย์ด้านแรงงาน"),
    ],
)
def test_a_units_head_position(code, position):
    assert OrgUnit.objects.get(code=code).head_position == position


def test_a_typed_head_title_wins_over_the_name():
    unit = OrgUnit(kind=UnitKind.DIVISION, name_th="กองกลาง", head_title="ผู้อำนวยการกองกลาง (ทดลอง)")

    assert unit.head_position == "ผู้อำนวยการกองกลาง (ทดลอง)"
