from smtplib import SMTPException

from celery import shared_task

from .models import Notification
from .services import notifications

RETRY = {
    "autoretry_for": (SMTPException, ConnectionError, TimeoutError),
    "retry_backoff": 30,
    "max_retries": 8,
}


@shared_task(time_limit=120, soft_time_limit=90, **RETRY)
def send_notification_email(notification_id: int) -> bool:
    return notifications.notification_send_email(notification_id=notification_id)


@shared_task(time_limit=600, soft_time_limit=570, **RETRY)
def send_notification_emails(dedupe_keys: list[str]) -> int:
    """E-mail the notices made together by a bulk action (each at most once)."""
    ids = Notification.objects.filter(dedupe_key__in=dedupe_keys).values_list("pk", flat=True)
    return sum(notifications.notification_send_email(notification_id=pk) for pk in ids)
