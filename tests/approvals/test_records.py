"""Imports record statuses through the engine's table: forward only, never over approved."""

import pytest

from approvals.models import Approval, ItemStatus, Transition
from approvals.services.errors import MoveNotAllowed
from approvals.services.records import (
    item_record_imported_approval,
    item_record_imported_submission,
    items_record_imported,
)
from orgs.models import Role
from tests.factories import ProjectFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def pyp():
    return user_with_role(Role.PYP_OFFICER, "MOL")


def record(item, target, actor) -> None:
    items_record_imported(entries=[(item, item.owner_unit, target)], actor=actor, comment="นำเข้า")


def test_an_imported_approval_of_a_draft_passes_through_the_first_step(pyp):
    project = ProjectFactory()

    item_record_imported_approval(item=project, unit=project.owner_unit, actor=pyp, comment="x")

    trail = Transition.objects.order_by("pk")
    assert [(t.action, t.from_status, t.to_status) for t in trail] == [
        ("import", "draft", "submitted"),
        ("import", "submitted", "approved"),
    ]
    assert trail[0].to_level.role == "division_director"


def test_an_approved_item_is_never_recorded_as_submitted(pyp):
    project = ProjectFactory()
    item_record_imported_approval(item=project, unit=project.owner_unit, actor=pyp, comment="x")

    with pytest.raises(MoveNotAllowed, match="อนุมัติแล้ว"):
        item_record_imported_submission(
            item=project, unit=project.owner_unit, actor=pyp, comment="x"
        )
    assert Transition.objects.count() == 2


def test_an_approved_item_is_never_recorded_as_approved_again(pyp):
    project = ProjectFactory()
    record(project, ItemStatus.APPROVED, pyp)

    with pytest.raises(MoveNotAllowed):
        record(project, ItemStatus.APPROVED, pyp)
    assert Transition.objects.count() == 2


def test_a_submitted_item_is_not_recorded_as_submitted_twice(pyp):
    project = ProjectFactory()
    record(project, ItemStatus.SUBMITTED, pyp)

    with pytest.raises(MoveNotAllowed):
        record(project, ItemStatus.SUBMITTED, pyp)


def test_one_refused_entry_records_none_of_the_import(pyp):
    approved, fresh = ProjectFactory(), ProjectFactory()
    record(approved, ItemStatus.APPROVED, pyp)
    approved.refresh_from_db()

    with pytest.raises(MoveNotAllowed, match="นำเข้าไม่ได้ ไม่มีรายการใดถูกบันทึก"):
        items_record_imported(
            entries=[
                (fresh, fresh.owner_unit, "approved"),
                (approved, approved.owner_unit, "approved"),
            ],
            actor=pyp,
            comment="นำเข้า",
        )
    fresh.refresh_from_db()
    assert fresh.status == ItemStatus.DRAFT
    assert not Approval.objects.filter(object_id=fresh.pk).exists()


def test_an_import_keeps_the_step_an_item_reached_as_where_it_was_approved_from(pyp):
    project = ProjectFactory()
    record(project, ItemStatus.SUBMITTED, pyp)
    project.refresh_from_db()

    record(project, ItemStatus.APPROVED, pyp)

    last = Transition.objects.order_by("pk").last()
    assert (last.from_level.role, last.to_status, last.actor) == (
        "division_director",
        "approved",
        pyp,
    )
    assert Approval.objects.get().finished_at is not None


def test_an_imported_approval_freezes_the_approved_version_as_the_chain_does(pyp):
    project = ProjectFactory(rationale="เหตุผลที่นำเข้า")

    record(project, ItemStatus.APPROVED, pyp)

    revision = project.revisions.get()
    assert (revision.number, revision.created_by) == (1, pyp)
    assert revision.content["M3 รายละเอียด"]["หลักการและเหตุผล"] == "เหตุผลที่นำเข้า"


def test_an_entry_with_its_moment_is_recorded_at_that_moment(pyp):
    """A past round's trail: when it was sent, when it was approved, not when imported."""
    from datetime import datetime

    from core.fiscal import BANGKOK

    project, other = ProjectFactory(), ProjectFactory()
    sent, approved = (
        datetime(2024, 1, 5, 10, tzinfo=BANGKOK),
        datetime(2024, 1, 20, 10, tzinfo=BANGKOK),
    )

    items_record_imported(
        entries=[
            (project, project.owner_unit, ItemStatus.SUBMITTED, sent),
            (other, other.owner_unit, ItemStatus.SUBMITTED),
        ],
        actor=pyp,
        comment="นำเข้า",
    )
    items_record_imported(
        entries=[(project, project.owner_unit, ItemStatus.APPROVED, approved)],
        actor=pyp,
        comment="",
    )

    trail = Transition.objects.filter(approval__object_id=project.pk).order_by("pk")
    assert [t.created_at for t in trail] == [sent, approved]
    approval = Approval.objects.get(object_id=project.pk)
    assert (approval.submitted_at, approval.finished_at) == (sent, approved)
    assert Transition.objects.get(approval__object_id=other.pk).created_at > approved  # now
