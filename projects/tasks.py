"""Celery beat's task for the projects app."""

from celery import shared_task

from core.tasks import TRANSIENT

from .services.tallies import compact_tallies


@shared_task(time_limit=300, soft_time_limit=270, ignore_result=True, **TRANSIENT)
def tallies_compact() -> int:
    """Fold the project tallies' rows (safe to run any number of times)."""
    return compact_tallies()
