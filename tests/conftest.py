"""Shared fixtures. The migrations load the real unit tree, strategy tree and
chain into the test database, so tests pick units by their real codes."""

import pytest

from orgs.models import OrgUnit


@pytest.fixture
def unit(db):
    """unit("0209") → the OrgUnit with that code from the reference data."""

    def get(code: str) -> OrgUnit:
        return OrgUnit.objects.get(code=code)

    return get
