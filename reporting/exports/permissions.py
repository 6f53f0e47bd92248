"""Export rules for the policy (orgs.permissions): who may ask for what, who may fetch it."""

from orgs.models import OrgUnit, Role
from orgs.permissions import can, can_view_unit, grants_for, has_role, rule, sees_everything


@rule("export.board")
def _export_board(user, unit: OrgUnit | None) -> bool:
    """The status board: whoever sees the board, for any unit; others only for a unit they cover."""
    if can(user, "round.board"):
        return True
    return unit is not None and can_view_unit(user, unit)


@rule("export.projects")
def _export_projects(user, unit: OrgUnit | None) -> bool:
    """A project list: anyone with a role (the rows are their visible projects), within their units."""
    if sees_everything(user):
        return True
    if unit is None:
        return bool(grants_for(user))
    return can_view_unit(user, unit)


@rule("export.memo")
def _export_memo(user, obj=None) -> bool:
    """The lists a quarterly memo attaches cover the whole ministry: the board's readers only."""
    return can(user, "round.board")


@rule("exportjob.view")
def _exportjob_view(user, job) -> bool:
    """A job and its file belong to whoever asked for it (and the administrator)."""
    return job.requested_by_id == user.pk or sees_everything(user) or has_role(user, Role.ADMIN)
