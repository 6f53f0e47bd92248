from datetime import date

from django.db.models import Q, QuerySet

from orgs.models import User
from orgs.permissions import grants_for, sees_everything

from .models import Window


def windows_open_for(user: User, *, on: date) -> QuerySet[Window]:
    """Windows open on `on` that concern a unit the user works in or above.

    A window with no units listed concerns everyone; otherwise it concerns a
    user whose grant lies above or below one of its units.
    """
    windows = Window.objects.filter(opens_on__lte=on, chain_deadline__gte=on)
    if sees_everything(user):
        return windows
    scope = Q(units__isnull=True)
    for grant in grants_for(user):
        scope |= Q(units__path__startswith=grant.unit_path)
        scope |= Q(units__pk__in=[int(x) for x in grant.unit_path.strip("/").split("/")])
    return windows.filter(scope).distinct().order_by("unit_deadline")
