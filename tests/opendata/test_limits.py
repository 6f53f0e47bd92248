"""Anonymous visitors who call too often are asked to wait, in Thai; officials are not."""

import pytest
from django.test import override_settings
from django.urls import reverse

from orgs.models import Role
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@override_settings(OPEN_DATA_RATE="3/minute")
def test_an_anonymous_visitor_over_the_rate_gets_429_in_thai(client):
    codes = [client.get(reverse("open:home")).status_code for _ in range(3)]
    refused = client.get(reverse("open:projects_download", args=["csv"]))

    assert codes == [200, 200, 200]
    assert refused.status_code == 429
    assert "เรียกใช้บ่อยเกินกำหนด" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0


@override_settings(OPEN_DATA_RATE="3/minute")
def test_a_signed_in_official_is_not_limited(client):
    client.force_login(user_with_role(Role.STAFF, "0209"))

    codes = {client.get(reverse("open:home")).status_code for _ in range(5)}

    assert codes == {200}
