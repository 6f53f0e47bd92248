"""Project rules for the policy (orgs.permissions)."""

from orgs.models import ENTRY_ROLES
from orgs.permissions import grant_over, object_permission, rule, sees_everything


@rule("project.view")
def _project_view(user, project) -> bool:
    return sees_everything(user) or grant_over(user, project.owner_unit) is not None


@rule("project.create")
def _project_create(user, unit) -> bool:
    """Division staff (or their director) enter projects for units they cover."""
    return grant_over(user, unit, roles=ENTRY_ROLES) is not None


@rule("project.edit")
def _project_edit(user, project) -> bool:
    return grant_over(user, project.owner_unit, roles=ENTRY_ROLES) is not None


object_permission("project.view", "projects.view_project")
object_permission("project.edit", "projects.change_project")
