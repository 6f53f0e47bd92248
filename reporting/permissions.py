"""Reporting rules for the policy (orgs.permissions)."""

from orgs.models import ENTRY_ROLES, Role
from orgs.permissions import can, grant_over, grants_for, has_role, rule, sees_everything

WORKBOOK_ROLES = [Role.STAFF, Role.DIVISION_DIRECTOR, Role.PYP_OFFICER, Role.ADMIN]


@rule("workbook.import")
def _workbook_import(user, unit) -> bool:
    """Import the project workbook: for one unit, or (unit None) at all."""
    if sees_everything(user):
        return True
    if unit is None:
        return any(g.role in WORKBOOK_ROLES for g in grants_for(user))
    return grant_over(user, unit, roles=WORKBOOK_ROLES) is not None


@rule("workbook.import_approved")
def _workbook_import_approved(user, obj=None) -> bool:
    """Mark items approved from a file (a past round, another system's export): the
    ministry's coordinators only, since such an import stands in for the whole chain."""
    return sees_everything(user) or has_role(user, Role.PYP_OFFICER, Role.ADMIN)


@rule("report.view")
def _report_view(user, project) -> bool:
    """Reports are seen by whoever sees their project (the object is the project or the report)."""

    return can(user, "project.view", getattr(project, "project", project))


@rule("report.edit")
def _report_edit(user, project) -> bool:
    project = getattr(project, "project", project)
    return grant_over(user, project.owner_unit, roles=ENTRY_ROLES) is not None


@rule("quarterlyreport.view")
def _quarterly_view(user, report) -> bool:
    return _report_view(user, report)


@rule("quarterlyreport.edit")
def _quarterly_edit(user, report) -> bool:
    return _report_edit(user, report)


@rule("round.board")
def _round_board(user, obj=None) -> bool:
    """The round status board: ป.ย.ป., executives and administrators."""
    return sees_everything(user) or has_role(
        user, Role.PYP_OFFICER, Role.ADMIN, Role.PERMANENT_SECRETARY, Role.CLUSTER_HEAD
    )


SUMMARY_ROLES = [
    Role.PYP_OFFICER,
    Role.ADMIN,
    Role.PERMANENT_SECRETARY,
    Role.CLUSTER_HEAD,
    Role.DEPARTMENT_HEAD,
    Role.DIVISION_DIRECTOR,
]


@rule("summary.view")
def _summary_view(user, obj=None) -> bool:
    """Five-band summaries: ป.ย.ป., executives and unit heads (figures of the whole ministry;
    a drill-down lists only the projects the user may see)."""
    return sees_everything(user) or has_role(user, *SUMMARY_ROLES)


@rule("summary.compare")
def _summary_compare(user, obj=None) -> bool:
    """Comparisons across rounds and units: the board's readers (ป.ย.ป., executives and
    administrators), since they set the units' reporting rates side by side."""
    return _round_board(user, obj)
