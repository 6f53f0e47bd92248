"""Reporting rules for the policy (orgs.permissions)."""

from orgs.models import Role
from orgs.permissions import grant_over, grants_for, rule, sees_everything

WORKBOOK_ROLES = [Role.STAFF, Role.DIVISION_DIRECTOR, Role.PYP_OFFICER, Role.ADMIN]


@rule("workbook.import")
def _workbook_import(user, unit) -> bool:
    """Import the project workbook: for one unit, or (unit None) at all."""
    if sees_everything(user):
        return True
    if unit is None:
        return any(g.role in WORKBOOK_ROLES for g in grants_for(user))
    return grant_over(user, unit, roles=WORKBOOK_ROLES) is not None
