"""The portal hears of exactly two events: a final approval and a round's freeze."""

from django.db import transaction

from projects.models import Project
from reporting.models import QuarterlyReport

from .cache import generation_bump
from .publishing import projects_publish, reports_publish


def items_approved_publish(sender, *, items, **kwargs) -> None:
    """The engine approved items for good: publish those the portal shows (inside the
    approving transaction), and let the cached pages go once it commits."""
    if sender is Project:
        projects_publish(projects=items)
    elif sender is QuarterlyReport:
        reports_publish(reports=items)
    else:  # level-3 plans and annual reports: not on the portal
        return
    transaction.on_commit(generation_bump)


def round_frozen(sender, *, created: bool, **kwargs) -> None:
    """A round's figures were frozen: its five-band page now exists."""
    if created:
        transaction.on_commit(generation_bump)
