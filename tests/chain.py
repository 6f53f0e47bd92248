"""Moving an item through the whole chain in tests, as the real holders of each step."""

from approvals.items import checklist_points, kind_of
from approvals.models import Approval, ItemStatus
from approvals.services.transitions import item_approve
from orgs.models import Role
from tests.factories import user_with_role

ALL_TICKED = {key: True for key, _ in checklist_points()}  # every kind's ป.ย.ป. points


def holder_of(level, unit):
    """A user holding the level's role at the unit above `unit` that the step concerns."""
    ancestors = {u.kind: u for u in unit.ancestors()}
    return user_with_role(level.role, ancestors[level.approver_unit_kind or "ministry"].code)


def approve_to_the_end(item):
    """Approve a submitted item at every remaining step; returns it fresh from the database."""
    kind = kind_of(item)
    unit = kind.unit_of(item)
    while True:
        item = type(item).objects.get(pk=item.pk)
        if item.status != ItemStatus.SUBMITTED:
            return item
        approval = Approval.objects.select_related("current_level").get(
            object_id=item.pk, revision=item.revision, content_type__model=item._meta.model_name
        )
        level = approval.current_level
        item_approve(item=item, actor=holder_of(level, unit), checklist=ALL_TICKED)


def chain_people() -> dict:
    """Staff and every holder of a division of สป.รง.'s chain (สตป., 0209)."""
    return {
        "staff": user_with_role(Role.STAFF, "0209"),
        "director": user_with_role(Role.DIVISION_DIRECTOR, "0209"),
        "pyp": user_with_role(Role.PYP_OFFICER, "MOL"),
        "cluster": user_with_role(Role.CLUSTER_HEAD, "CL-POLICY"),
        "ps": user_with_role(Role.PERMANENT_SECRETARY, "MOL"),
    }
