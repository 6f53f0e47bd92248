"""Which windows a user's home page lists as open."""

from datetime import date

import pytest

from orgs.models import Role
from tests.factories import WindowFactory, user_with_role
from windows.selectors import windows_open_for

pytestmark = pytest.mark.django_db


def test_a_window_for_every_unit_is_open_to_everyone_between_opening_and_chain_deadline():
    window = WindowFactory(opens_on=date(2024, 1, 1), chain_deadline=date(2024, 1, 30))
    staff = user_with_role(Role.STAFF, "DOE")

    assert list(windows_open_for(staff, on=date(2024, 1, 30))) == [window]
    assert list(windows_open_for(staff, on=date(2024, 1, 31))) == []
    assert list(windows_open_for(staff, on=date(2023, 12, 31))) == []


def test_a_window_for_one_department_is_not_listed_to_another(unit):
    window = WindowFactory()
    window.units.set([unit("SSO")])

    assert list(windows_open_for(user_with_role(Role.STAFF, "SSO"), on=date(2024, 1, 10))) == [
        window
    ]
    assert list(windows_open_for(user_with_role(Role.STAFF, "DOE"), on=date(2024, 1, 10))) == []


def test_a_window_for_a_department_is_listed_to_the_cluster_head_above_it(unit):
    window = WindowFactory()
    window.units.set([unit("SSO")])

    head = user_with_role(Role.CLUSTER_HEAD, "CL-SECURITY")

    assert list(windows_open_for(head, on=date(2024, 1, 10))) == [window]
