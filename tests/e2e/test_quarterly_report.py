"""M6 in a real browser: report inside the window, locked after it, reopened by an extension."""

from datetime import date, datetime

import pytest

from approvals.models import ItemStatus
from core.clock import freeze
from orgs.models import OrgUnit, Role
from reporting.models import QuarterlyReport
from tests.factories import ProjectFactory, WindowFactory, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


def due(code: str, name: str):
    return ProjectFactory(
        owner_unit=OrgUnit.objects.get(code=code),
        name=name,
        status=ItemStatus.APPROVED,
        start_date=date(2023, 10, 1),
        end_date=date(2024, 9, 30),
    )


def test_report_in_the_window_then_locked_then_reopened_for_one_unit(open_as, live_server):
    user_with_role(Role.STAFF, "0209", username="staff")
    user_with_role(Role.STAFF, "0206", username="other")
    user_with_role(Role.PYP_OFFICER, "MOL", username="pyp")
    window = WindowFactory(fiscal_year=2567, quarter=1, name="รายงานความก้าวหน้าไตรมาส 1/2567")
    first, second = due("0209", "โครงการอาสาสมัครแรงงาน"), due("0209", "โครงการศูนย์บริการ")
    elsewhere = due("0206", "โครงการแผนงาน")
    round_url = f"{live_server.url}/reports/?fiscal_year=2567&quarter=1"

    with freeze(datetime(2024, 1, 10, 10, 0)):
        staff = open_as("staff")
        staff.goto(round_url)
        assert staff.locator("#round tbody tr").count() == 2
        staff.click(f"#round tr:has-text('{first.code}') .btn")
        staff.fill("#id_progress_percent", "40")
        staff.fill("#id_result", "อบรมอาสาสมัครแล้ว ๒ รุ่น")
        staff.fill("#id_problems", "วิทยากรมีไม่เพียงพอ")
        staff.fill("#id_disbursed", "250000")
        staff.click("button[name=save]")
        assert "บันทึกรายงานแล้ว" in staff.inner_text(".messages")
        staff.click("#item-actions [data-action=submit]")
        assert "ส่งขออนุมัติแล้ว" in staff.inner_text(".messages")

    assert QuarterlyReport.objects.get(project=first).status == ItemStatus.SUBMITTED

    with freeze(datetime(2024, 1, 31, 9, 0)):
        staff.goto(round_url)
        staff.click(f"#round tr:has-text('{second.code}') .btn")
        assert "ปิดแล้วเมื่อ 30 มกราคม 2567" in staff.inner_text(".messages")
        assert not QuarterlyReport.objects.filter(project=second).exists()

        pyp = open_as("pyp")
        pyp.goto(f"{live_server.url}/reports/windows/{window.pk}/")
        pyp.select_option("#id_unit", value=str(OrgUnit.objects.get(code="0209").pk))
        pyp.fill("#id_until", "2024-02-07")
        pyp.fill("#id_reason", "ระบบสารสนเทศของหน่วยงานขัดข้อง")
        pyp.click("#grant-extension")
        assert "บันทึกการขยายเวลาแล้ว" in pyp.inner_text(".messages")

        staff.goto(round_url)
        staff.click(f"#round tr:has-text('{second.code}') .btn")
        assert staff.is_visible("#id_progress_percent")
        staff.fill("#id_progress_percent", "10")
        staff.click("button[name=save]")
        assert "บันทึกรายงานแล้ว" in staff.inner_text(".messages")

        other = open_as("other")
        other.goto(round_url)
        other.click(f"#round tr:has-text('{elsewhere.code}') .btn")
        assert "ปิดแล้ว" in other.inner_text(".messages")
