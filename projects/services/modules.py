"""One write path for M1–M5: a typed input (`projects.inputs`), whoever parsed it, is
checked by its shared rules and saved by its module's service in `entry`."""

from orgs.models import User
from orgs.permissions import require

from ..inputs import (
    ActivitiesInput,
    BudgetInput,
    DetailInput,
    GeneralInput,
    LinksInput,
    ModuleInput,
    raise_problems,
)
from ..models import Project
from . import entry

SERVICES = {
    LinksInput: entry.project_save_links,
    GeneralInput: entry.project_save_general,
    DetailInput: entry.project_save_detail,
    ActivitiesInput: entry.project_save_activities,
    BudgetInput: entry.project_save_budget,
}


def project_save_module(*, user: User, project: Project, data: ModuleInput) -> Project:
    """Save one module as given. Refusals are ValidationErrors keyed by field path
    ("end_date", "targets.0.description", "plan.2568-1"), messages in Thai."""
    require(user, "project.edit", project)
    arguments, problems = data.for_service(project=project)
    raise_problems(problems)
    return SERVICES[type(data)](user=user, project=project, **arguments)
