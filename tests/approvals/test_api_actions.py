"""M7 through /api/v1/approvals/: the inbox, one move on one item, bulk approval, and
the personal tokens that speak for the approvers."""

import pytest

from approvals.models import Approval, ChainLevel, ItemStatus, Transition
from approvals.services.transitions import CHECKLIST, STALE, item_approve, item_submit
from orgs.models import OrgUnit, Role
from orgs.tokens import api_token_create, api_token_revoke
from tests.conftest import queries_of
from tests.factories import ApprovalFactory, ProjectFactory, complete_project, user_with_role

pytestmark = pytest.mark.django_db
ALL_TICKED = {key: True for key, _ in CHECKLIST}
INBOX = "/api/v1/approvals/inbox/"


class Api:
    def __init__(self, client, user):
        self.client, self.user = client, user
        self.token, raw = api_token_create(user=user, name="ระบบสารบรรณ")
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    def get(self, url, params=None):
        return self.client.get(url, params or {}, **self.headers)

    def post(self, url, body=None):
        return self.client.post(url, body or {}, content_type="application/json", **self.headers)


def act(project, action: str) -> str:
    return f"/api/v1/approvals/items/project/{project.pk}/{action}/"


def waiting_at(role: str, unit_code: str, count: int) -> list[Approval]:
    unit = OrgUnit.objects.get(code=unit_code)
    level = ChainLevel.objects.get(chain__root_unit__code="MOL", role=role)
    projects = ProjectFactory.create_batch(count, owner_unit=unit, status=ItemStatus.SUBMITTED)
    return [
        ApprovalFactory(item=p, status=ItemStatus.SUBMITTED, current_level=level) for p in projects
    ]


@pytest.fixture
def director(client):
    return Api(client, user_with_role(Role.DIVISION_DIRECTOR, "0209"))


@pytest.fixture
def staff(client):
    return Api(client, user_with_role(Role.STAFF, "0209"))


@pytest.fixture
def submitted(staff):
    project = complete_project()
    item_submit(item=project, actor=staff.user)
    return project


def test_the_inbox_lists_what_waits_for_the_tokens_user(director):
    mine = waiting_at("division_director", "0209", 2)
    waiting_at("division_director", "0206", 1)

    body = director.get(INBOX).json()

    assert body["count"] == 2
    assert [row["id"] for row in body["results"]] == [a.pk for a in mine]
    first = body["results"][0]
    assert first["kind"] == "project" and first["unit"]["code"] == "0209"
    assert first["current_level"]["role"] == "division_director"
    assert first["description"] == f"{mine[0].item.code} {mine[0].item.name}"


def test_the_inbox_filters_by_unit_and_kind_as_the_page_does(client):
    ps = Api(client, user_with_role(Role.PERMANENT_SECRETARY, "MOL"))
    waiting_at("permanent_secretary", "0209", 2)
    waiting_at("permanent_secretary", "0206", 3)

    assert ps.get(INBOX, {"unit": "0206"}).json()["count"] == 3
    assert ps.get(INBOX, {"kind": "project", "unit": "0209"}).json()["count"] == 2
    assert ps.get(INBOX, {"kind": "quarterlyreport"}).json()["count"] == 0


def test_bad_inbox_filters_answer_400_in_thai(director):
    window = director.get(INBOX, {"window": "x"})
    kind = director.get(INBOX, {"kind": "memo"})

    assert window.status_code == 400
    assert window.json() == {"window": ["เลขที่รอบต้องเป็นจำนวนเต็มบวก"]}
    assert kind.status_code == 400
    assert kind.json()["kind"][0].startswith("ไม่รู้จักประเภทรายการ “memo”")


def test_a_unit_or_window_outside_the_users_reach_filters_everything_out(director):
    waiting_at("division_director", "0209", 1)

    assert director.get(INBOX, {"unit": "0206"}).json()["count"] == 0
    assert director.get(INBOX, {"window": 999999}).json()["count"] == 0
    assert director.get(INBOX, {"unit": "0209"}).json()["count"] == 1


def test_the_inbox_runs_as_many_queries_for_40_rows_as_for_2(client):
    ps = Api(client, user_with_role(Role.PERMANENT_SECRETARY, "MOL"))
    waiting_at("permanent_secretary", "0209", 2)
    ps.get(INBOX)  # the token's first use records last_used_at; measure after it
    few = queries_of(lambda: ps.get(INBOX))
    waiting_at("permanent_secretary", "0206", 38)

    many = queries_of(lambda: ps.get(INBOX))

    assert ps.get(INBOX).json()["count"] == 40
    assert many == few


def test_a_staff_token_sees_only_its_unit_and_cannot_approve(client, staff, submitted, unit):
    elsewhere = ProjectFactory(owner_unit=unit("0206"), code="รง 0206-67-0001")

    refused = staff.post(act(submitted, "approve"))

    assert refused.status_code == 403
    assert "รอ “" in refused.json()["detail"]
    assert staff.post(act(elsewhere, "submit")).status_code == 404
    assert staff.get(f"/api/v1/entry/projects/{elsewhere.pk}/").status_code == 404
    assert staff.get(f"/api/v1/entry/projects/{submitted.pk}/").status_code == 200
    assert staff.get(INBOX).json()["count"] == 0
    assert staff.post("/api/v1/approvals/bulk-approve/", {"all": True}).status_code == 403
    assert Approval.objects.get(object_id=submitted.pk).current_level.role == "division_director"


def test_a_revoked_token_is_refused(director, submitted):
    api_token_revoke(token=director.token, user=director.user)

    response = director.post(act(submitted, "approve"))

    assert response.status_code == 401
    assert response.json()["detail"] == "โทเค็นไม่ถูกต้องหรือถูกยกเลิกแล้ว"
    assert Transition.objects.filter(action="approve").count() == 0


def test_the_director_approves_with_a_token_and_the_trail_records_it(director, submitted):
    response = director.post(act(submitted, "approve"), {"comment": "เห็นชอบ"})

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "submitted" and body["current_level"]["role"] == "pyp_officer"
    assert body["transition"]["action"] == "approve"
    assert body["transition"]["actor"] == str(director.user)
    last = Transition.objects.order_by("pk").last()
    assert (last.actor, last.comment) == (director.user, "เห็นชอบ")


def test_a_stale_expected_level_answers_409_with_the_engines_message(director, submitted):
    first_level = Approval.objects.get(object_id=submitted.pk).current_level_id
    item_approve(item=submitted, actor=director.user)

    response = director.post(act(submitted, "approve"), {"expected_level": first_level})

    assert response.status_code == 409
    assert response.json()["detail"] == STALE


def test_approving_an_item_that_is_not_in_the_chain_is_a_conflict(director):
    draft = complete_project()

    response = director.post(act(draft, "approve"))

    assert response.status_code == 409
    assert response.json()["detail"] == "ดำเนินการไม่ได้: รายการนี้มีสถานะ “ร่าง”"


def test_returning_needs_a_reason(director, submitted):
    response = director.post(act(submitted, "return"), {"comment": "  "})

    assert response.status_code == 400
    assert response.json() == {"comment": ["กรุณาระบุเหตุผลที่ส่งกลับแก้ไข"]}
    ok = director.post(act(submitted, "return"), {"comment": "งบประมาณไม่ตรงกับแผน"})
    assert ok.json()["status"] == "returned"


def test_the_pyp_check_needs_every_point_of_the_checklist(client, director, submitted):
    director.post(act(submitted, "approve"))
    pyp = Api(client, user_with_role(Role.PYP_OFFICER, "MOL"))

    partial = pyp.post(act(submitted, "approve"), {"checklist": {"linkage": True}})
    passed = pyp.post(act(submitted, "approve"), {"checklist": ALL_TICKED})

    assert partial.status_code == 400
    assert partial.json()["non_field_errors"][0].startswith("ตรวจสอบไม่ผ่านทุกข้อ")
    assert passed.json()["transition"]["action"] == "check"
    assert passed.json()["current_level"]["role"] == "cluster_head"


def test_staff_withdraw_until_someone_acts(staff, submitted):
    response = staff.post(act(submitted, "withdraw"))

    assert response.status_code == 200 and response.json()["status"] == "draft"


def test_submitting_an_incomplete_project_lists_what_is_missing(staff):
    project = ProjectFactory()

    response = staff.post(act(project, "submit"))

    assert response.status_code == 400
    assert response.json()["non_field_errors"][0] == "ส่งขออนุมัติไม่ได้:"


def test_bulk_approval_by_ids_is_all_or_nothing(client):
    ps = Api(client, user_with_role(Role.PERMANENT_SECRETARY, "MOL"))
    mine = waiting_at("permanent_secretary", "0209", 3)
    not_yet = waiting_at("division_director", "0209", 1)

    refused = ps.post("/api/v1/approvals/bulk-approve/", {"ids": [a.pk for a in mine + not_yet]})
    done = ps.post("/api/v1/approvals/bulk-approve/", {"ids": [a.pk for a in mine]})

    assert refused.status_code == 409
    assert refused.json()["detail"].startswith("อนุมัติพร้อมกันไม่ได้ ไม่มีรายการใดถูกบันทึก")
    assert done.json() == {"approved": 3, "ids": [a.pk for a in mine]}
    assert Approval.objects.filter(status=ItemStatus.APPROVED).count() == 3


def test_bulk_approval_of_an_empty_filter_approves_nothing(client):
    ps = Api(client, user_with_role(Role.PERMANENT_SECRETARY, "MOL"))
    waiting_at("permanent_secretary", "0209", 2)

    response = ps.post("/api/v1/approvals/bulk-approve/", {"all": True, "unit": "0206"})

    assert response.json() == {"approved": 0, "ids": []}
    assert not Transition.objects.exists()


def test_bulk_approval_of_all_in_the_inbox_filter(client):
    ps = Api(client, user_with_role(Role.PERMANENT_SECRETARY, "MOL"))
    waiting_at("permanent_secretary", "0209", 2)
    others = waiting_at("permanent_secretary", "0206", 2)

    response = ps.post("/api/v1/approvals/bulk-approve/", {"all": True, "unit": "0206"})

    assert response.json()["ids"] == [a.pk for a in others]
    assert Approval.objects.filter(status=ItemStatus.SUBMITTED).count() == 2


def test_bulk_check_at_the_pyp_step_needs_the_checklist_once_for_all(client):
    pyp = Api(client, user_with_role(Role.PYP_OFFICER, "MOL"))
    ids = [a.pk for a in waiting_at("pyp_officer", "0209", 3)]

    refused = pyp.post("/api/v1/approvals/bulk-approve/", {"ids": ids})
    done = pyp.post("/api/v1/approvals/bulk-approve/", {"ids": ids, "checklist": ALL_TICKED})

    assert refused.status_code == 400
    assert done.json()["approved"] == 3
    assert set(Transition.objects.values_list("action", flat=True)) == {"check"}
