"""The API answers an engine refusal with the status its TYPE says, whatever its words."""

import pytest
from django.core.exceptions import ValidationError

from approvals.api import views
from approvals.models import ChainLevel, ItemStatus
from approvals.services.errors import (
    ChecklistIncomplete,
    ItemInChain,
    MoveNotAllowed,
    NotSubmittable,
    NotYourStep,
    StaleItem,
)
from approvals.services.transitions import STALE, item_approve, item_submit
from orgs.models import Role
from orgs.tokens import api_token_create
from tests.factories import ApprovalFactory, ProjectFactory, complete_project, user_with_role

pytestmark = pytest.mark.django_db
BULK = "/api/v1/approvals/bulk-approve/"
# Each refusal carries words that belong to another status, so matching on text would fail.
BY_TYPE = [
    (StaleItem("คุณไม่ได้รับบทบาทนี้"), 409),
    (MoveNotAllowed("ตรวจสอบไม่ผ่านทุกข้อ"), 409),
    (ItemInChain("ไม่มีสิทธิ์"), 409),
    (NotYourStep(STALE), 403),
    (NotSubmittable(STALE), 400),
    (ChecklistIncomplete(STALE), 400),
    (ValidationError(STALE), 400),
]


def token_for(client, user) -> dict:
    _, raw = api_token_create(user=user, name="ระบบสารบรรณ")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(client, headers, url, body=None):
    return client.post(url, body or {}, content_type="application/json", **headers)


def act(project, action: str) -> str:
    return f"/api/v1/approvals/items/project/{project.pk}/{action}/"


@pytest.fixture
def director(client) -> dict:
    return token_for(client, user_with_role(Role.DIVISION_DIRECTOR, "0209"))


@pytest.mark.parametrize("refusal, status", BY_TYPE, ids=lambda v: getattr(v, "__name__", v))
def test_a_move_refused_answers_the_status_of_the_refusals_type(
    client, director, monkeypatch, refusal, status
):
    def refuse(**kwargs):
        raise refusal

    monkeypatch.setattr(views, "item_act", refuse)

    response = post(client, director, act(ProjectFactory(), "approve"))

    assert response.status_code == status
    assert refusal.messages[0] in str(response.json())


@pytest.mark.parametrize("refusal, status", BY_TYPE, ids=lambda v: getattr(v, "__name__", v))
def test_a_bulk_approval_refused_answers_the_status_of_the_refusals_type(
    client, director, monkeypatch, refusal, status
):
    def refuse(**kwargs):
        raise refusal

    monkeypatch.setattr(views, "items_bulk_approve", refuse)

    assert post(client, director, BULK, {"ids": [1]}).status_code == status


def test_withdrawing_after_the_director_acted_is_a_conflict(client):
    staff = user_with_role(Role.STAFF, "0209")
    project = complete_project()
    item_submit(item=project, actor=staff)
    item_approve(item=project, actor=user_with_role(Role.DIVISION_DIRECTOR, "0209"))

    response = post(client, token_for(client, staff), act(project, "withdraw"))

    assert response.status_code == 409
    assert response.json()["detail"] == "ดึงกลับไม่ได้: มีผู้พิจารณาดำเนินการกับรายการนี้แล้ว"


def test_approving_at_a_step_that_is_not_the_users_is_forbidden(client):
    project = complete_project()
    item_submit(item=project, actor=user_with_role(Role.STAFF, "0209"))
    pyp = user_with_role(Role.PYP_OFFICER, "MOL")  # sees the item; it waits for the director

    response = post(client, token_for(client, pyp), act(project, "approve"))

    assert response.status_code == 403
    assert response.json()["detail"].startswith("รายการนี้รอ “ผู้อำนวยการ")


def test_a_bulk_approval_of_an_item_that_moved_on_is_a_conflict(client):
    ps = user_with_role(Role.PERMANENT_SECRETARY, "MOL")
    level = ChainLevel.objects.get(chain__root_unit__code="MOL", role="permanent_secretary")
    done = ApprovalFactory(status=ItemStatus.APPROVED, current_level=None)
    mine = ApprovalFactory(status=ItemStatus.SUBMITTED, current_level=level)

    response = post(client, token_for(client, ps), BULK, {"ids": [mine.pk, done.pk]})

    assert response.status_code == 409
    assert f"รายการ #{done.pk}" in response.json()["detail"]
