"""Bad JSON to the write side of /api/v1/ (project entry M1–M5, approval moves): any
JSON value in any field, NUL characters, bodies that are no JSON. The answer is never
a 500, and a 400 says what is wrong in Thai, every message of it."""

import json
from datetime import datetime

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from approvals.models import ItemStatus
from core.clock import freeze
from orgs.models import Role
from orgs.tokens import api_token_create
from projects.models import Project
from tests.factories import ApprovalFactory, complete_project, user_with_role

from .conftest import BAD_INPUT, rolled_back
from .strategies import assert_thai_messages, nasty_text, project_rows, sometimes

pytestmark = pytest.mark.django_db

json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.floats(allow_nan=False, allow_infinity=False),
        nasty_text,
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(nasty_text, inner, max_size=3)
    ),
    max_leaves=8,
)
# Bodies a broken client sends: not JSON, NaN (Python's json writes it, JSON has none),
# truncated, or JSON of the wrong shape.
raw_bodies = st.one_of(
    st.sampled_from(['{"name": NaN}', '{"name": "x"', "", "null", "[]", '"x"', "\x00", "{'a': 1}"]),
    st.binary(max_size=100).map(lambda b: b.decode("latin-1")),
)


def leaves(value) -> list[str]:
    """The messages of an error body (its strings, not its keys)."""
    if isinstance(value, dict):
        return [m for v in value.values() for m in leaves(v)]
    if isinstance(value, list):
        return [m for v in value for m in leaves(v)]
    return [str(value)]


def answered_in_thai(response) -> None:
    assert response.status_code < 500, response.content[:500]
    event(str(response.status_code))
    if response.status_code >= 400:
        assert_thai_messages(leaves(response.json()))


@pytest.fixture
def at_fy2567():
    with freeze(datetime(2024, 1, 15, 10, 0)):
        yield


@pytest.fixture
def staff(client):
    user = user_with_role(Role.STAFF, "0209")
    _, raw = api_token_create(user=user, name="ระบบงานของกรม")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    return user


@pytest.fixture
def project(staff):
    return complete_project(created_by=staff)


def send(client, method: str, url: str, body) -> object:
    data = body if isinstance(body, str) else json.dumps(body)
    return getattr(client, method)(url, data, content_type="application/json")


CREATE = {"unit": "0209", "fiscal_year": 2567, "name": "โครงการใหม่", "kind": "project"}


@BAD_INPUT
@given(
    body=st.one_of(
        st.fixed_dictionaries({k: sometimes(v, json_values) for k, v in CREATE.items()}),
        json_values,
        raw_bodies,
    )
)
def test_creating_a_project_answers_bad_json_in_thai(client, staff, at_fy2567, body):
    with rolled_back():
        count = Project.objects.count()
        response = send(client, "post", "/api/v1/entry/projects/", body)
        answered_in_thai(response)
        if response.status_code != 201:
            assert Project.objects.count() == count


MODULE_BODIES = {
    "m1": {"target_codes": ["110401"], "reform_areas": [], "level3_plans": []},
    "m2": {
        "name": "โครงการพัฒนาระบบ",
        "kind": "project",
        "cycle": "fiscal",
        "uses_budget": True,
        "director_email": "somchai@mol.go.th",
        "start_date": "2023-10-01",
        "end_date": "2024-09-30",
    },
    "m3": {
        "rationale": "เหตุผล",
        "targets": [{"kind": "output", "description": "ผู้เข้าร่วม", "target_value": "40"}],
        "areas": [{"level": "province", "province": "ขอนแก่น", "latitude": "16.44"}],
    },
    "m4": {"activities": [{"name": "อบรม", "depth": 0, "quarters": ["2567-1"]}]},
    "m5": {
        "sources": {"state_direct": "100000.00"},
        "others": [{"name": "เงินบริจาค", "amount": "500"}],
        "plan": {"2567-1": "100000.00"},
    },
}


def module_body(module: str):
    good = MODULE_BODIES[module]
    mostly_good = st.fixed_dictionaries({k: sometimes(v, json_values) for k, v in good.items()})
    return st.one_of(mostly_good, json_values, raw_bodies)


@BAD_INPUT
@given(data=st.data(), module=st.sampled_from(list(MODULE_BODIES)))
def test_saving_a_module_answers_bad_json_in_thai(client, project, data, module):
    body = data.draw(module_body(module))
    with rolled_back():
        before = project_rows(project)
        response = send(client, "put", f"/api/v1/entry/projects/{project.pk}/{module}/", body)
        answered_in_thai(response)
        if response.status_code != 200:
            assert project_rows(project) == before


@pytest.fixture
def director(client, unit):
    """The director of สตป. with a submitted project of the unit waiting for them."""
    user = user_with_role(Role.DIVISION_DIRECTOR, "0209")
    _, raw = api_token_create(user=user, name="ระบบงานของกรม")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    item = complete_project(status=ItemStatus.SUBMITTED)
    ApprovalFactory(item=item)
    return item


@BAD_INPUT
@given(
    body=st.one_of(
        st.fixed_dictionaries({"reason": sometimes("กรุณาแก้ไขงบประมาณ", json_values)}),
        json_values,
        raw_bodies,
    ),
    where=st.sampled_from(["return/", "approve/", "nonsense/"]),
)
def test_approval_moves_answer_bad_json_in_thai(client, director, body, where):
    with rolled_back():
        response = send(
            client, "post", f"/api/v1/approvals/items/project/{director.pk}/{where}", body
        )
        answered_in_thai(response)


@BAD_INPUT
@given(
    body=st.one_of(
        st.fixed_dictionaries(
            {
                "ids": sometimes([1], json_values),
                "all": sometimes(False, json_values),
                "comment": json_values,
            }
        ),
        json_values,
        raw_bodies,
    )
)
def test_bulk_approval_answers_bad_json_in_thai(client, director, body):
    with rolled_back():
        answered_in_thai(send(client, "post", "/api/v1/approvals/bulk-approve/", body))
