"""Entering a project through /api/v1/entry/: the editor's validation and messages,
the same policy, and a project entered by another system that climbs the whole chain."""

from datetime import datetime

import pytest

from approvals.models import ItemStatus
from approvals.selectors import trail_for
from approvals.services.transitions import CHECKLIST
from core.clock import freeze
from orgs.models import Role
from orgs.tokens import api_token_create
from projects.models import Project
from tests.factories import ProjectFactory, user_with_role

pytestmark = pytest.mark.django_db
ALL_TICKED = {key: True for key, _ in CHECKLIST}


class Api:
    """A client that speaks for one user through a personal token."""

    def __init__(self, client, user):
        self.client, self.user = client, user
        _, raw = api_token_create(user=user, name="ระบบงานของกรม")
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    def get(self, url):
        return self.client.get(url, **self.headers)

    def post(self, url, body=None):
        return self.client.post(url, body or {}, content_type="application/json", **self.headers)

    def put(self, url, body):
        return self.client.put(url, body, content_type="application/json", **self.headers)


@pytest.fixture
def at_fy2567():
    with freeze(datetime(2024, 1, 15, 10, 0)):
        yield


@pytest.fixture
def staff(client):
    return Api(client, user_with_role(Role.STAFF, "0209"))


MODULES = {
    "m1": {"target_codes": ["110401"]},
    "m2": {
        "name": "โครงการพัฒนาระบบติดตามและประเมินผลด้านแรงงาน",
        "kind": "project",
        "cycle": "fiscal",
        "uses_budget": True,
        "in_house": True,
        "director_first_name": "สมชาย",
        "director_last_name": "ใจดี",
        "director_email": "somchai@mol.go.th",
        "director_phone": "0 2232 1403",
        "start_date": "2023-10-01",
        "end_date": "2024-09-30",
    },
    "m3": {
        "rationale": "ติดตามผลโครงการของกระทรวงให้ครบทุกหน่วยงาน",
        "objectives": "เพื่อให้รายงานผลตรงเวลา",
        "expected_results": "ทุกหน่วยงานรายงานผลครบ",
        "target_groups": "หน่วยงานในสังกัดกระทรวงแรงงาน",
        "targets": [
            {
                "kind": "output",
                "description": "หน่วยงานที่รายงานผล",
                "target_value": "40",
                "unit_of_measure": "หน่วยงาน",
            },
            {"kind": "outcome", "description": "รายงานผลตรงเวลา"},
            {
                "kind": "kpi",
                "description": "ร้อยละของรายงานที่ตรงเวลา",
                "target_value": "95",
                "unit_of_measure": "ร้อยละ",
            },
        ],
        "areas": [{"level": "country"}],
    },
    "m4": {
        "activities": [
            {"name": "ประชุมชี้แจงหน่วยงาน", "quarters": ["2567-1"]},
            {"name": "ติดตามผลรายไตรมาส", "quarters": ["2567-2", "2567-3"]},
            {"name": "ลงพื้นที่ตรวจติดตาม", "depth": 1, "quarters": ["2567-3"]},
        ]
    },
    "m5": {
        "sources": {"state_direct": "400000.00"},
        "plan": {"2567-1": "100000", "2567-2": "100000", "2567-3": "100000", "2567-4": "100000"},
    },
}


def enter_project(api: Api) -> dict:
    created = api.post(
        "/api/v1/entry/projects/",
        {"unit": "0209", "fiscal_year": 2567, "name": MODULES["m2"]["name"], "kind": "project"},
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    for module, data in MODULES.items():
        response = api.put(f"/api/v1/entry/projects/{body['id']}/{module}/", data)
        assert response.status_code == 200, (module, response.json())
        body = response.json()
    return body


def test_a_new_project_gets_the_units_next_code_and_lists_what_is_missing(staff, at_fy2567):
    response = staff.post(
        "/api/v1/entry/projects/",
        {"unit": "0209", "fiscal_year": 2567, "name": "โครงการทดสอบการนำเข้า", "kind": "project"},
    )

    body = response.json()
    assert response.status_code == 201
    assert body["code"] == "รง 0209-67-0001" and body["status"] == "draft"
    assert not body["is_complete"]
    m1 = next(m for m in body["modules"] if m["key"] == "m1")
    assert m1["missing"] == [
        "ยังไม่ได้เลือกเป้าหมายแผนแม่บท (Y2) หรือเป้าหมายแผนย่อย (Y1) อย่างน้อย ๑ เป้าหมาย"
    ]


def test_every_module_entered_through_the_api_makes_the_project_complete(staff, at_fy2567):
    body = enter_project(staff)

    assert body["is_complete"] is True
    assert all(m["complete"] for m in body["modules"])
    project = Project.objects.get(pk=body["id"])
    assert [n.code for n in project.plan_nodes.all()] == ["110401"]
    assert project.end_date.isoformat() == "2024-09-30"
    assert project.activities.get(name="ลงพื้นที่ตรวจติดตาม").parent.name == "ติดตามผลรายไตรมาส"


def test_module_errors_come_back_in_thai_field_by_field(staff, at_fy2567):
    project_id = enter_project(staff)["id"]
    general = {
        **MODULES["m2"],
        "director_email": "ไม่ใช่อีเมล",
        "start_date": "2024-09-01",
        "end_date": "2023-10-31",
    }

    response = staff.put(f"/api/v1/entry/projects/{project_id}/m2/", general)

    assert response.status_code == 400
    assert response.json()["director_email"] == ["รูปแบบอีเมลไม่ถูกต้อง"]
    assert response.json()["end_date"] == ["วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่มต้น"]


def test_row_errors_name_the_row_and_nothing_is_saved(staff, at_fy2567):
    project_id = enter_project(staff)["id"]
    detail = {
        **MODULES["m3"],
        "targets": [{"kind": "output", "description": ""}],
        "areas": [{"level": "province"}],
    }

    response = staff.put(f"/api/v1/entry/projects/{project_id}/m3/", detail)

    assert response.status_code == 400
    assert response.json()["targets"] == [{"description": ["กรุณากรอกรายละเอียดเป้าหมาย/ตัวชี้วัด"]}]
    assert response.json()["areas"] == [{"province": ["กรุณากรอก"]}]
    assert Project.objects.get(pk=project_id).targets.count() == 3


def test_a_spending_plan_outside_the_project_period_is_refused_not_dropped(staff, at_fy2567):
    project_id = enter_project(staff)["id"]
    budget = {"sources": {"state_direct": "100"}, "plan": {"2567-4": "50", "2568-1": "50"}}

    response = staff.put(f"/api/v1/entry/projects/{project_id}/m5/", budget)

    assert response.status_code == 400
    assert list(response.json()["plan"]) == ["2568-1"]


def test_the_models_own_rule_comes_back_as_a_message_on_its_field(staff, at_fy2567):
    project_id = enter_project(staff)["id"]

    response = staff.put(
        f"/api/v1/entry/projects/{project_id}/m2/", {**MODULES["m2"], "uses_budget": False}
    )

    assert response.status_code == 400
    assert response.json()["uses_budget"] == [
        "โครงการนี้มีแหล่งเงินใน M5 อยู่ กรุณาลบแหล่งเงินก่อนเปลี่ยนเป็นโครงการที่ไม่ใช้งบประมาณ"
    ]
    assert Project.objects.get(pk=project_id).uses_budget is True


def test_staff_enter_projects_only_for_their_own_unit(staff, unit, at_fy2567):
    other = ProjectFactory(owner_unit=unit("0206"), code="รง 0206-67-0001")

    refused = staff.post(
        "/api/v1/entry/projects/",
        {"unit": "0206", "fiscal_year": 2567, "name": "โครงการของหน่วยงานอื่น", "kind": "project"},
    )

    assert refused.status_code == 403
    assert refused.json()["detail"] == "คุณไม่มีสิทธิ์นำเข้าโครงการของหน่วยงานนี้"
    assert staff.put(f"/api/v1/entry/projects/{other.pk}/m1/", MODULES["m1"]).status_code == 404
    assert staff.get(f"/api/v1/entry/projects/{other.pk}/").status_code == 404


def test_who_may_only_read_projects_cannot_enter_or_change_them(client, at_fy2567):
    pyp = Api(client, user_with_role(Role.PYP_OFFICER, "MOL"))
    project = ProjectFactory()

    created = pyp.post(
        "/api/v1/entry/projects/",
        {"unit": "0209", "fiscal_year": 2567, "name": "โครงการ", "kind": "project"},
    )

    assert created.status_code == 403
    assert pyp.get(f"/api/v1/entry/projects/{project.pk}/").status_code == 200
    assert pyp.put(f"/api/v1/entry/projects/{project.pk}/m1/", MODULES["m1"]).status_code == 403


def test_a_likely_duplicate_is_listed_until_the_user_confirms_it(staff, at_fy2567):
    ProjectFactory(name=MODULES["m2"]["name"], code="รง 0209-67-0900")
    project_id = enter_project(staff)["id"]
    assert (
        staff.get(f"/api/v1/entry/projects/{project_id}/").json()["duplicates"][0]["code"]
        == "รง 0209-67-0900"
    )

    response = staff.post(f"/api/v1/entry/projects/{project_id}/confirm-not-duplicate/")

    assert response.status_code == 200 and response.json()["duplicates"] == []


def test_a_project_entered_through_the_api_climbs_the_whole_chain_with_the_approvers_tokens(
    client, staff, open_entry_windows, at_fy2567
):
    project_id = enter_project(staff)["id"]
    url = f"/api/v1/approvals/items/project/{project_id}"
    approvers = [
        Api(client, user_with_role(Role.DIVISION_DIRECTOR, "0209")),
        Api(client, user_with_role(Role.PYP_OFFICER, "MOL")),
        Api(client, user_with_role(Role.CLUSTER_HEAD, "CL-POLICY")),
        Api(client, user_with_role(Role.PERMANENT_SECRETARY, "MOL")),
    ]

    submitted = staff.post(f"{url}/submit/", {"comment": "ส่งจากระบบของกรม"})
    assert submitted.status_code == 200, submitted.json()
    seen = [submitted.json()["current_level"]["role"]]
    for approver in approvers:
        level = approver.post(f"{url}/approve/", {"checklist": ALL_TICKED}).json()
        seen.append(level["current_level"] and level["current_level"]["role"])

    assert seen == ["division_director", "pyp_officer", "cluster_head", "permanent_secretary", None]
    project = Project.objects.get(pk=project_id)
    assert project.status == ItemStatus.APPROVED
    trail = trail_for(project)
    assert [(t.action, t.actor) for t in trail] == [
        ("submit", staff.user),
        ("approve", approvers[0].user),
        ("check", approvers[1].user),
        ("approve", approvers[2].user),
        ("approve", approvers[3].user),
    ]
    assert trail[2].checklist == ALL_TICKED and trail[0].comment == "ส่งจากระบบของกรม"


def test_a_project_waiting_in_the_chain_is_a_conflict_for_the_api(staff, unit, at_fy2567):
    waiting = ProjectFactory(owner_unit=unit("0209"), status=ItemStatus.SUBMITTED)

    response = staff.put(f"/api/v1/entry/projects/{waiting.pk}/m3/", MODULES["m3"])

    assert response.status_code == 409
    assert "อยู่ระหว่างการอนุมัติ" in response.json()["detail"]
