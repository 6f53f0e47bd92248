"""The project workbook (shared/spec/exchange.md): import, its refusals, and export."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from approvals.models import Action, Transition
from approvals.selectors import trail_for
from orgs.models import Role
from projects.completeness import TARGET_LEVELS
from projects.models import PlanNode, Project
from projects.services.codes import project_code_issue
from reporting.models import QuarterlyReport
from reporting.workbook import (
    PROGRESS_KEYS,
    PROJECT_KEYS,
    WorkbookRejected,
    export_workbook,
    import_workbook,
)
from tests.conftest import queries_of
from tests.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db

PROJECT = {
    "code": "รง 0209-67-0101",
    "name": "โครงการนำเข้าจากไฟล์",
    "owner_unit": "0209",
    "fiscal_year": 2567,
    "cycle": "fiscal",
    "kind": "project",
    "uses_budget": "TRUE",
    "start_date": "2023-10-01",
    "end_date": "2024-09-30",
    "budget": "1500000.50",
    "targets": "110401;010201",
    "status": "approved",
}
PROGRESS = {
    "project_code": "รง 0209-67-0101",
    "fiscal_year": 2567,
    "quarter": 1,
    "progress_percent": 25.5,
    "disbursed": 100000,
    "result": "ดำเนินการตามแผน",
    "problems": "",
    "suggestions": "",
    "status": "submitted",
}


def workbook(projects=(PROJECT,), progress=None, *, project_keys=PROJECT_KEYS) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "projects"
    sheet.append(list(project_keys))
    for row in projects:
        sheet.append([row.get(k) for k in project_keys])
    if progress is not None:
        progress_sheet = book.create_sheet("progress")
        progress_sheet.append(PROGRESS_KEYS)
        for row in progress:
            progress_sheet.append([row.get(k) for k in PROGRESS_KEYS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def pyp():
    return user_with_role(Role.PYP_OFFICER, "MOL")


def rejected(data: bytes, user) -> list[str]:
    with pytest.raises(WorkbookRejected) as exc:
        import_workbook(data=data, user=user)
    return [str(e) for e in exc.value.result.errors]


def test_a_workbook_creates_projects_with_budget_and_targets(pyp):
    result = import_workbook(data=workbook(), user=pyp)

    project = Project.objects.get(code="รง 0209-67-0101")
    assert result.projects_created == 1
    assert project.owner_unit.code == "0209" and project.start_date == date(2023, 10, 1)
    assert sum(s.amount for s in project.budget_sources.all()) == Decimal("1500000.50")
    assert sorted(n.code for n in project.plan_nodes.all()) == ["010201", "110401"]


def test_importing_the_same_file_twice_changes_nothing_the_second_time(pyp):
    data = workbook(progress=[PROGRESS])
    import_workbook(data=data, user=pyp)
    project = Project.objects.get(code="รง 0209-67-0101")
    before = (
        project.updated_at,
        Transition.objects.count(),
        QuarterlyReport.objects.get().updated_at,
    )

    again = import_workbook(data=data, user=pyp)

    project.refresh_from_db()
    assert again.changed == 0 and (again.projects_unchanged, again.reports_unchanged) == (1, 1)
    assert (
        project.updated_at,
        Transition.objects.count(),
        QuarterlyReport.objects.get().updated_at,
    ) == before


def test_a_bad_date_is_named_by_row_and_column(pyp):
    errors = rejected(workbook([{**PROJECT, "start_date": "31/12/2023"}]), pyp)

    assert errors == [
        "ชีต projects แถวที่ 2 คอลัมน์ start_date: “31/12/2023” ไม่ใช่วันที่: ใช้รูปแบบ YYYY-MM-DD (ค.ศ.) เช่น 2023-10-01"
    ]


def test_an_unknown_unit_rejects_the_whole_file(pyp):
    good = {**PROJECT, "code": "รง 0209-67-0102"}
    errors = rejected(workbook([good, {**PROJECT, "owner_unit": "9999"}]), pyp)

    assert errors == ["ชีต projects แถวที่ 3 คอลัมน์ owner_unit: ไม่พบหน่วยงานรหัส “9999”"]
    assert not Project.objects.filter(code="รง 0209-67-0102").exists()


def test_a_duplicate_code_in_the_file_is_refused(pyp):
    errors = rejected(workbook([PROJECT, PROJECT]), pyp)

    assert errors == ["ชีต projects แถวที่ 3 คอลัมน์ code: รหัสโครงการ รง 0209-67-0101 ซ้ำกับแถวที่ 2"]


def test_progress_over_one_hundred_is_refused(pyp):
    errors = rejected(workbook(progress=[{**PROGRESS, "progress_percent": 120}]), pyp)

    assert errors == [
        "ชีต progress แถวที่ 2 คอลัมน์ progress_percent: ความก้าวหน้าต้องอยู่ระหว่าง 0–100 (ในไฟล์ 120.00)"
    ]
    assert not Project.objects.filter(code=PROJECT["code"]).exists()


def test_a_buddhist_year_typed_as_christian_is_explained(pyp):
    errors = rejected(workbook([{**PROJECT, "fiscal_year": 2024}]), pyp)

    assert errors == [
        "ชีต projects แถวที่ 2 คอลัมน์ fiscal_year: ปี 2024 เป็นปี ค.ศ.: กรุณากรอกเป็น พ.ศ. (เช่น 2567)"
    ]


def test_a_christian_date_typed_in_buddhist_years_is_explained(pyp):
    errors = rejected(workbook([{**PROJECT, "end_date": "2567-09-30"}]), pyp)

    assert "ปี 2567 ในวันที่เป็น พ.ศ." in errors[0]


def test_an_empty_sheet_is_refused(pyp):
    assert rejected(workbook([]), pyp) == ["ชีต projects: ไฟล์ไม่มีข้อมูลโครงการ (ชีตว่าง)"]


def test_a_wrong_header_names_the_missing_columns(pyp):
    keys = [k if k != "budget" else "amount" for k in PROJECT_KEYS]

    errors = rejected(workbook(project_keys=keys), pyp)

    assert errors == ["ชีต projects แถวที่ 1 คอลัมน์ budget: หัวตารางไม่ถูกต้อง: ไม่พบคอลัมน์นี้ในแถวแรก"]


def test_a_file_that_is_not_a_workbook_is_refused(pyp):
    assert rejected(b"not a workbook", pyp) == ["ชีต -: เปิดไฟล์ไม่ได้: ไฟล์ต้องเป็น Excel (.xlsx)"]


def test_an_unknown_target_code_is_refused(pyp):
    errors = rejected(workbook([{**PROJECT, "targets": "110401;999999"}]), pyp)

    assert errors == ["ชีต projects แถวที่ 2 คอลัมน์ targets: ไม่พบรหัสเป้าหมาย 999999 ในยุทธศาสตร์ชาติ"]


def test_staff_may_import_only_their_own_units_projects():
    staff = user_with_role(Role.STAFF, "0206")

    errors = rejected(workbook(), staff)

    assert "คุณไม่มีสิทธิ์นำเข้าโครงการของหน่วยงาน" in errors[0]


def test_an_imported_approved_report_records_the_importer_in_the_trail(pyp):
    import_workbook(data=workbook(progress=[{**PROGRESS, "status": "approved"}]), user=pyp)

    report = QuarterlyReport.objects.get()
    assert report.status == "approved"
    trail = trail_for(report)
    assert [(t.action, t.to_status, t.actor) for t in trail] == [
        (Action.IMPORT, "submitted", pyp),
        (Action.IMPORT, "approved", pyp),
    ]


def test_a_dry_run_saves_nothing(pyp):
    result = import_workbook(data=workbook(progress=[PROGRESS]), user=pyp, dry_run=True)

    assert result.projects_created == 1 and result.reports_created == 1
    assert not Project.objects.filter(code=PROJECT["code"]).exists()


def test_an_approved_report_cannot_be_set_back_to_draft(pyp):
    import_workbook(data=workbook(progress=[{**PROGRESS, "status": "approved"}]), user=pyp)

    errors = rejected(workbook(progress=[{**PROGRESS, "status": "draft"}]), pyp)

    assert "ย้อนสถานะจากไฟล์ไม่ได้" in errors[0]


def test_export_then_import_changes_nothing(pyp):
    second = {
        **PROJECT,
        "code": "รง DOE-67-0001",
        "owner_unit": "DOE",
        "uses_budget": "FALSE",
        "budget": "",
        "targets": "",
        "cycle": "calendar",
        "kind": "operation",
    }
    import_workbook(data=workbook([PROJECT, second], progress=[PROGRESS]), user=pyp)
    exported = io.BytesIO()
    export_workbook(projects=Project.objects.all(), output=exported)

    result = import_workbook(data=exported.getvalue(), user=pyp)

    assert result.changed == 0
    assert (result.projects_unchanged, result.reports_unchanged) == (2, 1)


def test_the_export_has_the_spec_keys_then_a_thai_label_row(pyp):
    import_workbook(data=workbook(), user=pyp)
    exported = io.BytesIO()
    export_workbook(projects=Project.objects.all(), output=exported)

    sheet = load_workbook(io.BytesIO(exported.getvalue()))["projects"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == PROJECT_KEYS
    assert rows[1][0] == "รหัสโครงการ"
    assert rows[2][:4] == ("รง 0209-67-0101", "โครงการนำเข้าจากไฟล์", "0209", 2567)


def test_the_command_imports_and_reports_thai_errors(tmp_path, pyp):
    UserFactory(username="root", is_superuser=True)
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    good.write_bytes(workbook())
    bad.write_bytes(workbook([{**PROJECT, "owner_unit": "XX"}]))

    out = io.StringIO()
    call_command("import_workbook", str(good), "--dry-run", stdout=out)
    assert "ตรวจสอบแล้ว (ไม่ได้บันทึก)" in out.getvalue() and not Project.objects.exists()
    call_command("import_workbook", str(good), stdout=io.StringIO())
    assert Project.objects.filter(code=PROJECT["code"]).exists()
    with pytest.raises(CommandError, match="ไม่พบหน่วยงานรหัส “XX”"):
        call_command("import_workbook", str(bad))


def test_the_upload_page_shows_each_bad_row(client, pyp):
    client.force_login(pyp)
    upload = io.BytesIO(
        workbook([{**PROJECT, "fiscal_year": 2024}, {**PROJECT, "code": "X", "owner_unit": "ZZ"}])
    )
    upload.name = "projects.xlsx"

    page = client.post(reverse("reporting:workbook_import"), {"file": upload}).content.decode()

    assert "นำเข้าไม่สำเร็จ" in page and "ปี 2024 เป็นปี ค.ศ." in page and "ไม่พบหน่วยงานรหัส “ZZ”" in page


def test_the_export_download_holds_only_visible_projects(client, pyp):
    import_workbook(
        data=workbook([PROJECT, {**PROJECT, "code": "รง 0206-67-0001", "owner_unit": "0206"}]),
        user=pyp,
    )
    client.force_login(user_with_role(Role.STAFF, "0206"))

    response = client.get(reverse("reporting:workbook_export"))

    rows = list(
        load_workbook(io.BytesIO(b"".join(response.streaming_content)))["projects"].iter_rows(
            values_only=True
        )
    )
    assert [r[0] for r in rows[2:]] == ["รง 0206-67-0001"]


def _many(count: int) -> bytes:
    """A workbook of `count` new projects of two units, each with two quarters of reports."""
    projects, progress = [], []
    for n in range(count):
        code = f"รง BULK-{n:04d}"
        projects.append({**PROJECT, "code": code, "owner_unit": "0209" if n % 2 else "DOE"})
        progress.append({**PROGRESS, "project_code": code, "status": "approved"})
        progress.append({**PROGRESS, "project_code": code, "quarter": 2, "status": "submitted"})
    return workbook(projects, progress)


def test_the_queries_of_an_import_do_not_grow_with_its_rows(pyp):
    few, many = _many(5), _many(30)
    import_workbook(data=few, user=pyp, dry_run=True)  # warms the caches (content types, grants)
    small = queries_of(lambda: import_workbook(data=few, user=pyp, dry_run=True))

    large = queries_of(lambda: import_workbook(data=many, user=pyp, dry_run=True))

    assert large == small


def test_a_bulk_import_writes_one_trail_row_per_move_of_every_report(pyp):
    result = import_workbook(data=_many(30), user=pyp)

    assert (result.projects_created, result.reports_created) == (30, 60)
    trail = Transition.objects.filter(
        action=Action.IMPORT, approval__content_type__model="quarterlyreport"
    )
    assert trail.filter(to_status="submitted").count() == 60
    assert trail.filter(to_status="approved").count() == 30
    assert QuarterlyReport.objects.filter(status="approved").count() == 30
    assert all(p.missing for p in Project.objects.filter(code__startswith="รง BULK-"))


def test_a_changed_budget_and_targets_replace_the_old_and_keep_other_plan_links(pyp):
    import_workbook(data=workbook(), user=pyp)
    project = Project.objects.get(code=PROJECT["code"])
    strategy = PlanNode.objects.exclude(level__in=TARGET_LEVELS).first()
    project.plan_nodes.add(strategy)

    result = import_workbook(
        data=workbook([{**PROJECT, "budget": "2000", "targets": "110401"}]), user=pyp
    )

    assert result.projects_updated == 1
    assert [s.amount for s in project.budget_sources.all()] == [Decimal("2000.00")]
    assert sorted(n.code for n in project.plan_nodes.all()) == sorted(["110401", strategy.code])


def test_a_project_awaiting_approval_is_not_changed_from_a_file(pyp):
    import_workbook(data=workbook(), user=pyp)
    Project.objects.filter(code=PROJECT["code"]).update(status="submitted")

    errors = rejected(workbook([{**PROJECT, "name": "ชื่อใหม่"}]), pyp)

    assert errors == ["ชีต projects แถวที่ 2 คอลัมน์ code: โครงการนี้อยู่ระหว่างการอนุมัติ แก้ไขจากไฟล์ไม่ได้"]
    assert Project.objects.get(code=PROJECT["code"]).name == PROJECT["name"]


def test_a_draft_report_imported_again_as_approved_climbs_from_draft(pyp):
    import_workbook(data=workbook(progress=[PROGRESS | {"status": "draft"}]), user=pyp)

    result = import_workbook(
        data=workbook(progress=[PROGRESS | {"status": "approved", "result": "เสร็จ"}]), user=pyp
    )

    report = QuarterlyReport.objects.get()
    assert result.reports_updated == 1 and (report.status, report.result) == ("approved", "เสร็จ")
    assert [(t.from_status, t.to_status) for t in trail_for(report)] == [
        ("draft", "submitted"),
        ("submitted", "approved"),
    ]


def test_an_import_locks_the_existing_projects_in_one_ordered_query(pyp):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    import_workbook(data=workbook(), user=pyp)

    with CaptureQueriesContext(connection) as captured:
        import_workbook(data=workbook([{**PROJECT, "name": "ชื่อใหม่"}]), user=pyp)

    locks = [
        q["sql"]
        for q in captured.captured_queries
        if 'FROM "projects_project"' in q["sql"] and "FOR UPDATE" in q["sql"]
    ]
    assert len(locks) == 1 and 'ORDER BY "projects_project"."id" ASC' in locks[0]


def test_a_code_made_in_the_file_is_never_issued_again_to_a_new_project(pyp, unit):
    import_workbook(data=workbook(), user=pyp)  # รง 0209-67-0101

    issued = project_code_issue(unit=unit("0209"), fiscal_year=2567)

    assert issued == "รง 0209-67-0102"
