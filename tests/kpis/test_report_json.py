"""The report's JSON (shared/spec/exchange.md section 3): one serialiser for the command and
the API, per cents as shown, rows in the org tree's order, in fixed queries."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from kpis.report import kpi_report_data
from orgs.models import OrgUnit, Role, UnitKind
from tests.conftest import queries_of
from tests.factories import ProjectFactory, UserFactory, user_with_role

from .factories import planned_kpi

pytestmark = pytest.mark.django_db

API = reverse("api_kpi_report")


def command_json(*args: str, month: int = 2) -> dict:
    out = StringIO()
    call_command(
        "kpi_report", "--fiscal-year", "2568", "--month", str(month), "--json", *args, stdout=out
    )
    return json.loads(out.getvalue())


def test_the_report_has_the_specs_keys_per_cents_as_text_and_null_when_not_due(unit):
    project = ProjectFactory(fiscal_year=2568, code="รง 0209-68-0002")
    planned_kpi(unit=unit("0209-4"), project=project, targets={2: 6600}, results={2: 7285})
    planned_kpi(unit=unit("0209-4"), project=ProjectFactory(fiscal_year=2568), targets={8: 76})

    report = command_json()

    assert report == {
        "fiscal_year": 2568,
        "month": 2,
        "projects": {
            "percent_to_date": "100.00",
            "percent_of_year": "50.00",  # (100 + 0) / 2
            "light": "green",
            "rows": [
                {
                    "project": "รง 0209-68-0002",
                    "percent_to_date": "100.00",
                    "percent_of_year": "100.00",  # 7,285 of the factory's 1,200: capped
                    "light": "green",
                    "ahead_of_plan": False,
                },
                report["projects"]["rows"][1],
            ],
        },
        "units": {
            "unit": "OPS",
            "percent_to_date": "100.00",
            "light": "green",
            "met": 1,
            "not_met": 0,
            "not_due": 0,
            "rows": [
                {
                    "unit": "0209",
                    "level": 1,
                    "percent_to_date": "100.00",
                    "light": "green",
                    "met": 1,
                    "not_met": 0,
                    "not_due": 0,
                },
                {
                    "unit": "0209-4",
                    "level": 2,
                    "percent_to_date": "100.00",
                    "light": "green",
                    "met": 1,
                    "not_met": 0,
                    "not_due": 0,
                },
            ],
        },
    }
    assert report["projects"]["rows"][1]["percent_to_date"] is None
    assert report["projects"]["rows"][1]["light"] == "not_due"


def test_units_come_in_the_org_trees_order_with_their_levels(unit):
    for code in ["0207-1", "0209-2", "0217", "0207-4"]:
        planned_kpi(unit=unit(code), targets={2: 10}, results={2: 10})

    rows = command_json()["units"]["rows"]

    assert [(r["unit"], r["level"]) for r in rows] == [
        ("0217", 1),
        ("0209", 1),
        ("0209-2", 2),
        ("0207", 1),
        ("0207-1", 2),
        ("0207-4", 2),
    ]


def test_a_units_own_kpis_count_beside_its_groups(unit):
    planned_kpi(unit=unit("0209"), targets={2: 10}, results={2: 5})  # 50
    planned_kpi(unit=unit("0209-2"), targets={2: 10}, results={2: 10})  # 100

    [division, group] = command_json()["units"]["rows"]

    assert (division["unit"], division["percent_to_date"]) == ("0209", "75.00")
    assert (division["met"], division["not_met"]) == (1, 1)
    assert (group["unit"], group["level"]) == ("0209-2", 2)


def test_every_figure_is_rounded_only_when_shown_and_the_light_follows_it(unit):
    planned_kpi(unit=unit("0208-1"), targets={2: 20000}, results={2: 19999})  # 99.995
    planned_kpi(unit=unit("0208-2"), targets={2: 3}, results={2: 2})  # 66.666…
    planned_kpi(unit=unit("0208-2"), targets={2: 3}, results={2: 3})  # 100

    units = command_json()["units"]
    rows = {r["unit"]: r for r in units["rows"]}

    assert (rows["0208-1"]["percent_to_date"], rows["0208-1"]["light"]) == ("100.00", "green")
    assert rows["0208-2"]["percent_to_date"] == "83.33"  # (66.666… + 100) / 2
    # (99.995 + 83.333…) / 2 = 91.664…: from the shown 100.00 and 83.33 it would be 91.67.
    assert rows["0208"]["percent_to_date"] == "91.66"


def test_a_project_reported_before_its_plan_is_ahead_of_plan(unit):
    project = ProjectFactory(fiscal_year=2568, code="รง 0209-68-0005")
    planned_kpi(unit=unit("0206-2"), project=project, targets={12: 5800}, results={2: 1000})
    planned_kpi(unit=unit("0206-2"), project=project, is_quantitative=False, targets={12: 20})

    [row] = command_json()["projects"]["rows"]

    assert row == {
        "project": "รง 0209-68-0005",
        "percent_to_date": "100.00",
        "percent_of_year": "83.33",  # 1,000 of the factory's 1,200
        "light": "green",
        "ahead_of_plan": True,
    }


def test_provincial_offices_stay_out_of_the_central_tables(unit):
    province = OrgUnit.objects.create(
        code="PROV-TEST", parent=unit("OPS"), kind=UnitKind.PROVINCE, name_th="จังหวัดทดสอบ"
    )
    planned_kpi(unit=province, targets={2: 10}, results={2: 1})
    planned_kpi(unit=unit("0217"), targets={2: 10}, results={2: 10})

    units = command_json()["units"]

    assert [r["unit"] for r in units["rows"]] == ["0217"]
    assert units["percent_to_date"] == "100.00"


def test_a_report_of_a_unit_nobody_has_is_refused(db):
    with pytest.raises(CommandError, match="ไม่พบหน่วยงานรหัส XYZ"):
        command_json("--unit", "XYZ")


def test_a_month_with_nothing_planned_is_all_not_due(unit):
    planned_kpi(unit=unit("0217"), targets={5: 10})

    units = command_json(month=1)["units"]

    assert (units["percent_to_date"], units["light"], units["not_due"]) == (None, "not_due", 1)


# --- the API ---------------------------------------------------------------------------


def test_the_api_answers_each_official_for_the_units_they_cover(client, unit):
    planned_kpi(unit=unit("0209-2"), targets={2: 10}, results={2: 10})
    planned_kpi(unit=unit("0206-1"), targets={2: 10}, results={2: 5})
    staff = user_with_role(Role.STAFF, "0209")
    client.force_login(staff)

    response = client.get(API, {"fiscal_year": 2568, "month": 2})

    assert response.status_code == 200
    assert [r["unit"] for r in response.json()["units"]["rows"]] == ["0209", "0209-2"]
    assert response.json() == kpi_report_data(user=staff, fiscal_year=2568, month=2)


def test_the_api_refuses_bad_queries_in_thai_and_strangers(client, unit):
    client.force_login(user_with_role(Role.PYP_OFFICER, "MOL"))

    bad = client.get(API, {"fiscal_year": 2568, "month": 13})
    unknown = client.get(API, {"fiscal_year": 2568, "month": 2, "unit": "XYZ"})

    assert bad.status_code == 400 and "เดือนที่ 1–12" in bad.json()["month"][0]
    assert unknown.status_code == 400 and unknown.json()["unit"] == ["ไม่พบหน่วยงานรหัส XYZ"]
    client.force_login(UserFactory())
    assert client.get(API, {"fiscal_year": 2568, "month": 2}).status_code == 403
    client.logout()
    assert client.get(API, {"fiscal_year": 2568, "month": 2}).status_code in (401, 403)


def test_the_report_takes_the_same_queries_for_few_and_many_rows(client, unit):
    pyp = user_with_role(Role.PYP_OFFICER, "MOL")
    client.force_login(pyp)

    def add(codes):
        for code in codes:
            project = ProjectFactory(fiscal_year=2568)
            planned_kpi(unit=unit(code), project=project, targets={1: 5, 2: 10}, results={1: 4})

    def data():
        return kpi_report_data(user=pyp, fiscal_year=2568, month=2)

    def api():
        return client.get(API, {"fiscal_year": 2568, "month": 2})

    add(["0209-1"])
    data(), api()
    few = queries_of(data), queries_of(api)
    add(["0209-2", "0206-1", "0207-3", "0208-1", "0217", "0213", "OPS-HR-2", "OPS-LAW-1"])

    assert (queries_of(data), queries_of(api)) == few
    assert len(data()["units"]["rows"]) == 15
