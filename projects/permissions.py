"""Project rules for the policy (orgs.permissions)."""

from orgs.permissions import grant_over, object_permission, rule, sees_everything


@rule("project.view")
def _project_view(user, project) -> bool:
    return sees_everything(user) or grant_over(user, project.owner_unit) is not None


object_permission("project.view", "projects.view_project")
