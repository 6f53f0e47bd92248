"""Seed 003's monthly report (FY 2568, round 2) from the demo data: the command's JSON, the
API and the report page give the seed's ตารางที่ 1 and ตารางที่ 2.

The demo (`make run`'s) is loaded once for the module, in a transaction rolled back after it.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from emenscr.demo import load_demo
from kpis.demo import seed_kpis
from kpis.models import Kpi, KpiResult
from kpis.selectors import kpi_report
from orgs.models import User

pytestmark = pytest.mark.django_db

# ตารางที่ 1: (code, per cent to date, per cent of the year, light, ahead of plan)
TABLE_1 = [
    ("รง 0209-68-0001", None, "0.00", "not_due", False),  # trafficking: reports in ธ.ค. 67
    ("รง 0209-68-0002", "100.00", "8.30", "green", False),  # drugs
    ("รง 0209-68-0003", None, "0.00", "not_due", False),  # international
    ("รง 0209-68-0004", "100.00", "7.68", "green", False),  # services
    ("รง 0209-68-0005", "100.00", "17.24", "green", True),  # jobs: before its plan
    ("รง 0209-68-0006", "0.00", "0.00", "red", False),  # informal workers
    ("รง 0209-68-0007", None, "0.00", "not_due", False),  # digital skills
]
# ตารางที่ 2's seventeen rows: (unit, per cent, light, met, not met, not due)
TABLE_2 = [
    ("OPS-MIN", "100.00", "green", 1, 0, 0),
    ("OPS-AUDIT", "100.00", "green", 1, 0, 0),
    ("OPS-PSDG", "100.00", "green", 1, 0, 0),
    ("0213", "25.00", "red", 0, 1, 0),
    ("0214", "100.00", "green", 1, 0, 0),
    ("0216", "66.67", "red", 0, 1, 0),
    ("0217", "91.30", "red", 0, 1, 0),
    ("OPS-GA", "100.00", "green", 2, 0, 0),
    ("OPS-FIN", "100.00", "green", 4, 0, 0),
    ("OPS-PR", "100.00", "green", 2, 0, 0),
    ("OPS-LAW", "100.00", "green", 3, 0, 0),
    ("0208", "87.50", "red", 3, 1, 0),
    ("0209", "100.00", "green", 3, 0, 1),
    ("0206", "100.00", "green", 3, 0, 0),
    ("0207", "97.50", "yellow", 4, 1, 0),
    ("OPS-HR", "100.00", "green", 5, 0, 0),
    ("0210", "100.00", "green", 3, 0, 0),
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)


def command_json(*args: str) -> dict:
    out = StringIO()
    call_command("kpi_report", "--fiscal-year", "2568", "--month", "2", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def report(demo):
    return command_json()


def test_table_1_is_seed_003s_seven_projects(report):
    projects = report["projects"]

    assert (projects["percent_to_date"], projects["percent_of_year"]) == ("75.00", "4.74")
    assert projects["light"] == "red"
    rows = [
        (r["project"], r["percent_to_date"], r["percent_of_year"], r["light"], r["ahead_of_plan"])
        for r in projects["rows"]
    ]
    assert rows == TABLE_1


def test_table_2_is_seed_003s_central_units(report):
    units = report["units"]

    assert units["unit"] == "OPS"
    assert (units["percent_to_date"], units["light"]) == ("92.23", "red")
    assert (units["met"], units["not_met"], units["not_due"]) == (36, 5, 1)
    level_1 = [
        (r["unit"], r["percent_to_date"], r["light"], r["met"], r["not_met"], r["not_due"])
        for r in units["rows"]
        if r["level"] == 1
    ]
    assert level_1 == TABLE_2


def test_table_2_holds_the_groups_under_their_divisions(report):
    rows = {r["unit"]: r for r in report["units"]["rows"]}
    levels = [(r["unit"], r["level"]) for r in report["units"]["rows"]]

    assert len(rows) == 17 + 35
    assert levels[levels.index(("0208", 1)) + 1 : levels.index(("0209", 1))] == [
        ("0208-1", 2),
        ("0208-2", 2),
        ("0208-3", 2),
        ("0208-4", 2),
    ]
    assert (rows["0208-2"]["percent_to_date"], rows["0208-2"]["light"]) == ("50.00", "red")
    assert (rows["0207-4"]["percent_to_date"], rows["0207-4"]["not_met"]) == ("87.50", 1)
    inspection = rows["0209-1"]  # กลุ่มงานตรวจราชการ: planned from ม.ค. 68
    assert (inspection["percent_to_date"], inspection["light"], inspection["not_due"]) == (
        None,
        "not_due",
        1,
    )


def test_the_units_below_plan_give_seed_003s_reasons(demo):
    report = kpi_report(user=None, fiscal_year=2568, month=2)

    below = {
        line.kpi.unit.code: line.remark
        for block in report.projects
        for line in block.lines
        if line.score.below_plan and "ข้อมูลตัวอย่าง" not in line.kpi.name
    }

    assert set(below) == {"0213", "0216", "0217", "0207-4", "0208-2"}
    assert below["0217"].startswith("ไม่สามารถจัดจ้างได้ครบ")
    assert below["0216"] == "อยู่ระหว่างดำเนินการจัดทำแผนปฏิบัติการ (Action Plan) ประจำปี"
    assert "3 ธันวาคม 2567" in below["0213"]


def test_the_api_returns_what_the_command_prints(report, client):
    client.force_login(User.objects.get(username="pyp"))

    response = client.get(reverse("api_kpi_report"), {"fiscal_year": 2568, "month": 2})

    assert response.status_code == 200
    assert response.json() == report


def test_a_report_of_one_division_has_its_groups_at_level_1(demo):
    report = command_json("--unit", "0208")

    assert report["units"]["unit"] == "0208"
    assert report["units"]["percent_to_date"] == "87.50"
    assert [(r["unit"], r["level"]) for r in report["units"]["rows"]] == [
        ("0208-1", 1),
        ("0208-2", 1),
        ("0208-3", 1),
        ("0208-4", 1),
    ]
    assert [r["project"] for r in report["projects"]["rows"]] == ["รง 0209-68-0007"]


def test_the_report_page_shows_the_same_figures(demo, client):
    client.force_login(User.objects.get(username="pyp"))

    page = client.get(reverse("kpis:report")).content.decode()  # opens on the latest round

    assert "ปีงบประมาณ พ.ศ. 2568 รอบ 2 เดือน" in page
    for figure in ["75.00", "4.74", "92.23", "87.50", "97.50", "91.30", "66.67", "25.00"]:
        assert f">{figure}<" in page, figure
    assert "ตามแผนกำหนดดำเนินการเดือน ม.ค. 68" in page
    assert "หมายเหตุ: ไม่สามารถจัดจ้างได้ครบ" in page


def test_loading_the_demo_again_changes_nothing(demo):
    before = list(Kpi.objects.values_list("code", "updated_at").order_by("pk"))
    results = list(KpiResult.objects.values_list("pk", "updated_at").order_by("pk"))

    seed_kpis(user=User.objects.get(username="pyp"))

    assert list(Kpi.objects.values_list("code", "updated_at").order_by("pk")) == before
    assert list(KpiResult.objects.values_list("pk", "updated_at").order_by("pk")) == results
