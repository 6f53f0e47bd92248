"""Two (or twenty) people acting on one item at once get one transition (PostgreSQL)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from approvals.models import Approval, Transition
from approvals.services.transitions import item_approve, item_submit
from orgs.models import OrgUnit, Role
from tests.factories import complete_project, user_with_role


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_approvals_make_one_transition(committed_reference_data):
    assert connection.vendor == "postgresql"
    staff = user_with_role(Role.STAFF, "0209")
    directors = [user_with_role(Role.DIVISION_DIRECTOR, "0209") for _ in range(20)]
    project = complete_project(owner_unit=OrgUnit.objects.get(code="0209"))
    item_submit(item=project, actor=staff)
    level = Approval.objects.get().current_level_id
    barrier = threading.Barrier(20)
    outcomes: list[str] = []

    def act(director):
        try:
            barrier.wait(timeout=10)
            item_approve(item=project, actor=director, expected_level_id=level)
            outcomes.append("approved")
        except ValidationError as exc:
            outcomes.append(exc.messages[0])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=(d,)) for d in directors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert outcomes.count("approved") == 1
    assert len(outcomes) == 20
    assert all("มีผู้ดำเนินการไปแล้ว" in o for o in outcomes if o != "approved")
    assert Transition.objects.filter(action="approve").count() == 1
