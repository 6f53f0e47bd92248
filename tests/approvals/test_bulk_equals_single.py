"""Bulk approval only batches: approving items one by one or all at once leaves the same rows.

Hypothesis draws an approver's roles (own, or acting for another official) and
items of several units waiting at steps those roles hold; the items are approved
once one by one and once in bulk, each in a savepoint rolled back after it, and
the items, approvals and trails compared.
"""

import os
from contextlib import contextmanager

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from approvals.models import Approval, ItemStatus, Transition
from approvals.selectors import levels_for
from approvals.services.transitions import CHECKLIST, item_approve, items_bulk_approve
from orgs.models import OrgUnit, Role
from orgs.permissions import forget_grants, grant_over
from projects.models import Project, ProjectRevision
from tests.factories import (
    ApprovalFactory,
    DelegationFactory,
    ProjectFactory,
    RoleAssignmentFactory,
    UserFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db
ALL_TICKED = {key: True for key, _ in CHECKLIST}
UNITS = ["0209", "0206", "DOE", "OSHI"]
# Roles an approver may hold (role, unit code); each may be their own or held for another.
ROLES = [
    (Role.DIVISION_DIRECTOR, "0209"),
    (Role.DIVISION_DIRECTOR, "0206"),
    (Role.DEPARTMENT_HEAD, "DOE"),
    (Role.DEPARTMENT_HEAD, "OSHI"),
    (Role.PYP_OFFICER, "MOL"),
    (Role.CLUSTER_HEAD, "CL-POLICY"),
    (Role.CLUSTER_HEAD, "CL-COMPETE"),
    (Role.PERMANENT_SECRETARY, "MOL"),
]
EXAMPLES = settings(
    max_examples=12,
    deadline=None,
    database=None,  # no .hypothesis/ directory in the checkout
    derandomize=os.environ.get("CI") == "true",  # CI runs the same examples every time
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
grants = st.lists(
    st.tuples(st.sampled_from(ROLES), st.booleans()), min_size=1, max_size=4, unique=True
)


@contextmanager
def rolled_back():
    """Run a block in a savepoint and undo whatever it wrote."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def approver_with(drawn: list[tuple]):
    """A user holding each drawn (role, unit) as their own or acting for its holder."""
    user = UserFactory()
    for (role, code), acting in drawn:
        unit = OrgUnit.objects.get(code=code)
        if acting:
            holder = user_with_role(role, code)
            DelegationFactory(assignment=holder.role_assignments.get(), delegate=user)
        else:
            RoleAssignmentFactory(user=user, role=role, unit=unit)
    return user


def steps_held_by(user) -> list[tuple]:
    """(unit, level) pairs where an item would wait for `user`."""
    pairs = []
    for code in UNITS:
        unit = OrgUnit.objects.get(code=code)
        pairs += [
            (unit, level)
            for level in levels_for(unit=unit)
            if grant_over(user, unit, roles=[level.role])
        ]
    return pairs


def waiting(unit, level) -> Approval:
    project = ProjectFactory(owner_unit=unit, status=ItemStatus.SUBMITTED)
    return ApprovalFactory(item=project, status=ItemStatus.SUBMITTED, current_level=level)


def rows(approvals: list[Approval]) -> tuple:
    """What an approval leaves behind, without ids of new rows or clock times."""
    ids = [a.pk for a in approvals]
    projects = [a.object_id for a in approvals]
    return (
        list(Project.objects.filter(pk__in=projects).order_by("pk").values_list("pk", "status")),
        [
            (a.pk, a.status, a.current_level_id, a.submitted_by_id, a.finished_at is not None)
            for a in Approval.objects.filter(pk__in=ids).order_by("pk")
        ],
        list(
            Transition.objects.filter(approval__in=ids)
            .order_by("approval", "pk")
            .values_list(
                "approval", "action", "from_status", "to_status", "from_level", "to_level",
                "actor", "acting_for", "acting_kind", "checklist", "comment",
            )
        ),
        list(
            ProjectRevision.objects.filter(project__in=projects)
            .order_by("project", "number")
            .values_list("project", "number", "created_by")
        ),
    )  # fmt: skip


@EXAMPLES
@given(drawn=grants, data=st.data())
def test_bulk_approval_leaves_the_rows_that_approving_one_by_one_leaves(drawn, data):
    with rolled_back():
        actor = approver_with(drawn)
        held = steps_held_by(actor)
        if not held:
            return  # these roles hold no step of these units' chains
        picks = data.draw(st.lists(st.sampled_from(held), min_size=1, max_size=6))
        approvals = [waiting(unit, level) for unit, level in picks]

        with rolled_back():
            for approval in approvals:
                project = Project.objects.get(pk=approval.object_id)
                item_approve(item=project, actor=actor, comment="เห็นชอบ", checklist=ALL_TICKED)
            one_by_one = rows(approvals)
        forget_grants(actor)
        with rolled_back():
            items_bulk_approve(
                approval_ids=[a.pk for a in approvals],
                actor=actor,
                comment="เห็นชอบ",
                checklist=ALL_TICKED,
            )
            at_once = rows(approvals)

        assert at_once == one_by_one
