"""Level-3 plan rules for the policy (orgs.permissions).

The owning unit's roles (and the units above it) see a plan; its staff and
director edit it. Users of a co-responsible unit see it through a
django-guardian per-object grant (`projects.view_level3plan`) that
`services.level3_sync_co_unit_grants` keeps in step with `co_units`; no grant
ever allows editing.
"""

from orgs.models import Role
from orgs.permissions import grant_over, object_permission, rule, sees_everything

ENTRY_ROLES = [Role.STAFF, Role.DIVISION_DIRECTOR]
VIEW_PERM = "projects.view_level3plan"


@rule("level3plan.view")
def _plan_view(user, plan) -> bool:
    return sees_everything(user) or grant_over(user, plan.owner_unit) is not None


@rule("level3plan.create")
def _plan_create(user, unit) -> bool:
    return grant_over(user, unit, roles=ENTRY_ROLES) is not None


@rule("level3plan.edit")
def _plan_edit(user, plan) -> bool:
    return grant_over(user, plan.owner_unit, roles=ENTRY_ROLES) is not None


object_permission("level3plan.view", VIEW_PERM)
