"""Notifications: recorded once, e-mailed once by a real Celery worker."""

import pytest
from django.core import mail
from django.db import transaction

from approvals.models import Notification
from approvals.services.notifications import notification_send_email, notify
from tests.conftest import wait_until
from tests.factories import NotificationFactory, UserFactory


@pytest.mark.django_db
def test_the_same_dedupe_key_records_one_notification_only():
    user = UserFactory()

    first = notify(recipient=user, kind="reminder", title="ใกล้ครบกำหนด", dedupe_key="r:1:7d")
    second = notify(recipient=user, kind="reminder", title="ใกล้ครบกำหนด", dedupe_key="r:1:7d")

    assert first is not None and second is None
    assert Notification.objects.filter(recipient=user).count() == 1


@pytest.mark.django_db
def test_sending_a_notification_twice_emails_it_once():
    notification = NotificationFactory(title="รายการรอพิจารณา", url="/approvals/")

    assert notification_send_email(notification_id=notification.pk) is True
    assert notification_send_email(notification_id=notification.pk) is False

    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "[eMENSCR] รายการรอพิจารณา"
    assert "http://127.0.0.1:8000/approvals/" in mail.outbox[0].body


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_emails_a_notification_after_the_transaction_commits(celery_worker_thread):
    user = UserFactory(email="director@mol.example")

    with transaction.atomic():
        notification = notify(recipient=user, kind="approval", title="มีรายการรออนุมัติ")

    assert wait_until(lambda: Notification.objects.get(pk=notification.pk).emailed_at is not None)
    assert [m.to for m in mail.outbox] == [["director@mol.example"]]


@pytest.mark.django_db
def test_a_returned_item_notice_leads_to_that_items_page(unit, open_entry_windows):
    from approvals.services.transitions import item_return, item_submit
    from orgs.models import Role
    from tests.factories import complete_project, user_with_role

    staff = user_with_role(Role.STAFF, "0209")
    director = user_with_role(Role.DIVISION_DIRECTOR, "0209")
    project = complete_project(owner_unit=unit("0209"))
    item_submit(item=project, actor=staff)
    project.refresh_from_db()

    item_return(item=project, actor=director, reason="แก้งบประมาณไตรมาส ๒")

    notice = Notification.objects.get(recipient=staff, kind="returned")
    assert notice.url == f"/projects/{project.pk}/"
    assert "แก้งบประมาณไตรมาส ๒" in notice.body
