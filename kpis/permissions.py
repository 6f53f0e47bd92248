"""KPI rules for the policy (orgs.permissions).

Everyone sees the KPIs of the units their roles cover (ป.ย.ป. and the
ministry's executives hold their roles at the ministry, so they see all);
the unit's staff and director enter its monthly results.
"""

from orgs.models import ENTRY_ROLES
from orgs.permissions import grant_over, grants_for, rule, sees_everything


@rule("kpi.report")
def _kpi_report(user, obj=None) -> bool:
    """The monthly report (its rows are filtered to the units the user covers)."""
    return sees_everything(user) or bool(grants_for(user))


@rule("kpi.view")
def _kpi_view(user, kpi) -> bool:
    return sees_everything(user) or grant_over(user, kpi.unit) is not None


@rule("kpi.enter")
def _kpi_enter(user, unit) -> bool:
    """Enter a unit's monthly results: its staff or director (or above it), or None: any unit."""
    if sees_everything(user):
        return True
    if unit is None:
        return any(g.role in ENTRY_ROLES for g in grants_for(user))
    return grant_over(user, unit, roles=ENTRY_ROLES) is not None
