from django.db.models import QuerySet

from orgs.models import User
from orgs.permissions import filter_by_units

from .models import Project


def projects_visible_to(user: User) -> QuerySet[Project]:
    """The projects of every unit the user's roles cover."""
    return filter_by_units(Project.objects.all(), user, field="owner_unit")
