"""The whole API fuzzed against its own OpenAPI schema (schemathesis): whatever the
input, no server error, and every response matches what the schema declares.

Run as a ป.ย.ป. officer's token (who may read everything) on a database that holds
seed 000's round, so list endpoints answer with rows, not only empty pages.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from emenscr.wsgi import application
from orgs.models import Role
from orgs.tokens import api_token_create
from tests.factories import user_with_role

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
pytestmark = pytest.mark.django_db
# What the API promises: no server error, and every answer (status, type, headers, body)
# as the schema declares it. Schemathesis's extra "reject any schema-violating input"
# checks are left out: DRF reads e.g. `?page=true` as a bad page (a declared 404) and
# lenient parsing is no broken promise.
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Calling the WSGI app directly would close the test's database connection at the
    end of each request; Django's test client avoids that the same way."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(db):
    from tests.reporting.seed000 import build_seed_000_round

    build_seed_000_round()
    _, raw = api_token_create(user=user_with_role(Role.PYP_OFFICER, "MOL"), name="schemathesis")
    return raw


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_endpoint_answers_as_its_schema_says(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
