"""Staff enter a project through M1–M5 in a real browser until nothing is missing."""

import pytest

from core import fiscal
from core.clock import today
from orgs.models import Role
from projects.models import Project
from tests.e2e.conftest import login
from tests.factories import ProjectFactory, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


def missing_count(page) -> int:
    return page.locator("#missing-list li").count()


def test_staff_enter_a_project_through_all_five_modules(page, live_server):
    user_with_role(Role.STAFF, "0209", username="somjai")
    login(page, live_server, "somjai", "pass-1234-ทดสอบ")

    page.goto(f"{live_server.url}/projects/new/")
    page.fill("#id_name", "โครงการพัฒนาทักษะดิจิทัลแรงงาน")
    page.click("button:has-text('สร้างโครงการ')")
    # The pickers work through htmx: wait until the new page has loaded it.
    page.wait_for_url("**/edit/m1/")
    page.wait_for_function("() => window.htmx !== undefined")
    start = missing_count(page)
    assert start > 10

    # M1: pick a Y1 target through the cascade.
    page.select_option(
        "#pick-master",
        value=page.locator("#pick-master option[data-code='11']").get_attribute("value"),
    )
    page.wait_for_selector("#pick-sub option[data-code='1104']", state="attached")
    page.select_option("#pick-sub", index=1)
    page.wait_for_selector("#pick-target option[data-code='110401']", state="attached")
    page.select_option("#pick-target", index=1)
    page.click("[data-add-code]")
    assert page.input_value("[name=target_codes]") == "110401"
    page.click("button[name=next_module]")
    after_m1 = missing_count(page)
    assert after_m1 < start

    # M2: general data over two fiscal years (Oct 2569 – Sep 2571).
    page.fill("#id_director_first_name", "สมชาย")
    page.fill("#id_director_last_name", "ใจดี")
    page.fill("#id_director_email", "somchai@mol.go.th")
    page.fill("#id_director_phone", "0 2232 1403")
    page.select_option("#id_start_date_0", "10")
    page.fill("#id_start_date_1", "2569")
    page.select_option("#id_end_date_0", "9")
    page.fill("#id_end_date_1", "2571")
    page.click("button[name=next_module]")
    after_m2 = missing_count(page)
    assert after_m2 < after_m1

    # M3: texts, an output, an outcome, a KPI and an operating area.
    for field, text in [
        ("rationale", "แรงงานขาดทักษะดิจิทัล"),
        ("objectives", "ยกระดับทักษะ"),
        ("expected_results", "แรงงานมีงานทำ"),
        ("target_groups", "แรงงานในระบบ"),
    ]:
        page.fill(f"#id_{field}", text)
    for kind, text, value, measure in [
        ("output", "ผู้ผ่านการอบรม", "500", "คน"),
        ("outcome", "ผู้ผ่านการอบรมมีงานทำ", "", ""),
        ("kpi", "ร้อยละผู้มีงานทำ", "80", "ร้อยละ"),
    ]:
        page.click("[data-add-row=target]")
        row = page.locator("#targets tbody tr").last
        row.locator("select").select_option(kind)
        row.locator("input[name$='-description']").fill(text)
        row.locator("input[name$='-target_value']").fill(value)
        row.locator("input[name$='-unit_of_measure']").fill(measure)
    page.click("[data-add-row=area]")
    area = page.locator("#areas tbody tr").last
    area.locator("select[name$='-level']").select_option("province")
    area.locator("select[name$='-province']").select_option("เชียงใหม่")
    page.click("button[name=next_module]")
    after_m3 = missing_count(page)
    assert after_m3 < after_m2

    # M4: activity 1 with two nested activities 1.1 and 1.2, then activity 2.
    for name, indent, quarter in [
        ("เตรียมการ", False, "2570-1"),
        ("ประชุมชี้แจง", True, "2570-1"),
        ("จัดหาวิทยากร", False, "2570-2"),
        ("อบรม", False, "2571-3"),
    ]:
        page.click("[data-add-row=activity]")
        row = page.locator("#activities tbody tr").last
        row.locator("input[name$='-name']").fill(name)
        if indent:
            row.locator("[data-indent='1']").click()
        row.locator(f"input[value='{quarter}']").check()
    page.locator("#activities tbody tr").nth(2).locator("[data-indent='1']").click()  # 1.2 under 1
    assert page.locator("#activities [data-number]").all_inner_texts() == ["1", "1.1", "1.2", "2"]
    page.click("button[name=next_module]")
    after_m4 = missing_count(page)
    assert after_m4 < after_m3

    # M5: one source and a spending plan over both fiscal years.
    page.fill("#source-state_direct", "1,000,000")
    page.fill("[name='plan-2570-1']", "400000")
    page.fill("[name='plan-2571-4']", "600000")
    assert page.inner_text("[data-total=plan]") == page.inner_text("[data-total=sources]")
    page.click("button[name=save]")

    assert missing_count(page) == 0
    assert page.is_visible("#all-complete")
    # The submit button sits beside "ready to submit".
    assert page.is_visible("#item-actions [data-action=submit]")

    page.goto(f"{live_server.url}/projects/?q=ทักษะดิจิทัล")
    assert page.locator("#project-list tbody tr").count() == 1
    project = Project.objects.get(name="โครงการพัฒนาทักษะดิจิทัลแรงงาน")
    fy = fiscal.fiscal_year_of(today())  # the create form proposes the current fiscal year
    assert project.is_complete and project.code == f"รง 0209-{fy % 100:02d}-0001"
    tree = sorted((a.name, a.parent.name if a.parent else "") for a in project.activities.all())
    assert tree == [
        ("จัดหาวิทยากร", "เตรียมการ"),
        ("ประชุมชี้แจง", "เตรียมการ"),
        ("อบรม", ""),
        ("เตรียมการ", ""),
    ]


def test_the_live_total_flags_amounts_the_server_would_refuse(page, live_server, unit):
    user_with_role(Role.STAFF, "0209", username="somjai")
    project = ProjectFactory(owner_unit=unit("0209"))  # October 2566 – September 2567
    login(page, live_server, "somjai", "pass-1234-ทดสอบ")
    page.goto(f"{live_server.url}/projects/{project.pk}/edit/m5/")
    box, total = "#source-state_direct", "[data-total=sources]"

    for typed in ("1,000.555", "1.000,5", "12abc", "-5"):
        page.fill(box, typed)
        assert page.inner_text(total) == "—", typed
        assert page.is_visible("[data-unreadable=sources]"), typed
        assert page.get_attribute(box, "aria-invalid") == "true"
        assert page.locator(f"{box} + [data-live-error]").count() == 1
    assert "ทศนิยมได้ไม่เกิน ๒ ตำแหน่ง" not in page.inner_text("#module-form")

    page.fill(box, "๑,๐๐๐")
    page.fill("[name='plan-2567-1']", "999.5")
    page.fill("[name='plan-2567-2']", "0.50")
    assert page.inner_text(total) == "1,000.00"
    assert page.inner_text("[data-total=plan]") == "1,000.00"
    assert not page.is_visible("[data-unreadable=sources]")
    assert not page.is_visible("[data-mismatch]")
    assert page.locator("[data-live-error]").count() == 0

    page.fill("[name='plan-2567-2']", "0.505")
    assert page.inner_text("[data-total=plan]") == "—"
    assert "ทศนิยมได้ไม่เกิน ๒ ตำแหน่ง" in page.inner_text("#spending-plan")
    assert not page.is_visible("[data-mismatch]")


def test_a_likely_duplicate_is_shown_before_a_code_and_a_mistaken_draft_is_deleted(
    page, live_server, unit
):
    user_with_role(Role.STAFF, "0209", username="somjai")
    fy = fiscal.fiscal_year_of(today())
    existing = ProjectFactory(fiscal_year=fy, name="โครงการจัดทำฐานข้อมูลแรงงานนอกระบบ")
    login(page, live_server, "somjai", "pass-1234-ทดสอบ")

    page.goto(f"{live_server.url}/projects/new/")
    page.fill("#id_name", "จัดทำฐานข้อมูลแรงงาน นอกระบบ")
    page.click("button:has-text('สร้างโครงการ')")
    assert page.is_visible(f"#create-duplicates a:has-text('{existing.code}')")
    assert Project.objects.count() == 1

    page.click("button[name=confirm_distinct]")
    page.wait_for_url("**/edit/m1/")
    created = Project.objects.exclude(pk=existing.pk).get()

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#delete-draft button")
    page.wait_for_url(f"{live_server.url}/projects/")
    assert f"ลบร่างโครงการ {created.code} แล้ว" in page.inner_text("body")
    assert not Project.objects.filter(pk=created.pk).exists()
