"""Org units in /api/v1/units/: any logged-in user reads the tree by codes."""

import pytest
from rest_framework.test import APIClient

from orgs.models import Role
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    client = APIClient()
    client.force_authenticate(user_with_role(Role.STAFF, "0209"))
    return client


def test_units_need_a_login():
    assert APIClient().get("/api/v1/units/").status_code == 401


def test_units_list_in_tree_order_with_parent_codes(client):
    body = client.get("/api/v1/units/").json()

    first = body["results"][0]
    assert (first["code"], first["kind"], first["parent_code"]) == ("MOL", "ministry", None)
    assert body["count"] > 50


def test_units_filter_by_kind_and_parent(client):
    body = client.get("/api/v1/units/", {"kind": "department", "parent": "CL-SECURITY"}).json()

    assert [u["code"] for u in body["results"]] == ["DLPW", "SSO"]


def test_a_unit_by_code_shows_its_cycle_and_document_code(client):
    body = client.get("/api/v1/units/0209/").json()

    assert (body["parent_code"], body["doc_code"], body["cycle"]) == ("OPS", "รง 0209", "fiscal")
    assert client.get("/api/v1/units/SSO/").json()["cycle"] == "calendar"


def test_an_unknown_unit_is_404_in_thai(client):
    response = client.get("/api/v1/units/NOPE/")

    assert response.status_code == 404
    assert "ไม่พบหน่วยงาน" in response.json()["detail"]


def test_a_bad_kind_is_400_in_thai(client):
    response = client.get("/api/v1/units/", {"kind": "planet"})

    assert response.status_code == 400
    assert "ไม่มีประเภทหน่วยงาน" in response.json()["kind"][0]
