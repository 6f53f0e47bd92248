"""Throttling: a client that calls too often is asked to wait (429), with a Thai message."""

import pytest
from django.core.cache import cache
from rest_framework.throttling import UserRateThrottle

from orgs.models import Role
from orgs.tokens import api_token_create
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def test_a_token_that_calls_too_often_gets_429(client, monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "3/minute"})
    cache.clear()
    _, raw = api_token_create(user=user_with_role(Role.STAFF, "0209"), name="ถี่เกินไป")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    codes = [client.get("/api/v1/units/", **headers).status_code for _ in range(4)]

    assert codes == [200, 200, 200, 429]
    assert "เรียกใช้บ่อยเกินกำหนด" in client.get("/api/v1/units/", **headers).json()["detail"]
