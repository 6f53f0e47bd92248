from django.db.models import QuerySet

from orgs.models import User
from orgs.permissions import Grant, filter_by_units

from .models import Project


def projects_visible_to(user: User) -> QuerySet[Project]:
    """The projects of every unit the user's roles cover."""
    return filter_by_units(Project.objects.all(), user, field="owner_unit")


def project_count_for_grant(grant: Grant) -> int:
    """How many projects lie in the subtree one grant covers."""
    return Project.objects.filter(owner_unit__path__startswith=grant.unit_path).count()
