"""Fixtures of the reporting tests."""

import pytest

from orgs.models import Role
from tests.factories import user_with_role


@pytest.fixture
def pyp(unit):
    """A ป.ย.ป. officer: the role held at the ministry, working in the ป.ย.ป. group (0214)
    (whose letters are numbered รง 0214/…)."""
    user = user_with_role(Role.PYP_OFFICER, "MOL")
    user.home_unit = unit("0214")
    user.save(update_fields=["home_unit"])
    return user
