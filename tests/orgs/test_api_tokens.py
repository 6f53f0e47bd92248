"""Personal API tokens: made and revoked on a page, shown once, kept hashed, refused once revoked."""

import hashlib

import pytest
from django.urls import reverse

from orgs.models import ApiToken, Role
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db
FIVE_BAND = "/api/v1/summaries/five-band/?fiscal_year=2566&quarter=1"


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def make_token(client, user, name="ระบบของกรม") -> str:
    client.force_login(user)
    response = client.post(reverse("api_tokens"), {"name": name})
    client.logout()
    return response.context["secret"]


def test_a_new_token_is_shown_once_and_kept_only_as_a_hash(client):
    user = user_with_role(Role.PYP_OFFICER, "MOL")

    raw = make_token(client, user)

    token = ApiToken.objects.get()
    assert raw.startswith("emn_") and token.prefix == raw[:12]
    assert token.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in str(ApiToken.objects.values_list())
    client.force_login(user)
    assert raw not in client.get(reverse("api_tokens")).content.decode()


def test_a_token_acts_with_its_owners_rights(client):
    pyp_token = make_token(client, user_with_role(Role.PYP_OFFICER, "MOL"))
    staff_token = make_token(client, user_with_role(Role.STAFF, "0209"))

    assert client.get(FIVE_BAND, **bearer(pyp_token)).status_code == 200
    assert client.get(FIVE_BAND, **bearer(staff_token)).status_code == 403


def test_a_revoked_or_unknown_token_is_refused(client):
    user = user_with_role(Role.PYP_OFFICER, "MOL")
    raw = make_token(client, user)
    client.force_login(user)
    client.post(reverse("api_token_revoke", args=[ApiToken.objects.get().pk]))
    client.logout()

    assert client.get(FIVE_BAND, **bearer(raw)).status_code == 401
    assert client.get(FIVE_BAND, **bearer("emn_not-a-token")).status_code == 401
    assert ApiToken.objects.get().revoked_at is not None


def test_nobody_revokes_another_users_token(client):
    make_token(client, user_with_role(Role.STAFF, "0209"))
    client.force_login(user_with_role(Role.STAFF, "0209"))

    response = client.post(reverse("api_token_revoke", args=[ApiToken.objects.get().pk]))

    assert response.status_code == 404
    assert ApiToken.objects.get().revoked_at is None


def test_a_token_needs_a_name(client):
    client.force_login(user_with_role(Role.STAFF, "0209"))

    response = client.post(reverse("api_tokens"), {"name": "  "})

    assert "กรุณาตั้งชื่อโทเค็น" in response.content.decode()
    assert not ApiToken.objects.exists()
