"""Approved means approved, for annual reports: an approved report changed by its unit
opens a new revision; the approved one stays readable and counted as sent."""

from datetime import datetime
from decimal import Decimal

import pytest

from approvals.models import ItemRevision, ItemStatus
from approvals.services.transitions import item_submit
from core.clock import freeze
from orgs.models import Role
from reporting.annual.selectors import annual_rows_for, units_not_reported
from reporting.annual.services import annual_report_save, annual_report_start
from tests.chain import approve_to_the_end
from tests.factories import user_with_role
from tests.reporting.annual_factories import annual_window, plan_with_indicators

pytestmark = pytest.mark.django_db
IN_WINDOW = datetime(2023, 11, 10, 10, 0)  # the 2566 window: 1 Oct – 30 Dec 2023
TEXTS = {"summary": "บรรลุเป้าหมายร้อยละ ๙๐", "problems": "งบประมาณล่าช้า", "suggestions": ""}


@pytest.fixture
def staff():
    return user_with_role(Role.STAFF, "0209")


@pytest.fixture
def window():
    return annual_window(2566)


@pytest.fixture
def approved_report(staff, window, unit):
    plan = plan_with_indicators(2, owner_unit=unit("0209"))
    with freeze(IN_WINDOW):
        report = annual_report_start(user=staff, plan=plan, year=2566)
        report = _save(staff, report, "950")
        item_submit(item=report, actor=staff)
        return approve_to_the_end(report)


def _save(staff, report, value: str):
    results = {
        i.pk: {"result_value": Decimal(value), "note": "ตามแผน"}
        for i in report.plan.indicators.all()
    }
    with freeze(IN_WINDOW):
        return annual_report_save(user=staff, report=report, data=TEXTS, results=results)


def test_saving_an_approved_annual_report_freezes_the_approved_revision(staff, approved_report):
    revised = _save(staff, approved_report, "400")

    frozen = ItemRevision.objects.get(object_id=revised.pk, number=1)
    assert (revised.status, revised.revision) == (ItemStatus.DRAFT, 2)
    assert all("950.00" in line for line in frozen.content["ผลตามตัวชี้วัด"])


def test_a_report_whose_revision_is_drafted_still_counts_as_sent(staff, approved_report, window):
    _save(staff, approved_report, "400")

    rows = annual_rows_for(staff, year=2566)

    assert units_not_reported(window) == {}
    assert [(r.state, r.state_label) for r in rows] == [
        (ItemStatus.APPROVED, "อนุมัติแล้ว (ฉบับแก้ไขที่ 2: ร่าง)")
    ]


def test_the_annual_report_page_shows_what_changed(client, staff, approved_report):
    _save(staff, approved_report, "400")
    client.force_login(staff)

    with freeze(IN_WINDOW):
        page = client.get(approved_report.get_absolute_url()).content.decode()

    assert "สิ่งที่เปลี่ยนแปลงจากฉบับที่อนุมัติแล้ว (ฉบับที่ 1)" in page
    assert "950.00" in page and "400.00" in page
