from django.db.models import Q, QuerySet

from orgs.models import User
from orgs.permissions import Grant, grants_for

from .models import Approval, ItemStatus


def _waiting_q(grant: Grant) -> Q:
    return Q(current_level__role=grant.role, unit__path__startswith=grant.unit_path)


def approvals_waiting_for(user: User) -> QuerySet[Approval]:
    """Submitted items whose current step is one of the user's roles over their unit."""
    q = Q()
    for grant in grants_for(user):
        q |= _waiting_q(grant)
    if not q:
        return Approval.objects.none()
    return Approval.objects.filter(q, status=ItemStatus.SUBMITTED)


def waiting_count_for_grant(grant: Grant) -> int:
    return Approval.objects.filter(_waiting_q(grant), status=ItemStatus.SUBMITTED).count()
