"""The M7 chain in a real browser: return, fix, resubmit, and a bulk final approval."""

import pytest

from approvals.models import ItemStatus
from orgs.models import OrgUnit, Role
from projects.models import Project
from tests.factories import complete_project, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


def click_action(page, action: str) -> None:
    page.click(f"#item-actions [data-action={action}]")
    page.wait_for_load_state("load")


def test_a_project_climbs_the_chain_with_a_return_and_a_bulk_final_approval(
    open_as, live_server, open_entry_windows
):
    user_with_role(Role.STAFF, "0209", username="staff")
    user_with_role(Role.DIVISION_DIRECTOR, "0209", username="director")
    user_with_role(Role.PYP_OFFICER, "MOL", username="pyp")
    user_with_role(Role.CLUSTER_HEAD, "CL-POLICY", username="cluster")
    user_with_role(Role.PERMANENT_SECRETARY, "MOL", username="ps")
    unit = OrgUnit.objects.get(code="0209")
    first = complete_project(owner_unit=unit, name="โครงการอาสาสมัครแรงงาน", rationale="เดิม")
    second = complete_project(owner_unit=unit, name="โครงการศูนย์บริการประชาชน")

    staff = open_as("staff")
    for project in (first, second):
        staff.goto(f"{live_server.url}/projects/{project.pk}/")
        click_action(staff, "submit")
        assert "ส่งขออนุมัติแล้ว" in staff.inner_text(".messages")

    director = open_as("director")
    director.goto(f"{live_server.url}/approvals/")
    assert director.locator("#inbox tbody tr").count() == 2
    director.click("#approve-all")
    assert "ยืนยันการอนุมัติ 2 รายการ" in director.inner_text("h1")
    director.click("#confirm-bulk")
    assert "อนุมัติแล้ว 2 รายการ" in director.inner_text(".messages")

    pyp = open_as("pyp")
    pyp.goto(f"{live_server.url}/projects/{first.pk}/")
    pyp.fill("#decision-comment", "หลักการและเหตุผลไม่สอดคล้องกับเป้าหมาย 110401")
    click_action(pyp, "return")
    pyp.goto(f"{live_server.url}/projects/{second.pk}/")
    for box in pyp.locator("fieldset.checklist input[type=checkbox]").all():
        box.check()
    click_action(pyp, "approve")

    staff.goto(f"{live_server.url}/projects/{first.pk}/")
    assert "หลักการและเหตุผลไม่สอดคล้อง" in staff.inner_text("ol.trail")
    staff.goto(f"{live_server.url}/projects/{first.pk}/edit/m3/")
    staff.fill("#id_rationale", "แก้ไขหลักการและเหตุผลให้สอดคล้องกับเป้าหมายแล้ว")
    staff.click("button[name=save]")
    staff.goto(f"{live_server.url}/projects/{first.pk}/")
    click_action(staff, "submit")

    director.goto(f"{live_server.url}/projects/{first.pk}/")
    click_action(director, "approve")
    pyp.goto(f"{live_server.url}/projects/{first.pk}/")
    for box in pyp.locator("fieldset.checklist input[type=checkbox]").all():
        box.check()
    click_action(pyp, "approve")

    cluster = open_as("cluster")
    cluster.goto(f"{live_server.url}/approvals/")
    cluster.click("#approve-all")
    cluster.click("#confirm-bulk")

    ps = open_as("ps")
    ps.goto(f"{live_server.url}/approvals/")
    assert ps.locator("#inbox tbody tr").count() == 2
    ps.click("#check-all")
    ps.click("#approve-selected")
    ps.click("#confirm-bulk")
    assert "อนุมัติแล้ว 2 รายการ" in ps.inner_text(".messages")

    assert set(Project.objects.values_list("status", flat=True)) == {ItemStatus.APPROVED}
    first.refresh_from_db()
    assert first.revisions.get().content["M3 รายละเอียด"]["หลักการและเหตุผล"].startswith("แก้ไข")
