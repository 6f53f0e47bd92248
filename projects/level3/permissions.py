"""Level-3 plan rules for the policy (orgs.permissions).

The owning unit's roles (and the units above it) see a plan; its staff and
director edit it. A co-responsible unit's users see it, never edit it, in two
ways: the per-object django-guardian grant (`projects.view_level3plan`) that
`services.level3_sync_co_unit_grants` gives its users when `co_units` change,
and the role-at-unit rule below, which also covers officials who take up a
role at a co-responsible unit after the grants were made.
"""

from orgs.models import ENTRY_ROLES
from orgs.permissions import grant_over, object_permission, rule, sees_everything

VIEW_PERM = "projects.view_level3plan"


@rule("level3plan.view")
def _plan_view(user, plan) -> bool:
    if sees_everything(user) or grant_over(user, plan.owner_unit) is not None:
        return True
    return any(grant_over(user, unit) is not None for unit in plan.co_units.all())


@rule("level3plan.create")
def _plan_create(user, unit) -> bool:
    return grant_over(user, unit, roles=ENTRY_ROLES) is not None


@rule("level3plan.edit")
def _plan_edit(user, plan) -> bool:
    return grant_over(user, plan.owner_unit, roles=ENTRY_ROLES) is not None


object_permission("level3plan.view", VIEW_PERM)
