"""Who may see and who may write a plan's annual achievement report.

The plan's owner unit reports (its staff and director edit); the
co-responsible units (`Level3Plan.co_units`) see the report; so does whoever
covers either. The object may be the plan or its report.
"""

from orgs.models import ENTRY_ROLES
from orgs.permissions import grant_over, rule, sees_everything


def _plan(obj):
    return getattr(obj, "plan", obj)


@rule("annualreport.view")
def _annual_view(user, obj) -> bool:
    plan = _plan(obj)
    if sees_everything(user) or grant_over(user, plan.owner_unit) is not None:
        return True
    return any(grant_over(user, unit) is not None for unit in plan.co_units.all())


@rule("annualreport.edit")
def _annual_edit(user, obj) -> bool:
    return grant_over(user, _plan(obj).owner_unit, roles=ENTRY_ROLES) is not None
