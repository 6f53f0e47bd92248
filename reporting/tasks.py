"""Celery beat's tasks for windows and deadlines; the work is in reporting.deadlines."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from core.clock import today
from core.tasks import TRANSIENT
from orgs.models import User

from . import deadlines


@shared_task(time_limit=600, soft_time_limit=570, **TRANSIENT)
def deadlines_tick() -> dict:
    """Open, remind, mark late and lock, as of today (safe to run any number of times)."""
    return deadlines.run_deadlines(today())


@shared_task(time_limit=300, soft_time_limit=270, **TRANSIENT)
def pyp_digest() -> dict:
    return deadlines.run_digest(today())


@shared_task(bind=True, time_limit=30 * 60, soft_time_limit=28 * 60, max_retries=3)
def export_job_run(self, job_id: int) -> str:
    """Write one requested Excel export (safe to run twice: a finished job is left alone)."""
    from .exports.services import SYSTEM_ERROR, export_fail, export_run

    try:
        return export_run(job_id=job_id).status
    except (OperationalError, InterfaceError) as exc:
        # The database went away: try again later, and give up with a message, not "running".
        if self.request.retries >= self.max_retries:
            export_fail(job_id=job_id, message=SYSTEM_ERROR.format(pk=job_id))
            raise
        raise self.retry(exc=exc, countdown=10 * 2**self.request.retries) from exc


@shared_task(time_limit=600, soft_time_limit=570, **TRANSIENT)
def freeze_round(fiscal_year: int, quarter: int, reason: str, user_id: int | None = None) -> bool:
    """Freeze a quarterly round's figures (a no-op when already frozen)."""

    from .snapshots import round_snapshot_take

    user = User.objects.filter(pk=user_id).first() if user_id else None
    _, created = round_snapshot_take(
        fiscal_year=fiscal_year, quarter=quarter, reason=reason, user=user
    )
    return created
