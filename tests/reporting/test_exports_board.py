"""The round status board as Excel: the page's figures, and who may export which units."""

from datetime import datetime

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.clock import freeze
from orgs.models import Role
from reporting.models import ExportJob
from tests.factories import WindowFactory, user_with_role
from tests.reporting.test_board import due_project
from tests.reporting.test_exports import media, run_export, sheet_rows  # noqa: F401

pytestmark = pytest.mark.django_db
ROUND = {"fiscal_year": 2567, "quarter": 1}


@pytest.fixture
def board(unit):
    WindowFactory(fiscal_year=2567, quarter=1)
    for status, role in [(None, None), ("draft", None), ("submitted", "division_director")]:
        due_project(unit("0209"), status, role)
    for status in [None, "approved"]:
        due_project(unit("DOE"), status)


def test_the_export_holds_the_figures_the_board_page_shows(client, board):
    pyp = user_with_role(Role.PYP_OFFICER, "MOL")
    client.force_login(pyp)
    with freeze(datetime(2024, 1, 20, 9, 0)):
        page = client.get(reverse("reporting:board"), ROUND).context
        job = run_export(pyp, "board", ROUND)

    rows = sheet_rows(job, header="หน่วยงาน")
    steps = [f"step_{order}" for order, _ in page["steps"]]
    keys = ["due", "not_started", "drafted", *steps, "approved", "late"]
    expected = [[r["owner_unit__abbr"]] + [r[k] for k in keys] for r in page["rows"]]
    assert rows[:-1] == expected
    assert rows[-1][0] == "รวม" and rows[-1][1] == page["totals"]["due"] == 5
    assert rows[-1][-1] == page["totals"]["late"] == 2


def test_the_board_sheet_is_laid_out_for_officials(board):
    with freeze(datetime(2024, 1, 20, 9, 0)):
        job = run_export(user_with_role(Role.PYP_OFFICER, "MOL"), "board", ROUND)

    sheet = load_workbook(job.file.path).active
    assert sheet["A1"].value == "สถานะการรายงานความก้าวหน้า ไตรมาส 1/2567"
    assert "16 มกราคม 2567" in sheet["A2"].value
    assert sheet.freeze_panes == "A5" and sheet["A4"].value == "หน่วยงาน"
    assert sheet["A4"].font.b and sheet.column_dimensions["A"].width == 44
    assert sheet["B5"].number_format == "#,##0"


def test_a_division_director_exports_the_board_of_their_own_unit_only(client, board, unit):
    director = user_with_role(Role.DIVISION_DIRECTOR, "0209")
    params = {**ROUND, "unit": unit("0209").pk}

    job = run_export(director, "board", params)

    assert [r[0] for r in sheet_rows(job, header="หน่วยงาน")] == ["สตป.", "รวม"]


def test_a_division_user_may_not_export_another_units_board(client, unit):
    client.force_login(user_with_role(Role.STAFF, "0209"))
    url = reverse("reporting:export_request", args=["board"])

    other = client.post(url, {**ROUND, "unit": unit("DOE").pk})
    everyone = client.post(url, ROUND)

    assert (other.status_code, everyone.status_code) == (403, 403)
    assert not ExportJob.objects.exists()


@pytest.mark.parametrize("referer", ["https://evil.example/", "//evil.example"])
def test_a_refused_export_never_sends_the_user_off_the_site(client, referer):
    client.force_login(user_with_role(Role.PYP_OFFICER, "MOL"))
    url = reverse("reporting:export_request", args=["board"])

    response = client.post(url, {"fiscal_year": 2567, "quarter": 9}, HTTP_REFERER=referer)

    assert response.url == reverse("reporting:export_jobs")


def test_a_refused_export_goes_back_to_the_page_it_came_from(client):
    client.force_login(user_with_role(Role.PYP_OFFICER, "MOL"))
    url = reverse("reporting:export_request", args=["board"])
    page = "http://testserver" + reverse("reporting:board")

    response = client.post(url, {"fiscal_year": 2567, "quarter": 9}, HTTP_REFERER=page)

    assert response.url == page


def test_the_board_export_uses_the_round_being_reported_when_none_is_given(board):
    with freeze(datetime(2024, 1, 20, 9, 0)):
        job = run_export(user_with_role(Role.PYP_OFFICER, "MOL"), "board")

    assert job.params == {"fiscal_year": 2567, "quarter": 1, "unit": None}
    assert job.description == "ไตรมาส 1/2567"
