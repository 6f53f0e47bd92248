"""Level-3 plans in a real browser: a division enters a plan and its PDF, the plan
climbs the chain, a project names it in M1, and the plan's annual achievement report
is sent up (issue 8)."""

from datetime import date, datetime

import pytest

from approvals.items import checklist_points
from approvals.models import ItemStatus
from approvals.services.transitions import item_approve
from core.clock import freeze
from orgs.models import Role
from projects.models import Level3Plan, Project
from reporting.models import AnnualReport
from tests.factories import QuarterlyReportFactory, complete_project, user_with_role
from tests.projects.level3_factories import open_level3_window, pdf_bytes
from tests.reporting.annual_factories import annual_window

pytestmark = pytest.mark.django_db(transaction=True)
ALL_TICKED = {key: True for key, _ in checklist_points()}  # every kind's ป.ย.ป. points


def approve_up_the_chain(plan: Level3Plan) -> None:
    """Director, ป.ย.ป. check, cluster head, Permanent Secretary (a division of สป.รง.)."""
    for role, unit in [
        (Role.DIVISION_DIRECTOR, "0209"),
        (Role.PYP_OFFICER, "MOL"),
        (Role.CLUSTER_HEAD, "CL-POLICY"),
        (Role.PERMANENT_SECRETARY, "MOL"),
    ]:
        plan.refresh_from_db()
        item_approve(item=plan, actor=user_with_role(role, unit), checklist=ALL_TICKED)


def enter_plan(page, live_server) -> None:
    page.goto(f"{live_server.url}/projects/level3/new/")
    page.fill("#id_name", "แผนปฏิบัติการด้านการป้องกันและแก้ไขปัญหายาเสพติดในสถานประกอบกิจการ")
    page.check("input[name=plan_type][value=action]")
    page.fill("#id_start_year", "2566")
    page.fill("#id_end_year", "2570")
    page.fill("#id_announced_on", "1/5/2566")  # the shared พ.ศ. date field
    page.press("#id_announced_on", "Tab")
    assert page.input_value("#id_announced_on") == "1 พ.ค. 2566"
    page.fill("#id_target_codes", "110401")
    page.click("button[data-add-row=indicator]")
    row = page.locator("#indicator-table tbody tr").last
    row.locator("textarea[name$='-goal']").fill("แรงงานปลอดยาเสพติด")
    row.locator("textarea[name$='-name']").fill("จำนวนสถานประกอบกิจการที่เข้าร่วม")
    row.locator("input[name$='-unit_of_measure']").fill("แห่ง")
    for year_input in row.locator("input.num").all():
        year_input.fill("120")
    page.click("button:has-text('บันทึกร่าง')")
    page.wait_for_selector("#upload-form")


def test_a_plan_from_entry_to_its_annual_achievement_report(open_as, live_server, unit):
    user_with_role(Role.STAFF, "0209", username="staff")
    open_level3_window(fiscal_year=2567)
    annual_window(2566, unit_deadline=date(2024, 1, 31), chain_deadline=date(2024, 2, 15))
    # Last year's approved project, with its Q4 report: the plan's results should show it.
    project = complete_project(
        owner_unit=unit("0209"),
        fiscal_year=2566,
        start_date=date(2022, 10, 1),
        end_date=date(2023, 9, 30),
        status=ItemStatus.APPROVED,
    )
    QuarterlyReportFactory(
        project=project,
        fiscal_year=2566,
        quarter=4,
        progress_percent=85,
        result="อบรมสถานประกอบกิจการ 132 แห่ง",
        status=ItemStatus.APPROVED,
    )

    with freeze(datetime(2024, 1, 10, 10, 0)):
        staff = open_as("staff")
        enter_plan(staff, live_server)
        staff.set_input_files(
            "#upload-form input[type=file]",
            files=[
                {"name": "แผนปฏิบัติการ.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
            ],
        )
        staff.click("#upload-form button[type=submit]")
        staff.wait_for_selector("text=แผนปฏิบัติการ.pdf")
        staff.click("[data-action=submit]")
        staff.wait_for_selector("text=ส่งขออนุมัติแล้ว")

        plan = Level3Plan.objects.get()
        assert plan.status == ItemStatus.SUBMITTED and plan.documents.count() == 1
        assert plan.announced_on == date(2023, 5, 1)
        approve_up_the_chain(plan)
        plan.refresh_from_db()
        assert plan.status == ItemStatus.APPROVED

        # The project names the approved plan in its M1.
        staff.goto(f"{live_server.url}/projects/{project.pk}/edit/m1/")
        staff.check(f"input[name=level3_plans][value='{plan.pk}']")
        asked = []  # the project is approved: saving asks before it opens revision 2
        staff.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
        with staff.expect_navigation():
            staff.click("button:has-text('บันทึกร่าง')")
        assert "ฉบับแก้ไขที่ 2" in asked[0]
        assert list(Project.objects.get(pk=project.pk).level3_plans.all()) == [plan]

        # The annual achievement report of 2566, started from the list in one click,
        # beside the linked project.
        staff.goto(f"{live_server.url}/reports/annual/")
        with staff.expect_navigation():
            staff.click("#annual button:has-text('รายงานผล')")
        assert staff.url == f"{live_server.url}/reports/annual/{plan.pk}/2566/"
        linked = staff.locator("#linked-projects")
        assert project.code in linked.inner_text() and "132 แห่ง" in linked.inner_text()
        staff.fill("input[name$='-result_value']", "132")
        staff.fill("#id_summary", "สถานประกอบกิจการเข้าร่วมเกินเป้าหมาย")
        with staff.expect_navigation():
            staff.click("button[name=save]")
        staff.click("[data-action=submit]")
        staff.wait_for_selector("text=ส่งขออนุมัติแล้ว")

    report = AnnualReport.objects.get(plan=plan, year=2566)
    assert report.status == ItemStatus.SUBMITTED
    assert report.results.get().result_value == 132
