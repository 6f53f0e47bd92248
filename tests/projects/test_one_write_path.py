"""The editor's pages and /api/v1/entry/ save M1–M5 through one write path: the same
bad input, typed on the page or sent as JSON, is refused with the same Thai message
on the same field, and neither path changes the project."""

import pytest
from django.urls import reverse

from orgs.models import Role
from projects.models import Project
from tests.factories import ProjectFactory, complete_project, user_with_role
from tests.projects.test_api_entry import Api

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return user_with_role(Role.STAFF, "0209")


@pytest.fixture
def page(client, staff):
    """Posts a module's form to the editor as the unit's staff."""
    client.force_login(staff)

    def post(project: Project, module: str, data: dict):
        return client.post(reverse("projects:edit", args=[project.pk, module]), data)

    return post


@pytest.fixture
def api(client, staff):
    """Puts a module's JSON body as the same user, with a personal token."""
    caller = Api(client, staff)

    def put(project: Project, module: str, body: dict):
        response = caller.put(f"/api/v1/entry/projects/{project.pk}/{module}/", body)
        assert response.status_code == 400, response.content
        return response.json()

    return put


def test_m1_an_unknown_target_code_is_refused_alike(page, api):
    project = ProjectFactory()

    on_page = page(project, "m1", {"target_codes": "110401; 123456"}).context["form"].errors
    by_api = api(project, "m1", {"target_codes": ["110401", "123456"]})

    assert on_page["target_codes"] == by_api["target_codes"]
    assert "ไม่พบรหัสเป้าหมาย 123456" in by_api["target_codes"][0]
    assert not project.plan_nodes.exists()


def test_m2_a_bad_email_and_an_end_before_the_start_are_refused_alike(page, api):
    project = ProjectFactory()
    common = {"name": "โครงการ", "kind": "project", "cycle": "fiscal", "uses_budget": True}
    typed = {**common, "director_email": "ไม่ใช่อีเมล", "in_house": "on"}
    months = {"start_date_0": "9", "start_date_1": "2567", "end_date_0": "10"}

    on_page = page(project, "m2", {**typed, **months, "end_date_1": "2566"}).context["form"]
    by_api = api(
        project,
        "m2",
        {**typed, "in_house": True, "start_date": "2024-09-01", "end_date": "2023-10-31"},
    )

    for name in ("director_email", "end_date"):
        assert on_page.errors[name] == by_api[name]
    assert by_api["director_email"] == ["รูปแบบอีเมลไม่ถูกต้อง"]
    assert by_api["end_date"] == ["วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่มต้น"]
    assert Project.objects.get(pk=project.pk).director_email == ""


def test_m3_a_target_without_description_and_an_area_without_province_are_refused_alike(page, api):
    project = complete_project()
    posted = {
        **{"target": "t1", "target-t1-kind": "output", "target-t1-description": ""},
        **{"area": "a1", "area-a1-level": "province", "area-a1-province": ""},
    }

    context = page(project, "m3", posted).context
    by_api = api(
        project,
        "m3",
        {"targets": [{"kind": "output", "description": ""}], "areas": [{"level": "province"}]},
    )

    assert by_api["targets"] == [{"description": ["กรุณากรอกรายละเอียดเป้าหมาย/ตัวชี้วัด"]}]
    assert by_api["areas"] == [{"province": ["กรุณากรอก"]}]
    assert context["targets"][0].errors == {"description": by_api["targets"][0]["description"][0]}
    assert context["areas"][0].errors == {"province": by_api["areas"][0]["province"][0]}
    assert project.targets.count() == 3


def test_m4_an_activity_without_a_name_is_refused_alike(page, api):
    project = complete_project()
    posted = {"activity": ["r1", "r2"], "activity-r1-name": "อบรม", "activity-r2-name": " "}
    posted.update({"activity-r1-depth": "0", "activity-r2-depth": "0"})

    rows = page(project, "m4", posted).context["rows"]
    by_api = api(project, "m4", {"activities": [{"name": "อบรม"}, {"name": " "}]})

    assert by_api["activities"] == [{}, {"name": ["กรุณากรอกชื่อกิจกรรม"]}]
    assert [r.errors for r in rows] == [{}, {"name": "กรุณากรอกชื่อกิจกรรม"}]
    assert not project.activities.filter(name="อบรม").exists()


def test_m5_money_asked_through_another_agency_needs_that_agency_alike(page, api):
    project = complete_project()

    budget = page(project, "m5", {"source-state_via_agency": "5000"}).context["budget"]
    by_api = api(project, "m5", {"sources": {"state_via_agency": "5000"}})

    assert by_api == {"via_agency": ["กรุณาระบุหน่วยงานที่ขอผ่าน"]}
    assert budget.errors == {"via_agency": by_api["via_agency"][0]}
    assert not project.budget_sources.filter(kind="state_via_agency").exists()


def test_m3_a_province_not_among_the_77_is_refused_alike(page, api):
    project = complete_project()
    posted = {"area": "a1", "area-a1-level": "province", "area-a1-province": "เชียงดอย"}

    context = page(project, "m3", posted).context
    by_api = api(project, "m3", {"areas": [{"level": "province", "province": "เชียงดอย"}]})

    assert by_api["areas"] == [{"province": ["กรุณาเลือกจังหวัดจากรายการ ๗๗ จังหวัด"]}]
    assert context["areas"][0].errors == {"province": by_api["areas"][0]["province"][0]}
    assert not project.areas.filter(province="เชียงดอย").exists()
