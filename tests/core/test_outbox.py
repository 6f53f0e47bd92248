"""The outbox forgets what it published a week ago, never what is still pending."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import OutboxMessage
from core.outbox import outbox_prune

pytestmark = pytest.mark.django_db


def test_rows_published_over_a_week_ago_are_deleted_and_the_rest_kept():
    now = timezone.now()
    old = OutboxMessage.objects.create(task="t", sent_at=now - timedelta(days=8))
    recent = OutboxMessage.objects.create(task="t", sent_at=now - timedelta(days=1))
    pending = OutboxMessage.objects.create(task="t")
    OutboxMessage.objects.filter(pk=pending.pk).update(created_at=now - timedelta(days=30))

    assert outbox_prune() == 1
    assert set(OutboxMessage.objects.values_list("pk", flat=True)) == {recent.pk, pending.pk}
    assert not OutboxMessage.objects.filter(pk=old.pk).exists()
