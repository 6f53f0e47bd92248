"""The one dispatcher of a move by name (the item page's buttons and the API)."""

import pytest
from django.core.exceptions import ValidationError

from approvals.models import Transition
from approvals.services.actions import item_act
from approvals.services.errors import Refusal
from orgs.models import Role
from tests.factories import complete_project, user_with_role

pytestmark = pytest.mark.django_db


def test_a_move_by_name_goes_through_the_engine():
    staff = user_with_role(Role.STAFF, "0209")
    project = complete_project()

    transition = item_act(item=project, action="submit", actor=staff, comment="ส่งแล้ว")

    assert (transition.action, transition.to_status, transition.comment) == (
        "submit",
        "submitted",
        "ส่งแล้ว",
    )


def test_an_unknown_action_is_refused_and_records_nothing():
    staff = user_with_role(Role.STAFF, "0209")

    with pytest.raises(ValidationError, match="ไม่รู้จักการดำเนินการนี้") as refused:
        item_act(item=complete_project(), action="publish", actor=staff)

    assert not isinstance(refused.value, Refusal)
    assert not Transition.objects.exists()
