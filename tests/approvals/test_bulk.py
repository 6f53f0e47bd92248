"""Bulk approval: many items in one request, all or nothing, queries that do not grow."""

import pytest
from django.core.exceptions import ValidationError

from approvals.models import Approval, ChainLevel, ItemStatus, Transition
from approvals.services.transitions import CHECKLIST, items_bulk_approve
from orgs.models import OrgUnit, Role
from tests.conftest import queries_of
from tests.factories import ApprovalFactory, ProjectFactory, user_with_role

pytestmark = pytest.mark.django_db


def waiting_at(role: str, unit_code: str, count: int) -> list[Approval]:
    """`count` submitted projects of a unit, each waiting at the step of `role`."""
    unit = OrgUnit.objects.get(code=unit_code)
    level = ChainLevel.objects.get(chain__root_unit__code="MOL", role=role)
    projects = ProjectFactory.create_batch(count, owner_unit=unit, status=ItemStatus.SUBMITTED)
    return [
        ApprovalFactory(item=p, status=ItemStatus.SUBMITTED, current_level=level) for p in projects
    ]


def test_the_permanent_secretary_approves_many_items_at_once():
    ps = user_with_role(Role.PERMANENT_SECRETARY, "MOL")
    approvals = waiting_at("permanent_secretary", "0209", 156)

    transitions = items_bulk_approve(approval_ids=[a.pk for a in approvals], actor=ps)

    assert len(transitions) == 156
    assert Approval.objects.filter(status=ItemStatus.APPROVED).count() == 156
    assert ProjectFactory._meta.model.objects.filter(status=ItemStatus.APPROVED).count() == 156


def test_bulk_approval_of_500_items_runs_as_many_queries_as_of_5():
    ps = user_with_role(Role.PERMANENT_SECRETARY, "MOL")
    warm = waiting_at("permanent_secretary", "0209", 1)
    few = waiting_at("permanent_secretary", "0209", 5)
    many = waiting_at("permanent_secretary", "0209", 500)
    items_bulk_approve(
        approval_ids=[a.pk for a in warm], actor=ps
    )  # fills Django's content-type cache

    small = queries_of(lambda: items_bulk_approve(approval_ids=[a.pk for a in few], actor=ps))
    large = queries_of(lambda: items_bulk_approve(approval_ids=[a.pk for a in many], actor=ps))

    assert large == small
    assert Transition.objects.count() == 506


def test_one_item_outside_the_approvers_steps_refuses_the_whole_batch():
    director = user_with_role(Role.DIVISION_DIRECTOR, "0209")
    mine = waiting_at("division_director", "0209", 10)
    elsewhere = waiting_at("division_director", "0206", 1)

    with pytest.raises(ValidationError, match="ไม่มีรายการใดถูกบันทึก"):
        items_bulk_approve(approval_ids=[a.pk for a in mine + elsewhere], actor=director)

    assert not Transition.objects.exists()
    assert Approval.objects.filter(status=ItemStatus.SUBMITTED).count() == 11


def test_bulk_moves_each_item_to_its_own_next_step():
    director = user_with_role(Role.DIVISION_DIRECTOR, "0209")
    approvals = waiting_at("division_director", "0209", 3)

    items_bulk_approve(approval_ids=[a.pk for a in approvals], actor=director)

    assert set(Approval.objects.values_list("current_level__role", flat=True)) == {"pyp_officer"}


def test_the_pyp_check_in_bulk_needs_the_checklist():
    pyp = user_with_role(Role.PYP_OFFICER, "MOL")
    approvals = waiting_at("pyp_officer", "0209", 3)

    with pytest.raises(ValidationError, match="ยังไม่ได้ยืนยัน"):
        items_bulk_approve(approval_ids=[a.pk for a in approvals], actor=pyp)
    items_bulk_approve(
        approval_ids=[a.pk for a in approvals],
        actor=pyp,
        checklist={key: True for key, _ in CHECKLIST},
    )

    assert set(Transition.objects.values_list("action", flat=True)) == {"check"}


def test_bulk_approval_sends_one_notice_per_next_approver():
    from approvals.models import Notification

    cluster = user_with_role(Role.CLUSTER_HEAD, "CL-POLICY")
    pyp = user_with_role(Role.PYP_OFFICER, "MOL")
    approvals = waiting_at("pyp_officer", "0209", 40)

    items_bulk_approve(
        approval_ids=[a.pk for a in approvals],
        actor=pyp,
        checklist={key: True for key, _ in CHECKLIST},
    )

    notice = Notification.objects.get(recipient=cluster)
    assert notice.title == "มีรายการรอพิจารณา 40 รายการ"
