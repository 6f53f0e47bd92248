"""The policy's rules for memos (registered in `orgs.permissions`)."""

from orgs.models import Role
from orgs.permissions import has_role, rule


@rule("memo.manage")
def _memo_manage(user, obj=None) -> bool:
    """Drafting, editing and issuing memos is ป.ย.ป.'s (and the administrator's)."""
    return has_role(user, Role.PYP_OFFICER, Role.ADMIN)


@rule("memo.view")
def _memo_view(user, obj=None) -> bool:
    """The archive: ป.ย.ป., the administrator and the executives memos go to."""
    return has_role(user, Role.PYP_OFFICER, Role.ADMIN, Role.PERMANENT_SECRETARY, Role.CLUSTER_HEAD)
