"""Notifications: in-app notices, e-mailed after commit by Celery."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from emenscr.clock import now
from emenscr.outbox import outbox_enqueue
from orgs.models import User

from ..models import Notification


def notify(
    *,
    recipient: User,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    dedupe_key: str | None = None,
) -> Notification | None:
    """Record an in-app notice and e-mail it after commit.

    With a `dedupe_key` the same notice is never made twice (a task that runs
    again sends nothing again); returns None when it already exists.
    """
    if dedupe_key and Notification.objects.filter(dedupe_key=dedupe_key).exists():
        return None
    # The notice and its e-mail job commit together (the e-mail waits in the outbox).
    with transaction.atomic():
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    recipient=recipient,
                    kind=kind,
                    title=title,
                    body=body,
                    url=url,
                    dedupe_key=dedupe_key,
                )
        except IntegrityError:  # a concurrent run made it first
            return None
        if recipient.email:
            outbox_enqueue("approvals.tasks.send_notification_email", notification.pk)
    return notification


def notification_send_email(*, notification_id: int) -> bool:
    """E-mail one notification once; True if this call sent it."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if notification is None or not notification.recipient.email:
            return False
        body = notification.body
        if notification.url:
            body = f"{body}\n\n{settings.SITE_URL.rstrip('/')}{notification.url}".strip()
        send_mail(
            subject=f"[eMENSCR] {notification.title}",
            message=body,
            from_email=None,
            recipient_list=[notification.recipient.email],
        )
        notification.emailed_at = now()
        notification.save(update_fields=["emailed_at"])
    return True


@dataclass(frozen=True)
class Notice:
    recipient_id: int
    kind: str
    title: str
    body: str = ""
    url: str = ""
    dedupe_key: str | None = None


def notify_many(notices: list[Notice]) -> int:
    """Record many notices in one insert and e-mail them after commit; returns how many are new.

    Notices whose dedupe_key already exists are skipped, so a task or a bulk
    action that runs again sends nothing again.
    """
    if not notices:
        return 0
    keys = [n.dedupe_key for n in notices if n.dedupe_key]
    existing = set(
        Notification.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True)
    )
    fresh = [n for n in notices if not n.dedupe_key or n.dedupe_key not in existing]
    if not fresh:
        return 0
    # A concurrent run inserting the same keys waits on the unique index and skips them
    # (ignore_conflicts); the e-mail task sends each notice once whoever queued it.
    with transaction.atomic():
        Notification.objects.bulk_create(
            [
                Notification(
                    recipient_id=n.recipient_id,
                    kind=n.kind,
                    title=n.title,
                    body=n.body,
                    url=n.url,
                    dedupe_key=n.dedupe_key,
                )
                for n in fresh
            ],
            ignore_conflicts=True,
        )
        keys = [n.dedupe_key for n in fresh if n.dedupe_key]
        if keys:
            outbox_enqueue("approvals.tasks.send_notification_emails", keys)
    return len(fresh)
