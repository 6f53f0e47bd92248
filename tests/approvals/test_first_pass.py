"""The engine notes when an item first got past the step it was sent to (its unit's own
step): the moment the comparison's on-time rate reads, by every path that moves items."""

from datetime import datetime

import pytest

from approvals.models import ChainLevel, ItemStatus
from approvals.services.records import items_record_imported
from approvals.services.transitions import (
    item_approve,
    item_return,
    item_submit,
    items_bulk_approve,
)
from core.clock import freeze
from core.fiscal import BANGKOK
from orgs.models import Role
from tests.factories import ApprovalFactory, ProjectFactory, complete_project, user_with_role

pytestmark = pytest.mark.django_db


def at(day: int) -> datetime:
    return datetime(2024, 1, day, 10, tzinfo=BANGKOK)


def passed_at(item):
    item.refresh_from_db()
    return item.first_passed_at


@pytest.fixture
def staff():
    return user_with_role(Role.STAFF, "0209")


@pytest.fixture
def director():
    return user_with_role(Role.DIVISION_DIRECTOR, "0209")


def test_the_directors_approval_is_the_first_pass_and_a_later_one_does_not_move_it(
    unit, staff, director
):
    project = complete_project(owner_unit=unit("0209"))
    with freeze(at(5)):
        item_submit(item=project, actor=staff)
    assert passed_at(project) is None
    with freeze(at(9)):
        item_approve(item=project, actor=director)
    with freeze(at(12)):
        item_return(item=project, actor=user_with_role(Role.PYP_OFFICER, "MOL"), reason="แก้ไข")
        item_submit(item=project, actor=staff)
    with freeze(at(20)):
        item_approve(item=project, actor=director)

    assert passed_at(project) == at(9)


def test_an_imported_approval_passes_at_the_moment_it_records(unit):
    project = ProjectFactory(owner_unit=unit("0209"))
    pyp = user_with_role(Role.PYP_OFFICER, "MOL")

    items_record_imported(
        entries=[(project, project.owner_unit, ItemStatus.APPROVED, at(7))],
        actor=pyp,
        comment="นำเข้า",
    )

    assert passed_at(project) == at(7)


def test_an_imported_submission_has_not_passed(unit):
    project = ProjectFactory(owner_unit=unit("0209"))
    pyp = user_with_role(Role.PYP_OFFICER, "MOL")

    items_record_imported(
        entries=[(project, project.owner_unit, ItemStatus.SUBMITTED)], actor=pyp, comment="นำเข้า"
    )

    assert passed_at(project) is None


def test_a_bulk_approval_notes_the_pass_of_each_item_at_the_directors_step(unit, director):
    level = ChainLevel.objects.get(chain__root_unit__code="MOL", role="division_director")
    projects = ProjectFactory.create_batch(3, owner_unit=unit("0209"), status=ItemStatus.SUBMITTED)
    approvals = [
        ApprovalFactory(item=p, status=ItemStatus.SUBMITTED, current_level=level) for p in projects
    ]

    with freeze(at(11)):
        items_bulk_approve(approval_ids=[a.pk for a in approvals], actor=director)

    assert [passed_at(p) for p in projects] == [at(11)] * 3
