"""Notifications: in-app notices, e-mailed after commit by Celery."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils.text import Truncator

from core.clock import now
from core.outbox import outbox_enqueue
from orgs.models import User

from ..items import kind_of
from ..models import ItemStatus, Notification, Transition
from ..selectors import holders_by_level, items_with_their_units

_TITLE_MAX = Notification._meta.get_field("title").max_length


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


def _sender_links(*groups: dict[int, list[Transition]]):
    """A sender's notice names the item and leads to its page when one item moved, else
    counts them and leads to the project list. The single items are fetched together
    (one query per item type). Returns the (url, title) makers."""
    singles = [ts[0].approval for group in groups for ts in group.values() if len(ts) == 1]
    prefetch_related_objects(singles, items_with_their_units())

    def single(moved: list[Transition]):
        return moved[0].approval.item if len(moved) == 1 else None

    def url(moved: list[Transition]) -> str:
        item = single(moved)
        return reverse("projects:list") if item is None else kind_of(item).url(item)

    def title(head: str, moved: list[Transition]) -> str:
        item = single(moved)
        if item is None:
            return f"{head} {len(moved)} รายการ"
        kind = kind_of(item)
        return Truncator(f"{head}: {kind.label} {kind.describe(item)}").chars(_TITLE_MAX)

    return url, title


def transitions_notify(transitions: list[Transition]) -> None:
    """One notice per recipient per action: who must act next, or whose item moved."""
    approvals = {t.approval_id: t.approval for t in transitions}
    holders = holders_by_level(
        [(a.current_level, a.unit) for a in approvals.values() if a.current_level]
    )
    waiting: dict[int, int] = {}
    returned: dict[int, list[Transition]] = {}
    approved: dict[int, list[Transition]] = {}
    for t in transitions:
        approval = approvals[t.approval_id]
        if t.to_status == ItemStatus.SUBMITTED:
            for user_id in holders.get((approval.current_level_id, approval.unit_id), []):
                waiting[user_id] = waiting.get(user_id, 0) + 1
        elif t.to_status == ItemStatus.RETURNED and approval.submitted_by_id:
            returned.setdefault(approval.submitted_by_id, []).append(t)
        elif t.to_status == ItemStatus.APPROVED and approval.submitted_by_id:
            approved.setdefault(approval.submitted_by_id, []).append(t)
    url, title = _sender_links(returned, approved)
    stamp = transitions[0].pk if transitions else 0
    notices = [
        Notice(
            u,
            "waiting",
            f"มีรายการรอพิจารณา {n} รายการ",
            url=reverse("approvals:inbox"),
            dedupe_key=f"t{stamp}:wait:{u}",
        )
        for u, n in waiting.items()
    ]
    notices += [
        Notice(
            u,
            "returned",
            title("รายการถูกส่งกลับแก้ไข", r),
            body="\n".join(t.comment for t in r),
            url=url(r),
            dedupe_key=f"t{stamp}:ret:{u}",
        )
        for u, r in returned.items()
    ]
    notices += [
        Notice(
            u,
            "approved",
            title("อนุมัติครบทุกขั้นแล้ว", a),
            url=url(a),
            dedupe_key=f"t{stamp}:ok:{u}",
        )
        for u, a in approved.items()
    ]
    notify_many(notices)
