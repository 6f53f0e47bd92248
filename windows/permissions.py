"""The policy's rule for windows (registered in `orgs.permissions`)."""

from orgs.models import Role
from orgs.permissions import has_role, rule, sees_everything


@rule("window.manage")
def _window_manage(user, obj=None) -> bool:
    """Opening, adjusting and extending windows is ป.ย.ป.'s (and the administrator's)."""
    return sees_everything(user) or has_role(user, Role.PYP_OFFICER, Role.ADMIN)
