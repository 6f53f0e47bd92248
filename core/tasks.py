"""The outbox relay task, and the retry policy every task that touches the database shares."""

import logging

from celery import shared_task
from celery.signals import worker_ready
from django.db import InterfaceError, OperationalError

from . import outbox

logger = logging.getLogger(__name__)

# A dropped or restarting database is worth a few patient retries.
TRANSIENT = {
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": 10,
    "max_retries": 5,
}


@shared_task(time_limit=120, soft_time_limit=100, ignore_result=True)
def outbox_relay() -> int:
    """Publish the outbox rows left pending while the broker was down (beat, every 30 s),
    then forget the rows published more than a week ago."""
    published = outbox.outbox_relay()
    outbox.outbox_prune()
    return published


@worker_ready.connect
def relay_when_a_worker_starts(sender=None, **kwargs) -> None:
    """A worker that comes up (often just after Redis or itself came back) empties the outbox."""
    try:
        published = outbox.outbox_relay()
    except Exception:  # the database may be down too; beat runs the relay again soon
        logger.exception("outbox relay at worker start failed")
        return
    if published:
        logger.info("outbox relay at worker start: %s published", published)
