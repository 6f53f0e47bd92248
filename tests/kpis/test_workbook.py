"""The monthly KPI workbook (shared/spec/exchange.md section 3): import, refusals, export."""

import io
from datetime import datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from core.clock import freeze
from kpis.models import Kpi, KpiResult, KpiTarget
from kpis.workbook import (
    KPI_KEYS,
    RESULT_KEYS,
    KpiWorkbookRejected,
    export_kpi_workbook,
    import_kpi_workbook,
)
from orgs.models import Role
from projects.models import Project
from tests.conftest import queries_of
from tests.factories import UserFactory, user_with_role

from .factories import KpiResultFactory, planned_kpi

pytestmark = pytest.mark.django_db

KPI = {
    "code": "68-0208-2-01",
    "fiscal_year": 2568,
    "unit": "0208-2",
    "project": None,
    "name": "จัดประชุม คกก. CIO กระทรวงแรงงาน",
    "unit_of_measure": "ครั้ง",
    "quantitative": "TRUE",
    "annual_target": 4,
    "target_m2": 1,
    "target_m12": 4,
}
RESULT = {
    "kpi_code": "68-0208-2-01",
    "fiscal_year": 2568,
    "month": 2,
    "value": 0,
    "remark": "ยังไม่สามารถจัดประชุมได้",
}
PROJECT = {
    "code": "รง 0209-68-0901",
    "name": "โครงการเพิ่มประสิทธิภาพการให้บริการด้านแรงงาน",
    "owner_unit": "0209",
    "fiscal_year": 2568,
    "cycle": "fiscal",
    "kind": "project",
    "uses_budget": "TRUE",
    "start_date": "2024-10-01",
    "end_date": "2025-09-30",
    "budget": None,
    "targets": None,
}


def kpi(**fields) -> dict:
    return {**KPI, **fields}


def result(**fields) -> dict:
    return {**RESULT, **fields}


def workbook(kpis=(KPI,), results=(RESULT,), projects=None, *, result_keys=RESULT_KEYS) -> bytes:
    book = Workbook()
    book.remove(book.active)
    sheets = [("kpis", KPI_KEYS, kpis), ("kpi_results", result_keys, results)]
    if projects is not None:
        sheets.insert(0, ("projects", list(PROJECT), projects))
    for name, keys, rows in sheets:
        if rows is None:
            continue
        sheet = book.create_sheet(name)
        sheet.append(keys)
        for row in rows:
            sheet.append([row.get(key) for key in keys])
    if not book.sheetnames:
        book.create_sheet("อื่น ๆ")
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


@pytest.fixture
def admin(db):
    return UserFactory(is_superuser=True, is_staff=True)


def rejected(data: bytes, user) -> list[str]:
    with pytest.raises(KpiWorkbookRejected) as caught:
        import_kpi_workbook(data=data, user=user)
    return [str(error) for error in caught.value.result.errors]


def snapshot() -> list:
    """Every KPI, target and result row as stored (timestamps included)."""
    return [
        list(Kpi.objects.order_by("pk").values()),
        list(KpiTarget.objects.order_by("pk").values()),
        list(KpiResult.objects.order_by("pk").values()),
    ]


def test_a_file_brings_kpis_their_cumulative_plan_and_results_with_reasons(admin):
    imported = import_kpi_workbook(data=workbook(), user=admin)

    kpi = Kpi.objects.get(fiscal_year=2568, code="68-0208-2-01")
    assert (kpi.unit.code, kpi.annual_target, kpi.is_quantitative) == ("0208-2", 4, True)
    assert dict(kpi.targets.values_list("month", "cumulative_value")) == {2: 1, 12: 4}
    saved = kpi.results.get(month=2)
    assert (saved.value, saved.remark, saved.entered_by) == (0, "ยังไม่สามารถจัดประชุมได้", admin)
    assert (imported.kpis_created, imported.results_created) == (1, 1)


def test_importing_the_same_file_again_changes_nothing(admin):
    data = workbook(
        kpis=[KPI, kpi(code="68-0208-2-02", name="อีกตัวชี้วัด", target_m1=1, target_m12=None)],
        results=[RESULT, result(kpi_code="68-0208-2-02", month=1, value=3, remark=None)],
    )
    import_kpi_workbook(data=data, user=admin)
    before = snapshot()

    again = import_kpi_workbook(data=data, user=admin)

    assert snapshot() == before
    assert (again.kpis_created, again.kpis_updated, again.kpis_unchanged) == (0, 0, 2)
    assert (again.results_created, again.results_updated, again.results_unchanged) == (0, 0, 2)
    assert again.changed == 0


def test_a_changed_plan_replaces_the_kpis_targets_and_keeps_others(admin):
    import_kpi_workbook(data=workbook(), user=admin)
    other = planned_kpi(code="68-0209-3-01", targets={1: 5}, results={1: 5})

    changed = import_kpi_workbook(
        data=workbook(kpis=[kpi(target_m2=None, target_m3=2, annual_target=8)], results=[]),
        user=admin,
    )

    kpi_ = Kpi.objects.get(code="68-0208-2-01")
    assert dict(kpi_.targets.values_list("month", "cumulative_value")) == {3: 2, 12: 4}
    assert kpi_.annual_target == 8 and changed.kpis_updated == 1
    assert other.targets.count() == 1 and other.results.count() == 1  # not in the file


def test_a_bad_row_rejects_the_whole_file_naming_its_sheet_row_and_column(admin):
    data = workbook(
        kpis=[KPI, kpi(code="68-0208-2-02", annual_target="สี่ครั้ง"), kpi(code="68-0208-2-03")],
        results=[RESULT, result(month=13)],
    )

    errors = rejected(data, admin)

    assert errors == [
        "ชีต kpis แถวที่ 3 คอลัมน์ annual_target: “สี่ครั้ง” ไม่ใช่ตัวเลข",
        "ชีต kpi_results แถวที่ 3 คอลัมน์ month: ต้องเป็นเดือนของปีงบประมาณ 1–12 (ต.ค. = 1 … ก.ย. = 12)",
    ]
    assert not Kpi.objects.exists() and not KpiResult.objects.exists()


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        (kpi(unit="9999"), "unit", "ไม่พบหน่วยงานรหัส “9999”"),
        (kpi(project="รง 0000-68-0001"), "project", "ไม่พบโครงการรหัส"),
        (kpi(quantitative="ใช่"), "quantitative", "ต้องเป็น TRUE หรือ FALSE"),
        (kpi(fiscal_year=2025), "fiscal_year", "เป็นปี ค.ศ."),
        (kpi(target_m2=5), "target_m12", None),  # rising to 4 is fine below; 5 then 4 falls
        (kpi(target_m2=-1), "target_m2", "ต้องเป็นตัวเลขที่ไม่ติดลบ"),
        (kpi(unit_of_measure="ร้อยละ", target_m12=120), "target_m12", "ไม่เกิน 100"),
        (kpi(name=""), "name", "ต้องมีชื่อตัวชี้วัด"),
        (kpi(code=""), "code", "ต้องมีรหัสตัวชี้วัด"),
    ],
)
def test_each_bad_kpi_cell_is_named_in_thai(admin, row, column, words):
    errors = rejected(workbook(kpis=[row], results=[]), admin)

    assert len(errors) == 1 and f"ชีต kpis แถวที่ 2 คอลัมน์ {column}:" in errors[0]
    assert words is None or words in errors[0]


def test_a_result_of_no_known_kpi_and_a_repeated_month_are_row_errors(admin):
    data = workbook(
        results=[RESULT, result(value=1), result(kpi_code="68-0208-2-99", month=1)],
    )

    errors = rejected(data, admin)

    assert errors == [
        "ชีต kpi_results แถวที่ 3 คอลัมน์ month: ผลของตัวชี้วัดและเดือนนี้ซ้ำกับแถวที่ 2",
        "ชีต kpi_results แถวที่ 4 คอลัมน์ kpi_code: "
        "ไม่พบตัวชี้วัดรหัส “68-0208-2-99” ปี 2568 ในชีต kpis หรือในระบบ",
    ]


def test_a_month_not_yet_begun_cannot_bring_results(admin):
    with freeze(datetime(2024, 12, 9, 10, 0)):
        errors = rejected(workbook(results=[result(month=4)]), admin)

    assert errors == [
        "ชีต kpi_results แถวที่ 2 คอลัมน์ month: ยังไม่ถึงเดือนมกราคม 2568 จึงยังบันทึกผลของเดือนนี้ไม่ได้"
    ]


def test_a_file_of_results_only_updates_the_months_it_names(admin):
    import_kpi_workbook(data=workbook(), user=admin)

    again = import_kpi_workbook(
        data=workbook(kpis=None, results=[result(value=1, remark="")]), user=admin
    )

    saved = KpiResult.objects.get(month=2)
    assert (saved.value, saved.remark, again.results_updated) == (1, "", 1)


def test_without_a_remark_column_the_recorded_remarks_stay(admin):
    import_kpi_workbook(data=workbook(), user=admin)
    keys = [key for key in RESULT_KEYS if key != "remark"]

    import_kpi_workbook(data=workbook(kpis=None, results=[result()], result_keys=keys), user=admin)

    assert KpiResult.objects.get(month=2).remark == "ยังไม่สามารถจัดประชุมได้"


def test_a_projects_sheet_is_imported_first_and_its_projects_may_be_named(admin):
    data = workbook(kpis=[kpi(project=PROJECT["code"])], projects=[PROJECT])

    imported = import_kpi_workbook(data=data, user=admin)

    assert Kpi.objects.get().project == Project.objects.get(code=PROJECT["code"])
    assert imported.projects.projects_created == 1
    assert import_kpi_workbook(data=data, user=admin).changed == 0


def test_a_bad_project_row_rejects_the_kpis_too(admin):
    data = workbook(kpis=[kpi(project=PROJECT["code"])], projects=[{**PROJECT, "cycle": "ปี"}])

    errors = rejected(data, admin)

    assert len(errors) == 1 and errors[0].startswith("ชีต projects แถวที่ 2 คอลัมน์ cycle:")
    assert not Project.objects.filter(code=PROJECT["code"]).exists()
    assert not Kpi.objects.exists()


def test_a_dry_run_checks_and_writes_nothing(admin):
    checked = import_kpi_workbook(
        data=workbook(kpis=[kpi(project=PROJECT["code"])], projects=[PROJECT]),
        user=admin,
        dry_run=True,
    )

    assert checked.dry_run and checked.kpis_created == 1
    assert not Kpi.objects.exists() and not Project.objects.filter(code=PROJECT["code"]).exists()


def test_not_a_workbook_and_no_kpi_sheet_are_refused(admin):
    assert rejected(b"not a spreadsheet", admin) == ["ชีต -: เปิดไฟล์ไม่ได้: ไฟล์ต้องเป็น Excel (.xlsx)"]
    assert rejected(workbook(kpis=None, results=None), admin) == [
        "ชีต kpis: ไม่พบชีต kpis หรือ kpi_results ในไฟล์"
    ]


# --- export ----------------------------------------------------------------------------


def exported(kpis) -> bytes:
    output = io.BytesIO()
    export_kpi_workbook(kpis=kpis, output=output)
    return output.getvalue()


def test_export_then_import_round_trips(admin, unit):
    project = Project.objects.create(
        code="รง 0209-68-0902", name="โครงการ", owner_unit=unit("0209"), fiscal_year=2568
    )
    first = planned_kpi(
        code="68-0209-2-01",
        unit=unit("0209-2"),
        project=project,
        annual_target=Decimal("734075"),
        targets={2: 122210, 12: 734075},
        results={1: 70000, 2: 72843},
    )
    planned_kpi(
        code="68-0217-01",
        unit=unit("0217"),
        unit_of_measure="ร้อยละ",
        is_quantitative=False,
        annual_target=Decimal("92.5"),
        targets={11: Decimal("92.5")},
    )
    KpiResult.objects.filter(kpi=first, month=2).update(remark="เกินแผน")
    data = exported(Kpi.objects.all())
    before = snapshot()

    assert import_kpi_workbook(data=data, user=admin).changed == 0
    assert snapshot() == before
    Kpi.objects.all().delete()
    restored = import_kpi_workbook(data=data, user=admin)
    assert (restored.kpis_created, restored.results_created) == (2, 2)
    assert exported(Kpi.objects.all()) and _cells(exported(Kpi.objects.all())) == _cells(data)


def _cells(data: bytes) -> list:
    book = load_workbook(io.BytesIO(data), read_only=True)
    return [list(sheet.iter_rows(values_only=True)) for sheet in book]


def test_the_export_writes_the_keys_first_and_a_thai_label_row(unit):
    planned_kpi(code="68-0209-2-01", unit=unit("0209-2"), targets={2: 5})

    book = load_workbook(io.BytesIO(exported(Kpi.objects.all())), read_only=True)

    kpis = list(book["kpis"].iter_rows(values_only=True))
    assert list(kpis[0]) == KPI_KEYS and kpis[1][0] == "รหัสตัวชี้วัด"
    assert kpis[2][:3] == ("68-0209-2-01", 2568, "0209-2") and kpis[2][9] == 5
    assert list(next(book["kpi_results"].iter_rows(values_only=True))) == RESULT_KEYS


def test_the_import_takes_the_same_queries_for_few_and_many_rows(admin):
    def rows(n, year):
        kpis = [kpi(code=f"K-{i}", fiscal_year=year) for i in range(n)]
        results = [result(kpi_code=f"K-{i}", fiscal_year=year) for i in range(n)]
        return workbook(kpis=kpis, results=results)

    import_kpi_workbook(data=rows(1, 2566), user=admin)  # the user's grants, read once
    few = queries_of(lambda: import_kpi_workbook(data=rows(1, 2567), user=admin))
    many = queries_of(lambda: import_kpi_workbook(data=rows(12, 2568), user=admin))

    assert many == few


# --- who may import --------------------------------------------------------------------


def test_unit_staff_import_their_own_units_kpis_only(unit):
    staff = user_with_role(Role.STAFF, "0206")
    planned_kpi(code="68-0208-2-01", unit=unit("0208-2"), targets={})
    data = workbook(
        kpis=[kpi(code="68-0206-1-01", unit="0206-1"), kpi(code="68-0208-2-02")],
        results=[RESULT],
    )

    errors = rejected(data, staff)

    assert errors == [
        "ชีต kpis แถวที่ 3 คอลัมน์ unit: คุณไม่มีสิทธิ์นำเข้าตัวชี้วัดของหน่วยงาน กลุ่มงานวางแผนเทคโนโลยีสารสนเทศ",
        "ชีต kpi_results แถวที่ 2 คอลัมน์ kpi_code: คุณไม่มีสิทธิ์นำเข้าผลของหน่วยงาน กลุ่มงานวางแผนเทคโนโลยีสารสนเทศ",
    ]
    own = workbook(kpis=[kpi(code="68-0206-1-01", unit="0206-1")], results=[])
    import_kpi_workbook(data=own, user=staff)
    assert Kpi.objects.filter(code="68-0206-1-01").exists()


def test_a_kpi_of_another_unit_cannot_be_moved_into_ones_own(unit):
    planned_kpi(code="68-0208-2-01", unit=unit("0208-2"), targets={})

    errors = rejected(
        workbook(kpis=[kpi(unit="0206-1")], results=[]), user_with_role(Role.STAFF, "0206")
    )

    assert errors == [
        "ชีต kpis แถวที่ 2 คอลัมน์ unit: ตัวชี้วัดรหัส 68-0208-2-01 เป็นของหน่วยงาน "
        "กลุ่มงานวางแผนเทคโนโลยีสารสนเทศ ซึ่งคุณไม่มีสิทธิ์นำเข้า"
    ]


def test_the_evaluation_office_imports_every_units_kpis(unit):
    evaluation = user_with_role(Role.STAFF, "0209-3")  # กลุ่มงานวิเคราะห์และประเมินผล, สตป.

    imported = import_kpi_workbook(data=workbook(), user=evaluation)

    assert imported.kpis_created == 1


# --- the command -------------------------------------------------------------------------


def test_the_command_imports_reports_and_refuses_naming_rows(admin, tmp_path):
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    good.write_bytes(workbook())
    bad.write_bytes(workbook(results=[result(value="ศูนย์")]))
    out = io.StringIO()

    call_command("import_kpis", str(good), "--dry-run", stdout=out)
    assert "ตรวจสอบแล้ว (ไม่ได้บันทึก)" in out.getvalue() and not Kpi.objects.exists()
    call_command("import_kpis", str(good), "--user", admin.username, stdout=out)
    assert "ตัวชี้วัด เพิ่ม 1" in out.getvalue() and Kpi.objects.count() == 1
    with pytest.raises(CommandError, match="ชีต kpi_results แถวที่ 2 คอลัมน์ value"):
        call_command("import_kpis", str(bad), stdout=out)
    assert KpiResult.objects.get().value == 0


# --- the upload page ---------------------------------------------------------------------

IMPORT = reverse("kpis:workbook_import")


def upload(client, data: bytes, **fields):
    file = io.BytesIO(data)
    file.name = "kpis.xlsx"
    return client.post(IMPORT, {"file": file, **fields})


@pytest.mark.parametrize(
    ("role", "unit_code", "kpi_unit", "status"),
    [
        (Role.STAFF, "0206", "0206-1", 200),
        (Role.DIVISION_DIRECTOR, "0208", "0208-2", 200),
        (Role.STAFF, "0209-3", "0208-2", 200),  # the evaluation office: every unit
        (Role.PYP_OFFICER, "MOL", "0208-2", 403),  # sees every unit, enters none
        (Role.DEPARTMENT_HEAD, "OPS", "0208-2", 403),
        (Role.PERMANENT_SECRETARY, "MOL", "0208-2", 403),
    ],
)
def test_the_upload_page_is_for_the_units_kpi_staff(client, role, unit_code, kpi_unit, status):
    client.force_login(user_with_role(role, unit_code))

    assert client.get(IMPORT).status_code == status
    assert upload(client, workbook(kpis=[kpi(unit=kpi_unit)])).status_code == status
    assert Kpi.objects.exists() == (status == 200)


def test_the_upload_page_lists_each_bad_row_in_thai(client):
    client.force_login(user_with_role(Role.STAFF, "0208"))

    page = upload(client, workbook(kpis=[kpi(annual_target="x")])).content.decode()

    assert "นำเข้าไม่สำเร็จ: พบข้อผิดพลาด 2 รายการ" in page
    assert "<td>annual_target</td><td>“x” ไม่ใช่ตัวเลข</td>" in page
    assert not Kpi.objects.exists()


def test_the_upload_page_reports_what_it_imported(client):
    client.force_login(user_with_role(Role.STAFF, "0208"))

    page = upload(client, workbook(), dry_run="on").content.decode()

    assert "ตรวจสอบแล้ว ไม่พบข้อผิดพลาด (ยังไม่ได้บันทึก)" in page and not Kpi.objects.exists()
    assert "นำเข้าสำเร็จ" in upload(client, workbook()).content.decode()
    assert Kpi.objects.count() == 1


def test_the_download_holds_the_kpis_of_the_users_units(client, unit):
    planned_kpi(code="68-0208-2-01", unit=unit("0208-2"), name="ของ ศทส.", targets={})
    planned_kpi(code="68-0206-1-01", unit=unit("0206-1"), name="ของ กยผ.", targets={})
    client.force_login(user_with_role(Role.STAFF, "0208"))

    response = client.get(reverse("kpis:workbook_export") + "?fiscal_year=2568")

    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    names = [row[4] for row in book["kpis"].iter_rows(min_row=3, values_only=True)]
    assert names == ["ของ ศทส."]


def test_results_keep_their_remarks_through_a_download(client, unit):
    kpi_ = planned_kpi(code="68-0208-2-01", unit=unit("0208-2"), targets={2: 1})
    KpiResultFactory(kpi=kpi_, month=2, value=0, remark="ยังไม่สามารถจัดประชุมได้")
    client.force_login(user_with_role(Role.STAFF, "0208"))

    response = client.get(reverse("kpis:workbook_export") + "?fiscal_year=2568")

    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(book["kpi_results"].iter_rows(min_row=3, values_only=True))
    assert rows == [("68-0208-2-01", 2568, 2, 0, "ยังไม่สามารถจัดประชุมได้")]


def test_a_kpi_added_without_a_code_gets_the_units_next_one(unit):
    Kpi.objects.create(
        code="68-0208-2-01",
        fiscal_year=2568,
        unit=unit("0208-2"),
        name="ก",
        unit_of_measure="คน",
        annual_target=1,
    )

    added = Kpi.objects.create(
        fiscal_year=2568, unit=unit("0208-2"), name="ข", unit_of_measure="คน", annual_target=1
    )

    assert added.code == "68-0208-2-02"


def test_a_projects_sheet_with_its_keys_alone_is_left_alone(admin):
    imported = import_kpi_workbook(data=workbook(projects=[]), user=admin)

    assert imported.projects is None and imported.kpis_created == 1


def test_the_evaluation_office_moves_a_kpi_to_another_unit(unit):
    planned_kpi(code="68-0208-2-01", unit=unit("0208-2"), targets={2: 1})

    moved = import_kpi_workbook(
        data=workbook(kpis=[kpi(unit="0208-3")], results=[]),
        user=user_with_role(Role.STAFF, "0209-3"),
    )

    assert moved.kpis_updated == 1
    assert Kpi.objects.get(code="68-0208-2-01").unit == unit("0208-3")


@pytest.mark.parametrize("month", ["inf", "NaN", "2.5", "0", "ต.ค."])
def test_a_month_that_is_not_one_to_twelve_is_a_row_error(admin, month):
    errors = rejected(workbook(results=[result(month=month)]), admin)

    assert errors == [
        "ชีต kpi_results แถวที่ 2 คอลัมน์ month: ต้องเป็นเดือนของปีงบประมาณ 1–12 (ต.ค. = 1 … ก.ย. = 12)"
    ]
