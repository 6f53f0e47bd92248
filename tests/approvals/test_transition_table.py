"""Every action from every status: the allowed moves move, the others are refused by type.

The table below restates the chain's rules independently of the engine's
ALLOWED_FROM (as the access matrix restates the policy), so a change to either
shows here. A refused move changes no row: not the item, not its Approval,
not the trail.
"""

from itertools import product

import pytest

from approvals.models import Approval, Transition
from approvals.services.actions import item_act
from approvals.services.errors import MoveNotAllowed
from approvals.services.records import item_record_imported_approval
from approvals.services.transitions import CHECKLIST, item_approve, item_return, item_submit
from orgs.models import Role
from tests.factories import complete_project, user_with_role

pytestmark = pytest.mark.django_db
ALL_TICKED = {key: True for key, _ in CHECKLIST}
ACTIONS = ["submit", "withdraw", "approve", "check", "return", "import"]
STATUSES = ["draft", "submitted", "returned", "approved"]
REFUSED = MoveNotAllowed

# (action, status the item has) -> the status it moves to, or the refusal. A submitted
# item waits at the director's step, or at the ป.ย.ป. check for "check"; "import"
# records the item as approved.
TABLE = {
    ("submit", "draft"): "submitted",
    ("submit", "submitted"): REFUSED,
    ("submit", "returned"): "submitted",
    ("submit", "approved"): REFUSED,
    ("withdraw", "draft"): REFUSED,
    ("withdraw", "submitted"): "draft",
    ("withdraw", "returned"): REFUSED,
    ("withdraw", "approved"): REFUSED,
    ("approve", "draft"): REFUSED,
    ("approve", "submitted"): "submitted",
    ("approve", "returned"): REFUSED,
    ("approve", "approved"): REFUSED,
    ("check", "draft"): REFUSED,
    ("check", "submitted"): "submitted",
    ("check", "returned"): REFUSED,
    ("check", "approved"): REFUSED,
    ("return", "draft"): REFUSED,
    ("return", "submitted"): "returned",
    ("return", "returned"): REFUSED,
    ("return", "approved"): REFUSED,
    ("import", "draft"): "approved",
    ("import", "submitted"): "approved",
    ("import", "returned"): "approved",
    ("import", "approved"): REFUSED,
}


@pytest.fixture
def people() -> dict:
    """The chain of a division of สป.รง. (0209): staff, then four steps."""
    return {
        "staff": user_with_role(Role.STAFF, "0209"),
        "director": user_with_role(Role.DIVISION_DIRECTOR, "0209"),
        "pyp": user_with_role(Role.PYP_OFFICER, "MOL"),
        "cluster": user_with_role(Role.CLUSTER_HEAD, "CL-POLICY"),
        "ps": user_with_role(Role.PERMANENT_SECRETARY, "MOL"),
    }


def project_in(status: str, action: str, people: dict):
    """A project of 0209 brought to `status` through the engine."""
    project = complete_project()
    if status == "draft":
        return project
    item_submit(item=project, actor=people["staff"])
    if status == "returned":
        item_return(item=project, actor=people["director"], reason="แก้งบประมาณ")
    if status == "submitted" and action == "check":
        item_approve(item=project, actor=people["director"])
    if status == "approved":
        for who in ["director", "pyp", "cluster", "ps"]:
            item_approve(item=project, actor=people[who], checklist=ALL_TICKED)
    project.refresh_from_db()
    return project


def act(action: str, project, people: dict) -> None:
    """The action by whoever may take it (the item page's buttons, or an import)."""
    if action == "import":
        item_record_imported_approval(
            item=project, unit=project.owner_unit, actor=people["pyp"], comment="นำเข้า"
        )
        return
    actor = {"submit": "staff", "withdraw": "staff", "check": "pyp"}.get(action, "director")
    name = "approve" if action == "check" else action
    item_act(item=project, action=name, actor=people[actor], comment="เหตุผล", checklist=ALL_TICKED)


def rows(project) -> tuple:
    project.refresh_from_db()
    approvals = Approval.objects.filter(object_id=project.pk).order_by("pk").values()
    return (project.status, project.revision), list(approvals), Transition.objects.count()


@pytest.mark.parametrize("action, status", list(product(ACTIONS, STATUSES)))
def test_each_action_moves_from_the_statuses_the_table_allows_and_is_refused_from_others(
    people, action, status
):
    project = project_in(status, action, people)
    before = rows(project)
    expected = TABLE[(action, status)]

    if expected is REFUSED:
        with pytest.raises(REFUSED):
            act(action, project, people)
        assert rows(project) == before
    else:
        act(action, project, people)
        project.refresh_from_db()
        assert project.status == expected
        assert Transition.objects.order_by("pk").last().action == action
        assert rows(project)[2] > before[2]
