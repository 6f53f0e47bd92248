"""A transactional outbox for Celery tasks (issue 11: Redis down, nothing lost).

`outbox_enqueue` writes the task as a row in the caller's transaction and tries
to publish it right after commit. If Redis is down the page still succeeds and
the row stays pending; `outbox_relay` (Celery beat every 30 s, and once when a
worker starts) publishes what is pending once Redis is back.

Each row is published by whoever holds its row lock (`select_for_update(skip_locked=True)`)
and marked sent in the same transaction, so two relays never publish the same row
twice. A crash between the publish and the commit publishes the row again later;
every task is idempotent for that reason (at-least-once delivery).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import current_app
from django.db import transaction

from core.clock import now

from .models import OutboxMessage

logger = logging.getLogger(__name__)

RELAY_BATCH = 100
# Published rows are kept this long (to see what was queued when), then deleted.
KEEP_SENT_DAYS = 7
# A page waits at most about this long for a broker that does not answer.
CONNECT_RETRIES = 1


def outbox_enqueue(task: str, *args, **kwargs) -> OutboxMessage:
    """Record `task(*args, **kwargs)` in the current transaction; publish it after commit."""
    message = OutboxMessage.objects.create(task=task, args=list(args), kwargs=kwargs)
    transaction.on_commit(lambda: outbox_publish(message_id=message.pk), robust=True)
    return message


def outbox_publish(*, message_id: int) -> bool:
    """Publish one pending row now; False if someone else has it or the broker is down."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, sent_at__isnull=True)
            .first()
        )
        if message is None:
            return False
        with _broker() as connection:
            return _send(message, connection)


def outbox_relay(*, batch: int = RELAY_BATCH) -> int:
    """Publish every pending row, oldest first; stops at the first broker failure.

    Returns how many rows this call published.
    """
    published = 0
    with _broker() as connection:
        while True:
            with transaction.atomic():
                messages = list(
                    OutboxMessage.objects.select_for_update(skip_locked=True)
                    .filter(sent_at__isnull=True)
                    .order_by("pk")[:batch]
                )
                for message in messages:
                    if not _send(message, connection):
                        return published
                    published += 1
            if len(messages) < batch:
                return published


def outbox_prune(*, keep_days: int = KEEP_SENT_DAYS) -> int:
    """Delete rows published more than `keep_days` ago; pending rows are never deleted."""
    cutoff = now() - timedelta(days=keep_days)
    deleted, _ = OutboxMessage.objects.filter(sent_at__lt=cutoff).delete()
    return deleted


def _broker():
    return current_app.connection_for_write()


def _send(message: OutboxMessage, connection) -> bool:
    """Publish under the caller's row lock and mark the row; a broker error leaves it pending."""
    try:
        # Fail fast when Redis is down: the relay tries again, nobody waits for it.
        connection.ensure_connection(
            max_retries=CONNECT_RETRIES, interval_start=0, interval_step=0.2, timeout=2
        )
        current_app.send_task(
            message.task,
            args=message.args,
            kwargs=message.kwargs,
            connection=connection,
            retry=False,
        )
    except Exception as exc:  # any broker failure: the row stays pending for the relay
        logger.warning("outbox: %s stays pending (%s)", message, exc)
        message.attempts += 1
        message.last_error = str(exc)[:500]
        message.save(update_fields=["attempts", "last_error"])
        return False
    message.sent_at = now()
    message.save(update_fields=["sent_at"])
    return True
