"""Celery beat's tasks for windows and deadlines; the work is in reporting.deadlines."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from emenscr.clock import today

from . import deadlines

TRANSIENT = {
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": 10,
    "max_retries": 5,
}


@shared_task(time_limit=600, soft_time_limit=570, **TRANSIENT)
def deadlines_tick() -> dict:
    """Open, remind, mark late and lock, as of today (safe to run any number of times)."""
    return deadlines.run_deadlines(today())


@shared_task(time_limit=300, soft_time_limit=270, **TRANSIENT)
def pyp_digest() -> dict:
    return deadlines.run_digest(today())
