"""Which windows concern a user, and which are open for them."""

from datetime import date

from django.db.models import Q, QuerySet

from orgs.models import User, path_ids
from orgs.permissions import grants_for, sees_everything

from .models import Window


def window_scope_q(user: User) -> Q:
    """How a window concerns a user: no units listed concerns everyone; else one of
    its units lies above or below one of the user's grants (ป.ย.ป. sees all)."""
    if sees_everything(user):
        return Q()
    scope = Q(units__isnull=True)
    for grant in grants_for(user):
        scope |= Q(units__path__startswith=grant.unit_path)
        scope |= Q(units__pk__in=path_ids(grant.unit_path))
    return scope


def windows_open_for(user: User, *, on: date) -> QuerySet[Window]:
    """Windows open on `on` that concern the user (`window_scope_q`)."""
    windows = Window.objects.filter(opens_on__lte=on, chain_deadline__gte=on)
    if sees_everything(user):
        return windows
    return windows.filter(window_scope_q(user)).distinct().order_by("unit_deadline")
