from django.db.models import Q, QuerySet

from orgs.models import User
from orgs.permissions import Grant, grants_for

from .models import Approval, ItemStatus, Transition


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


def trail_for(item) -> list[Transition]:
    """Every transition of every revision of an item, oldest first (two queries)."""
    from django.contrib.contenttypes.models import ContentType

    return list(
        Transition.objects.filter(
            approval__content_type=ContentType.objects.get_for_model(item),
            approval__object_id=item.pk,
        )
        .select_related("approval", "actor", "acting_for", "from_level", "to_level")
        .order_by("created_at", "pk")
    )
