"""The read side of /api/v1/: strategy tree, projects (M1–M6) with files and ETags, statistics."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from approvals.models import ItemStatus
from orgs.models import Role
from orgs.tokens import api_token_create
from projects.models import ActivityQuarter, PlanLevel, PlanNode
from tests.conftest import queries_of
from tests.factories import (
    ActivityFactory,
    ApprovalFactory,
    BudgetSourceFactory,
    PlanNodeFactory,
    ProjectFactory,
    ProjectTargetFactory,
    QuarterlyReportFactory,
    SpendingPlanFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        _, raw = api_token_create(user=user, name="ทดสอบ")
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
        # A token's first use writes last_used_at: done here, so query counts compare alike.
        client.get("/api/v1/units/", {"kind": "ministry"})
    return client


@pytest.fixture
def staff0209():
    return client_for(user_with_role(Role.STAFF, "0209"))


@pytest.fixture
def pyp():
    return client_for(user_with_role(Role.PYP_OFFICER, "MOL"))


def codes(response) -> list[str]:
    return [row["code"] for row in response.json()["results"]]


# --- permission scope ----------------------------------------------------------


def test_a_division_staff_token_lists_only_its_units_projects(staff0209, unit):
    mine = ProjectFactory(owner_unit=unit("0209"))
    ProjectFactory(owner_unit=unit("0206"))

    response = staff0209.get("/api/v1/projects/")

    assert response.status_code == 200
    assert codes(response) == [mine.code]


def test_another_units_project_answers_404_like_a_missing_one(staff0209, unit):
    other = ProjectFactory(owner_unit=unit("0206"))

    response = staff0209.get(f"/api/v1/projects/{other.pk}/")

    assert response.status_code == 404
    assert "ไม่พบโครงการ" in response.json()["detail"]


def test_projects_need_a_login_or_token():
    response = client_for().get("/api/v1/projects/")

    assert response.status_code == 401


@pytest.mark.parametrize("project_id", [str(2**70), "abc", "-1"])
def test_an_id_that_cannot_be_a_project_is_a_json_404(pyp, project_id):
    response = pyp.get(f"/api/v1/projects/{project_id}/")

    assert (response.status_code, response["Content-Type"]) == (404, "application/json")


# --- filters and ordering ----------------------------------------------------------


def test_unit_filter_takes_a_unit_code_and_covers_its_subtree(pyp, unit):
    division = ProjectFactory(owner_unit=unit("0209"))
    ProjectFactory(owner_unit=unit("DOE"), code="รง 0601-67-0001")

    response = pyp.get("/api/v1/projects/", {"unit": "OPS"})

    assert codes(response) == [division.code]


def test_filters_by_year_status_target_and_text(pyp):
    target = PlanNodeFactory(code="990101")
    wanted = ProjectFactory(fiscal_year=2567, status=ItemStatus.APPROVED, name="อบรมแรงงานนอกระบบ")
    wanted.plan_nodes.add(target)
    ProjectFactory(fiscal_year=2566, status=ItemStatus.APPROVED, name="อบรมแรงงานนอกระบบ 2566")
    ProjectFactory(fiscal_year=2567, status=ItemStatus.DRAFT, name="อบรมแรงงานนอกระบบ ร่าง")

    query = {"fiscal_year": 2567, "status": "approved", "target": "990101", "q": "นอกระบบ"}
    response = pyp.get("/api/v1/projects/", query)

    assert codes(response) == [wanted.code]
    assert response.json()["results"][0]["target_codes"] == ["990101"]


def test_ordering_by_fiscal_year_then_code(pyp):
    first = ProjectFactory(fiscal_year=2566, code="รง 0209-66-0002")
    second = ProjectFactory(fiscal_year=2567, code="รง 0209-67-0001")
    third = ProjectFactory(fiscal_year=2567, code="รง 0209-67-0002")

    response = pyp.get("/api/v1/projects/", {"ordering": "fiscal_year"})

    assert codes(response) == [first.code, second.code, third.code]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"fiscal_year": "abc"}, "fiscal_year", "ปีต้องเป็นตัวเลข พ.ศ."),
        ({"fiscal_year": "67"}, "fiscal_year", "ปีต้องเป็น พ.ศ. ตั้งแต่ 2400"),
        ({"status": "lost"}, "status", "ไม่มีสถานะ"),
        ({"ordering": "name"}, "ordering", "เรียงลำดับได้ตาม"),
    ],
)
def test_bad_query_values_answer_400_in_thai(pyp, query, field, message):
    response = pyp.get("/api/v1/projects/", query)

    assert response.status_code == 400
    assert message in response.json()[field][0]


def test_an_empty_choice_is_400_but_empty_text_is_no_filter(pyp):
    ProjectFactory()

    assert pyp.get("/api/v1/projects/", {"status": ""}).status_code == 400
    assert pyp.get("/api/v1/projects/", {"q": ""}).json()["count"] == 1


def test_a_nul_character_in_the_search_text_is_not_a_server_error(pyp):
    ProjectFactory(name="อบรม")

    assert pyp.get("/api/v1/projects/", {"q": "อบ\x00รม"}).json()["count"] == 1


@pytest.mark.parametrize("page", ["", "0", "x"])
def test_a_page_that_cannot_exist_is_404_for_the_list_and_its_files(pyp, page):
    assert pyp.get("/api/v1/projects/", {"page": page}).status_code == 404
    assert pyp.get("/api/v1/projects/", {"page": page, "format": "csv"}).status_code == 404


def test_a_unit_outside_the_users_scope_filters_to_nothing(staff0209, unit):
    ProjectFactory(owner_unit=unit("0209"))
    ProjectFactory(owner_unit=unit("0206"))

    for code in ("0206", "NOPE"):
        response = staff0209.get("/api/v1/projects/", {"unit": code})
        assert (response.status_code, response.json()["count"]) == (200, 0)


# --- detail: M1–M6 ---------------------------------------------------------------


def test_detail_holds_every_module_and_the_m7_status(pyp):
    project = ProjectFactory(gfmis_code="G-1", status=ItemStatus.SUBMITTED, revision=2)
    project.plan_nodes.add(
        PlanNode.objects.get(level=PlanLevel.SUB_PLAN_TARGET, code="010201"),
        PlanNode.objects.filter(level=PlanLevel.REFORM_AREA).first(),
    )
    ProjectTargetFactory(project=project, description="ผู้ผ่านการอบรม")
    parent = ActivityFactory(project=project, name="อบรม", position=0)
    child = ActivityFactory(project=project, parent=parent, name="อบรมรุ่นที่ ๑", position=0)
    ActivityQuarter.objects.create(activity=child, fiscal_year=2567, quarter=2)
    BudgetSourceFactory(project=project, amount=Decimal("1500.50"))
    SpendingPlanFactory(project=project, quarter=1, amount=Decimal("1500.50"))
    QuarterlyReportFactory(project=project, quarter=1, disbursed=Decimal(700), problems="ฝนตก")

    body = pyp.get(f"/api/v1/projects/{project.pk}/").json()

    assert (body["status"], body["revision"], body["m2"]["gfmis_code"]) == ("submitted", 2, "G-1")
    assert [n["code"] for n in body["m1"]["plan_links"]] == ["010201"]
    assert body["m1"]["plan_links"][0]["parent_code"] == "0102"
    assert len(body["m1"]["reform_areas"]) == 1
    assert body["m3"]["targets"][0]["description"] == "ผู้ผ่านการอบรม"
    assert [(a["number"], a["name"]) for a in body["m4"]] == [("1", "อบรม"), ("1.1", "อบรมรุ่นที่ ๑")]
    assert body["m4"][1]["quarters"] == [{"fiscal_year": 2567, "quarter": 2}]
    assert (body["budget_total"], body["m5"]["spending_plan"][0]["amount"]) == (
        "1500.50",
        "1500.50",
    )
    assert (body["m6"][0]["quarter"], body["m6"][0]["disbursed"]) == (1, "700.00")
    assert body["m6"][0]["problems"] == "ฝนตก"


def _project_with_activities(count: int):
    project = ProjectFactory()
    for n in range(count):
        activity = ActivityFactory(project=project)
        ActivityQuarter.objects.create(activity=activity, fiscal_year=2567, quarter=1 + n % 4)
        ProjectTargetFactory(project=project)
        QuarterlyReportFactory(project=project, quarter=1 + n % 4, fiscal_year=2560 + n)
    return project


def test_detail_queries_do_not_grow_with_its_activities(pyp):
    small, large = _project_with_activities(1), _project_with_activities(6)

    few = queries_of(lambda: pyp.get(f"/api/v1/projects/{small.pk}/"))
    many = queries_of(lambda: pyp.get(f"/api/v1/projects/{large.pk}/"))

    assert few == many


def _projects_with_targets(count: int) -> None:
    for _ in range(count):
        project = ProjectFactory()
        project.plan_nodes.add(PlanNodeFactory())
        BudgetSourceFactory(project=project)


def test_list_queries_do_not_grow_with_its_rows(pyp):
    _projects_with_targets(2)
    few = queries_of(lambda: pyp.get("/api/v1/projects/"))
    _projects_with_targets(8)
    many = queries_of(lambda: pyp.get("/api/v1/projects/"))

    assert few == many
    assert len(pyp.get("/api/v1/projects/").json()["results"]) == 10


# --- files -----------------------------------------------------------------------


def test_csv_has_a_bom_thai_headers_and_the_filtered_rows(pyp):
    project = ProjectFactory(fiscal_year=2567, name="พัฒนาทักษะแรงงาน")
    BudgetSourceFactory(project=project, amount=Decimal("2500.00"))
    ProjectFactory(fiscal_year=2566)

    response = pyp.get("/api/v1/projects/", {"fiscal_year": 2567, "format": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["รหัสโครงการ", "ชื่อโครงการ/การดำเนินงาน"]
    assert rows[1:] == [
        [
            project.code,
            "พัฒนาทักษะแรงงาน",
            "0209",
            project.owner_unit.name_th,
            "2567",
            "ร่าง",
            "2500.00",
            "",
        ]
    ]


def test_xlsx_reads_back_with_every_row_not_only_the_first_page(pyp):
    for _ in range(52):
        ProjectFactory()

    response = pyp.get("/api/v1/projects/", {"format": "xlsx"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "รหัสโครงการ"
    assert len(rows) == 2 + 52
    assert "attachment" in response["Content-Disposition"]


def test_a_bad_filter_in_a_file_request_answers_json_400(pyp):
    response = pyp.get("/api/v1/projects/", {"format": "csv", "status": "lost"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"


# --- conditional GET ---------------------------------------------------------------


def test_an_unchanged_project_list_answers_304(pyp):
    ProjectFactory()
    etag = pyp.get("/api/v1/projects/")["ETag"]

    response = pyp.get("/api/v1/projects/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""


def test_a_new_project_changes_the_lists_etag(pyp):
    ProjectFactory()
    etag = pyp.get("/api/v1/projects/")["ETag"]
    ProjectFactory()

    assert pyp.get("/api/v1/projects/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_an_m7_move_changes_the_lists_etag(pyp):
    project = ProjectFactory()
    etag = pyp.get("/api/v1/projects/")["ETag"]
    ApprovalFactory(item=project, status=ItemStatus.SUBMITTED)

    assert pyp.get("/api/v1/projects/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_other_filters_have_their_own_etag(pyp):
    ProjectFactory(fiscal_year=2567)
    etag = pyp.get("/api/v1/projects/")["ETag"]

    response = pyp.get("/api/v1/projects/", {"fiscal_year": 2567}, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200


# --- strategy tree (open data) ----------------------------------------------------------


def test_strategy_tree_is_open_data_when_open_data_is_on(settings):
    settings.OPEN_DATA = True

    response = client_for().get("/api/v1/strategy-tree/", {"level": "strategy"})

    assert response.status_code == 200
    assert [n["code"] for n in response.json()][:2] == ["1", "2"]


def test_strategy_tree_needs_a_login_when_open_data_is_off(settings, staff0209):
    settings.OPEN_DATA = False

    assert client_for().get("/api/v1/strategy-tree/").status_code == 401
    assert staff0209.get("/api/v1/strategy-tree/").status_code == 200


def test_strategy_tree_filters_by_parent_code(staff0209):
    response = staff0209.get("/api/v1/strategy-tree/", {"parent": "0102"})

    assert [(n["code"], n["parent_code"]) for n in response.json()] == [("010201", "0102")]


def test_an_unchanged_strategy_tree_answers_304(staff0209):
    etag = staff0209.get("/api/v1/strategy-tree/")["ETag"]

    assert staff0209.get("/api/v1/strategy-tree/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    PlanNodeFactory(code="990999")
    assert staff0209.get("/api/v1/strategy-tree/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_plan_node_by_code_lists_what_lies_under_it(staff0209):
    body = staff0209.get("/api/v1/strategy-tree/0102/").json()

    assert (body["level"], body["code"]) == ("sub_plan", "0102")
    assert [c["code"] for c in body["children"]] == ["010201"]


def test_an_unknown_plan_code_is_404_in_thai(staff0209):
    response = staff0209.get("/api/v1/strategy-tree/ZZZ/")

    assert response.status_code == 404
    assert "ไม่พบแผน" in response.json()["detail"]


# --- statistics ------------------------------------------------------------------


def _approved(unit_code: str, year: int, amount: str, unit):
    project = ProjectFactory(owner_unit=unit(unit_code), fiscal_year=year, status="approved")
    BudgetSourceFactory(project=project, amount=Decimal(amount))
    return project


def test_statistics_count_approved_projects_by_year_and_department(pyp, unit):
    _approved("0209", 2567, "100.00", unit)
    _approved("0206", 2567, "50.00", unit)
    _approved("0209", 2566, "10.00", unit)
    ProjectFactory(owner_unit=unit("0209"), fiscal_year=2567)  # a draft: not counted

    body = pyp.get("/api/v1/statistics/projects/").json()

    rows = [
        (r["fiscal_year"], r["department_code"], r["projects"], r["budget_total"])
        for r in body["rows"]
    ]
    assert rows == [(2567, "OPS", 2, "150.00"), (2566, "OPS", 1, "10.00")]
    assert (body["total_projects"], body["total_budget"]) == (3, "160.00")


def test_statistics_are_open_data_when_open_data_is_on(settings, unit):
    settings.OPEN_DATA = True
    _approved("0209", 2567, "100.00", unit)

    assert client_for().get("/api/v1/statistics/projects/").json()["total_projects"] == 1
    settings.OPEN_DATA = False
    assert client_for().get("/api/v1/statistics/projects/").status_code == 401


def test_without_open_data_statistics_cover_only_the_users_projects(settings, staff0209, unit):
    settings.OPEN_DATA = False
    _approved("0209", 2567, "100.00", unit)
    _approved("0206", 2567, "50.00", unit)

    assert staff0209.get("/api/v1/statistics/projects/").json()["total_budget"] == "100.00"


def test_statistics_queries_do_not_grow_with_projects(pyp, unit):
    _approved("0209", 2567, "1.00", unit)
    few = queries_of(lambda: pyp.get("/api/v1/statistics/projects/"))
    for code in ("0206", "DOE", "SSO"):
        _approved(code, 2566, "1.00", unit)
    many = queries_of(lambda: pyp.get("/api/v1/statistics/projects/"))

    assert few == many
