"""The M7 chain: every allowed move, every refused one, and the trail they leave."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from approvals.models import Action, Approval, ItemStatus, Transition
from approvals.selectors import trail_for
from approvals.services.errors import (
    ChecklistIncomplete,
    MoveNotAllowed,
    NotSubmittable,
    NotYourStep,
    StaleItem,
)
from approvals.services.transitions import (
    CHECKLIST,
    item_approve,
    item_return,
    item_submit,
    item_withdraw,
)
from orgs.models import OrgUnit, Role, UnitKind
from projects.services.entry import project_save_general
from tests.factories import DelegationFactory, OrgUnitFactory, complete_project, user_with_role

pytestmark = pytest.mark.django_db
ALL_TICKED = {key: True for key, _ in CHECKLIST}


@pytest.fixture
def people():
    """The officials of the chain for a division of สป.รง. (0209) and for one of กกจ."""
    OrgUnitFactory(code="DOE-D1", parent=OrgUnit.objects.get(code="DOE"), kind=UnitKind.DIVISION)
    return {
        "staff": user_with_role(Role.STAFF, "0209"),
        "director": user_with_role(Role.DIVISION_DIRECTOR, "0209"),
        "pyp": user_with_role(Role.PYP_OFFICER, "MOL"),
        "cluster_policy": user_with_role(Role.CLUSTER_HEAD, "CL-POLICY"),
        "cluster_compete": user_with_role(Role.CLUSTER_HEAD, "CL-COMPETE"),
        "cluster_security": user_with_role(Role.CLUSTER_HEAD, "CL-SECURITY"),
        "ps": user_with_role(Role.PERMANENT_SECRETARY, "MOL"),
        "doe_staff": user_with_role(Role.STAFF, "DOE-D1"),
        "doe_director": user_with_role(Role.DIVISION_DIRECTOR, "DOE-D1"),
        "doe_head": user_with_role(Role.DEPARTMENT_HEAD, "DOE"),
    }


def approve(project, user):
    return item_approve(item=project, actor=user, checklist=ALL_TICKED)


def status(project):
    project.refresh_from_db()
    return project.status


def level_role(project):
    approval = Approval.objects.get(object_id=project.pk, revision=project.revision)
    return approval.current_level.role if approval.current_level else None


def test_a_project_of_a_division_of_the_permanent_secretarys_office_climbs_four_steps(people, unit):
    project = complete_project(owner_unit=unit("0209"))
    item_submit(item=project, actor=people["staff"])
    seen = [level_role(project)]
    for user in ["director", "pyp", "cluster_policy", "ps"]:
        approve(project, people[user])
        seen.append(level_role(project))

    assert seen == ["division_director", "pyp_officer", "cluster_head", "permanent_secretary", None]
    assert status(project) == ItemStatus.APPROVED
    assert [t.action for t in trail_for(project)] == [
        "submit",
        "approve",
        "check",
        "approve",
        "approve",
    ]


def test_a_project_of_a_department_division_climbs_five_steps(people, unit):
    project = complete_project(owner_unit=unit("DOE-D1"), code="รง DOE-D1-67-0001")
    item_submit(item=project, actor=people["doe_staff"])
    for user in ["doe_director", "doe_head", "pyp", "cluster_compete", "ps"]:
        approve(project, people[user])

    assert status(project) == ItemStatus.APPROVED
    assert [t.actor for t in trail_for(project)] == [
        people[u] for u in ["doe_staff", "doe_director", "doe_head", "pyp", "cluster_compete", "ps"]
    ]


@pytest.mark.parametrize("steps_before_return", [0, 1, 2, 3])
def test_any_step_may_return_with_a_reason_and_staff_resubmit_from_the_start(
    people, unit, steps_before_return
):
    project = complete_project(owner_unit=unit("0209"))
    approvers = ["director", "pyp", "cluster_policy", "ps"]
    item_submit(item=project, actor=people["staff"])
    for user in approvers[:steps_before_return]:
        approve(project, people[user])

    item_return(
        item=project, actor=people[approvers[steps_before_return]], reason="รหัสเป้าหมายไม่ตรงกับกิจกรรม"
    )

    assert status(project) == ItemStatus.RETURNED
    item_submit(item=project, actor=people["staff"])
    assert level_role(project) == "division_director"
    returned = Transition.objects.get(action=Action.RETURN)
    assert returned.comment == "รหัสเป้าหมายไม่ตรงกับกิจกรรม"


def test_a_return_needs_a_reason(people, unit):
    project = complete_project(owner_unit=unit("0209"))
    item_submit(item=project, actor=people["staff"])

    with pytest.raises(ValidationError, match="กรุณาระบุเหตุผล"):
        item_return(item=project, actor=people["director"], reason="  ")


def test_staff_may_withdraw_before_anyone_acts(people, unit):
    project = complete_project(owner_unit=unit("0209"))
    item_submit(item=project, actor=people["staff"])

    item_withdraw(item=project, actor=people["staff"])

    assert status(project) == ItemStatus.DRAFT


def test_staff_may_not_withdraw_once_the_director_approved(people, unit):
    project = complete_project(owner_unit=unit("0209"))
    item_submit(item=project, actor=people["staff"])
    approve(project, people["director"])

    with pytest.raises(StaleItem, match="ดึงกลับไม่ได้"):
        item_withdraw(item=project, actor=people["staff"])


def test_the_pyp_officer_cannot_act_at_the_directors_step(people, unit):
    project = complete_project(owner_unit=unit("0209"))
    item_submit(item=project, actor=people["staff"])

    with pytest.raises(NotYourStep, match="ผู้อำนวยการกอง"):
        approve(project, people["pyp"])
    assert level_role(project) == "division_director"


def test_a_cluster_head_of_another_cluster_is_refused(people, unit):
    project = complete_project(owner_unit=unit("DOE-D1"), code="รง DOE-D1-67-0002")
    item_submit(item=project, actor=people["doe_staff"])
    for user in ["doe_director", "doe_head", "pyp"]:
        approve(project, people[user])

    with pytest.raises(NotYourStep, match="ไม่ได้รับบทบาทนี้"):
        approve(project, people["cluster_security"])


def test_a_director_of_another_division_is_refused(people, unit):
    project = complete_project(owner_unit=unit("0209"))
    item_submit(item=project, actor=people["staff"])

    with pytest.raises(NotYourStep):
        approve(project, user_with_role(Role.DIVISION_DIRECTOR, "0206"))


def test_an_approved_item_cannot_be_approved_again(people, unit):
    project = complete_project(owner_unit=unit("0209"))
    item_submit(item=project, actor=people["staff"])
    for user in ["director", "pyp", "cluster_policy", "ps"]:
        approve(project, people[user])

    with pytest.raises(MoveNotAllowed, match="อนุมัติแล้ว"):
        approve(project, people["ps"])


def test_a_submitted_item_cannot_be_submitted_again(people, unit):
    project = complete_project(owner_unit=unit("0209"))
    item_submit(item=project, actor=people["staff"])

    with pytest.raises(MoveNotAllowed, match="ส่งขออนุมัติไม่ได้"):
        item_submit(item=project, actor=people["staff"])


def test_a_submitted_project_cannot_be_edited(people, unit):
    project = complete_project(owner_unit=unit("0209"))
    item_submit(item=project, actor=people["staff"])

    with pytest.raises(ValidationError, match="อยู่ระหว่างการอนุมัติ"):
        project_save_general(user=people["staff"], project=project, data={"name": "เปลี่ยนชื่อ"})


def test_an_incomplete_project_cannot_be_submitted(people, unit):
    from tests.factories import ProjectFactory

    project = ProjectFactory(
        owner_unit=unit("0209"), missing={"m1": ["ยังไม่ได้เลือกเป้าหมาย"], "m2": []}
    )

    with pytest.raises(NotSubmittable, match="ยังไม่ได้เลือกเป้าหมาย"):
        item_submit(item=project, actor=people["staff"])


def test_staff_of_another_unit_cannot_submit(people, unit):
    project = complete_project(owner_unit=unit("0209"))

    with pytest.raises(NotYourStep, match="ไม่มีสิทธิ์"):
        item_submit(item=project, actor=user_with_role(Role.STAFF, "0206"))


def test_the_pyp_check_needs_every_box_ticked(people, unit):
    project = complete_project(owner_unit=unit("0209"))
    item_submit(item=project, actor=people["staff"])
    approve(project, people["director"])

    with pytest.raises(ChecklistIncomplete, match="ยังไม่ได้ยืนยัน: ไม่ซ้ำกับโครงการอื่น"):
        item_approve(
            item=project, actor=people["pyp"], checklist={**ALL_TICKED, "duplicates": False}
        )


def test_an_action_on_a_stale_page_is_refused_clearly(people, unit):
    project = complete_project(owner_unit=unit("0209"))
    item_submit(item=project, actor=people["staff"])
    seen_level = Approval.objects.get().current_level_id
    approve(project, people["director"])

    with pytest.raises(StaleItem, match="มีผู้ดำเนินการไปแล้ว"):
        item_approve(
            item=project, actor=people["pyp"], checklist=ALL_TICKED, expected_level_id=seen_level
        )


def test_an_acting_director_approves_and_the_trail_says_for_whom(people, unit):
    acting = user_with_role(Role.STAFF, "0206")
    DelegationFactory(
        assignment=people["director"].role_assignments.get(),
        delegate=acting,
        starts_on=date(2020, 1, 1),
        ends_on=date(2099, 1, 1),
    )
    project = complete_project(owner_unit=unit("0209"))
    item_submit(item=project, actor=people["staff"])

    transition = approve(project, acting)

    assert (transition.actor, transition.acting_for, transition.acting_kind) == (
        acting,
        people["director"],
        "acting",
    )


def test_the_trail_cannot_be_edited_or_deleted(people, unit):
    project = complete_project(owner_unit=unit("0209"))
    transition = item_submit(item=project, actor=people["staff"])

    with pytest.raises(TypeError):
        transition.save()
    with pytest.raises(TypeError):
        transition.delete()
    with pytest.raises(TypeError):
        Transition.objects.filter(pk=transition.pk).update(comment="แก้")


def test_final_approval_freezes_the_approved_version(people, unit):
    project = complete_project(owner_unit=unit("0209"), rationale="เหตุผลที่อนุมัติ")
    item_submit(item=project, actor=people["staff"])
    for user in ["director", "pyp", "cluster_policy", "ps"]:
        approve(project, people[user])

    revision = project.revisions.get()
    assert revision.approved_at is not None
    assert revision.content["M3 รายละเอียด"]["หลักการและเหตุผล"] == "เหตุผลที่อนุมัติ"


def test_the_next_approvers_are_notified_once(people, unit):
    from approvals.models import Notification

    project = complete_project(owner_unit=unit("0209"))
    item_submit(item=project, actor=people["staff"])

    assert list(Notification.objects.values_list("recipient", "kind")) == [
        (people["director"].pk, "waiting")
    ]


def test_the_director_cannot_withdraw_what_staff_submitted(people, unit):
    project = complete_project(owner_unit=unit("0209"))
    item_submit(item=project, actor=people["staff"])

    with pytest.raises(NotYourStep, match="ดึงกลับได้เฉพาะผู้ส่ง"):
        item_withdraw(item=project, actor=people["director"])


def test_only_the_check_step_records_the_checklist(people, unit):
    project = complete_project(owner_unit=unit("0209"))
    item_submit(item=project, actor=people["staff"])

    approve(project, people["director"])
    approve(project, people["pyp"])

    assert [t.checklist for t in trail_for(project)] == [{}, {}, ALL_TICKED]


def test_a_draft_moved_to_another_unit_goes_up_that_units_chain(people, unit):
    project = complete_project(owner_unit=unit("0209"))
    item_submit(item=project, actor=people["staff"])
    item_withdraw(item=project, actor=people["staff"])
    project.owner_unit = unit("DOE-D1")
    project.save(update_fields=["owner_unit"])

    item_submit(item=project, actor=people["doe_staff"])

    approval = Approval.objects.get()
    assert (approval.unit.code, approval.current_level.role) == ("DOE-D1", "division_director")
    approve(project, people["doe_director"])
    assert level_role(project) == "department_head"
