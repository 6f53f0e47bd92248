"""The reporting endpoints of /api/v1/: windows, a round's projects, quarterly reports
(JSON, CSV, Excel, conditional GET), the round status board and frozen figures."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from approvals.models import ItemStatus
from orgs.models import Role
from reporting.models import ReportActivityProgress, ReportTargetProgress
from reporting.snapshots import round_snapshot_take
from tests.conftest import queries_of
from tests.factories import (
    ActivityFactory,
    ProjectFactory,
    ProjectTargetFactory,
    QuarterlyReportFactory,
    WindowFactory,
    user_with_role,
)
from windows.models import Extension

pytestmark = pytest.mark.django_db

ROUND = "/api/v1/rounds/2567/1/"


def login(client, role, unit_code):
    user = user_with_role(role, unit_code)
    client.force_login(user)
    return user


def approved_project(unit, **fields):
    return ProjectFactory(owner_unit=unit, status=ItemStatus.APPROVED, **fields)


def report_in(unit, status=ItemStatus.SUBMITTED, **fields):
    return QuarterlyReportFactory(project=approved_project(unit), status=status, **fields)


def ids(response):
    return [row["id"] for row in response.json()["results"]]


# --- windows ----------------------------------------------------------------------


def test_staff_see_ministry_wide_windows_and_their_units_not_other_units(client, unit):
    everyone = WindowFactory()
    own = WindowFactory()
    own.units.add(unit("0209"))
    other = WindowFactory()
    other.units.add(unit("DOE"))
    login(client, Role.STAFF, "0209")

    response = client.get("/api/v1/windows/")

    assert response.status_code == 200
    assert sorted(ids(response)) == sorted([everyone.pk, own.pk])
    assert client.get(f"/api/v1/windows/{other.pk}/").status_code == 404


def test_pyp_sees_every_window_with_its_units_and_extensions(client, unit, pyp):
    window = WindowFactory()
    window.units.add(unit("DOE"))
    Extension.objects.create(
        window=window, unit=unit("DOE"), until=date(2024, 2, 5), reason="ระบบขัดข้อง", granted_by=pyp
    )
    client.force_login(pyp)

    row = client.get(f"/api/v1/windows/{window.pk}/").json()

    assert [u["code"] for u in row["units"]] == ["DOE"]
    assert row["extensions"][0]["until"] == "2024-02-05"
    assert row["extensions"][0]["reason"] == "ระบบขัดข้อง"
    assert (row["opens_on"], row["unit_deadline"], row["quarter"]) == (
        "2024-01-01",
        "2024-01-16",
        1,
    )


def test_staff_do_not_see_extensions_granted_to_other_units(client, unit, pyp):
    window = WindowFactory()
    for code in ("0209", "DOE"):
        Extension.objects.create(
            window=window, unit=unit(code), until=date(2024, 2, 5), reason="ขยาย", granted_by=pyp
        )
    login(client, Role.STAFF, "0209")

    row = client.get(f"/api/v1/windows/{window.pk}/").json()

    assert [e["unit"]["code"] for e in row["extensions"]] == ["0209"]


def test_windows_filter_by_year_and_kind(client):
    wanted = WindowFactory(fiscal_year=2568)
    WindowFactory(fiscal_year=2567)
    WindowFactory(fiscal_year=2568, kind="project_entry", quarter=None)
    login(client, Role.STAFF, "0209")

    response = client.get("/api/v1/windows/?fiscal_year=2568&kind=quarterly_report")

    assert ids(response) == [wanted.pk]


@pytest.mark.parametrize("query", ["fiscal_year=สองห้า", "kind=holiday"])
def test_a_bad_window_filter_is_a_400_in_thai(client, query):
    login(client, Role.STAFF, "0209")

    response = client.get(f"/api/v1/windows/?{query}")

    assert response.status_code == 400
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in str(response.json()))


def test_the_window_list_costs_the_same_queries_for_few_and_many_windows(client, unit, pyp):
    client.force_login(pyp)

    def add_windows(n):
        for _ in range(n):
            window = WindowFactory()
            window.units.add(unit("0209"))
            Extension.objects.create(
                window=window,
                unit=unit("0209"),
                until=date(2024, 2, 1),
                reason="ขยาย",
                granted_by=pyp,
            )

    add_windows(1)
    few = queries_of(lambda: client.get("/api/v1/windows/"))
    add_windows(6)
    assert queries_of(lambda: client.get("/api/v1/windows/")) == few


# --- a round's projects -------------------------------------------------------------


def test_the_round_lists_the_users_projects_with_their_state_and_report(client, unit):
    reported = report_in(unit("0209"), progress_percent=Decimal("80.00")).project
    missing = approved_project(unit("0209"))
    later = approved_project(unit("0209"), start_date=date(2024, 1, 1))
    approved_project(unit("DOE"))
    login(client, Role.STAFF, "0209")

    rows = {r["id"]: r for r in client.get(f"{ROUND}projects/").json()["results"]}

    assert set(rows) == {reported.pk, missing.pk, later.pk}
    assert rows[reported.pk]["round_state"] == "reported"
    assert rows[reported.pk]["report"]["progress_percent"] == "80.00"
    assert (rows[missing.pk]["round_state"], rows[missing.pk]["report"]) == ("not_reported", None)
    assert rows[later.pk]["round_state"] == "not_due"


def test_the_round_filters_by_state_and_unit(client, unit, pyp):
    report_in(unit("0209"))
    missing = approved_project(unit("0209"))
    approved_project(unit("DOE"))
    client.force_login(pyp)

    response = client.get(f"{ROUND}projects/?state=not_reported&unit=0209")

    assert ids(response) == [missing.pk]


@pytest.mark.parametrize(
    "path", ["2567/5/projects/", "25x7/1/projects/", "-1/1/projects/", "2567/1/projects/?state=x"]
)
def test_a_bad_round_or_state_is_a_400(client, path):
    login(client, Role.STAFF, "0209")

    assert client.get(f"/api/v1/rounds/{path}").status_code == 400


def test_the_round_list_costs_the_same_queries_for_few_and_many_projects(client, unit, pyp):
    client.force_login(pyp)
    report_in(unit("0209"))
    few = queries_of(lambda: client.get(f"{ROUND}projects/"))
    for code in ("0209", "0206", "DOE"):
        report_in(unit(code))
        approved_project(unit(code))
    assert queries_of(lambda: client.get(f"{ROUND}projects/")) == few


# --- quarterly reports --------------------------------------------------------------


def test_staff_of_one_unit_see_only_its_reports(client, unit):
    own = report_in(unit("0209"))
    report_in(unit("DOE"))
    login(client, Role.STAFF, "0209")

    assert ids(client.get("/api/v1/reports/")) == [own.pk]


def test_staff_cannot_open_another_units_report(client, unit):
    other = report_in(unit("DOE"))
    login(client, Role.STAFF, "0209")

    response = client.get(f"/api/v1/reports/{other.pk}/")

    assert response.status_code == 404
    assert "ไม่พบรายงาน" in response.json()["detail"]


def test_the_reports_filter_by_year_quarter_unit_and_status(client, unit, pyp):
    wanted = report_in(unit("0209"), fiscal_year=2567, quarter=2, status=ItemStatus.APPROVED)
    report_in(unit("0209"), fiscal_year=2567, quarter=2, status=ItemStatus.DRAFT)
    report_in(unit("0209"), fiscal_year=2567, quarter=1, status=ItemStatus.APPROVED)
    report_in(unit("DOE"), fiscal_year=2567, quarter=2, status=ItemStatus.APPROVED)
    client.force_login(pyp)

    response = client.get("/api/v1/reports/?fiscal_year=2567&quarter=2&unit=0209&status=approved")

    assert ids(response) == [wanted.pk]


@pytest.mark.parametrize(
    "query", ["quarter=9", "quarter=", "fiscal_year=2567.5", "status=lost", "format=pdf"]
)
def test_a_bad_report_parameter_is_a_400_in_thai(client, query):
    login(client, Role.STAFF, "0209")

    response = client.get(f"/api/v1/reports/?{query}")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in str(response.json()))


def test_a_unit_code_that_names_no_unit_lists_no_reports(client, unit, pyp):
    report_in(unit("0209"))
    client.force_login(pyp)

    response = client.get("/api/v1/reports/?unit=NOPE")

    assert (response.status_code, response.json()["count"]) == (200, 0)


def test_a_report_shows_its_target_and_activity_progress(client, unit):
    report = report_in(unit("0209"))
    target = ProjectTargetFactory(project=report.project, description="ผู้รับการฝึก")
    activity = ActivityFactory(project=report.project, name="อบรมแรงงาน")
    ReportTargetProgress.objects.create(
        report=report, target=target, result_value=Decimal(40), progress="ฝึกแล้ว ๔๐ คน"
    )
    ReportActivityProgress.objects.create(
        report=report, activity=activity, progress_percent=Decimal(60), note="จัดอบรม ๒ รุ่น"
    )
    login(client, Role.STAFF, "0209")

    body = client.get(f"/api/v1/reports/{report.pk}/").json()

    assert body["target_progress"][0]["description"] == "ผู้รับการฝึก"
    assert body["target_progress"][0]["result_value"] == "40.00"
    assert body["activity_progress"][0]["name"] == "อบรมแรงงาน"
    assert body["activity_progress"][0]["progress_percent"] == "60.00"


def test_the_report_list_reads_back_as_csv_with_a_bom(client, unit):
    report = report_in(unit("0209"), progress_percent=Decimal("75.50"))
    report_in(unit("DOE"))
    login(client, Role.STAFF, "0209")

    response = client.get("/api/v1/reports/?format=csv")

    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["ปีงบประมาณ", "ไตรมาส", "รหัสโครงการ"]
    assert len(rows) == 2
    assert rows[1][2] == report.project.code
    assert rows[1][7] == "75.50"


def test_the_report_list_reads_back_as_excel(client, unit):
    report = report_in(unit("0209"), progress_percent=Decimal("75.50"))
    login(client, Role.STAFF, "0209")

    response = client.get("/api/v1/reports/?format=xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows.index(next(r for r in rows if r[0] == "ปีงบประมาณ"))
    assert rows[header + 1][2] == report.project.code
    assert rows[header + 1][7] == 75.5
    assert len(rows) == header + 2


def test_an_unchanged_report_list_answers_304(client, unit):
    report = report_in(unit("0209"))
    login(client, Role.STAFF, "0209")
    first = client.get("/api/v1/reports/")

    again = client.get("/api/v1/reports/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""
    report.status = ItemStatus.APPROVED
    report.save(update_fields=["status"])
    changed = client.get("/api/v1/reports/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200


def test_the_report_list_costs_the_same_queries_for_few_and_many_reports(client, unit, pyp):
    client.force_login(pyp)
    report_in(unit("0209"))
    few = queries_of(lambda: client.get("/api/v1/reports/"))
    for code in ("0209", "0206", "DOE", "DOE"):
        report_in(unit(code))
    assert queries_of(lambda: client.get("/api/v1/reports/")) == few


# --- the status board and frozen figures -----------------------------------------


def test_the_status_board_is_403_for_staff(client):
    login(client, Role.STAFF, "0209")

    response = client.get(f"{ROUND}status/")

    assert response.status_code == 403
    assert response.json()["detail"] == "ไม่มีสิทธิ์ดูสถานะการรายงานของรอบ"


def test_the_status_board_counts_each_units_projects_for_pyp(client, unit, pyp):
    report_in(unit("0209"), status=ItemStatus.APPROVED)
    approved_project(unit("0209"))
    client.force_login(pyp)

    body = client.get(f"{ROUND}status/").json()

    row = next(r for r in body["rows"] if r["unit"]["code"] == "0209")
    assert (row["due"], row["approved"], row["not_started"]) == (2, 1, 1)
    assert [s["order"] for s in row["steps"]] == sorted(s["order"] for s in row["steps"])


def test_a_round_not_frozen_is_a_404_in_thai(client, pyp):
    client.force_login(pyp)

    response = client.get(f"{ROUND}five-band/frozen/")

    assert response.status_code == 404
    assert "ยังไม่ได้ตรึงตัวเลข" in response.json()["detail"]


def test_the_frozen_figures_stay_as_they_were_when_the_round_closed(client, unit, pyp):
    report = report_in(unit("0209"), progress_percent=Decimal("100.00"))
    round_snapshot_take(fiscal_year=2567, quarter=1, reason="ปิดรอบ")
    report.progress_percent = Decimal("10.00")
    report.save(update_fields=["progress_percent"])
    client.force_login(pyp)

    body = client.get(f"{ROUND}five-band/frozen/").json()

    assert body["reason"] == "ปิดรอบ"
    assert body["five_band"]["population"]["reported"] == 1
    assert body["projects"][0]["band"] == "100"


def test_the_frozen_figures_list_only_projects_a_director_may_see(client, unit):
    report_in(unit("0209"))
    report_in(unit("DOE"))
    round_snapshot_take(fiscal_year=2567, quarter=1, reason="ปิดรอบ")
    login(client, Role.DIVISION_DIRECTOR, "0209")

    body = client.get(f"{ROUND}five-band/frozen/").json()

    assert body["five_band"]["population"]["reported"] == 2
    assert [p["unit"] for p in body["projects"]] == ["0209"]


def test_the_frozen_figures_are_403_without_the_summary_right(client):
    login(client, Role.STAFF, "0209")

    assert client.get(f"{ROUND}five-band/frozen/").status_code == 403


def test_a_unit_code_with_a_nul_character_matches_nothing_instead_of_failing(client):
    client.force_login(user_with_role(Role.PYP_OFFICER, "MOL"))

    response = client.get("/api/v1/rounds/2567/1/projects/", {"unit": "02\x0009"})

    assert response.status_code == 200 and response.json()["count"] == 0
