"""Two beat processes: the deadline pass runs twice at the same moment, and still
each person gets each reminder once, in the app and by e-mail.

Two threads stand for the two workers that run the two beats' deadlines_tick;
the data they work on is committed, as in production.
"""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime

import pytest
from django.core import mail
from django.db import connection
from django.utils.module_loading import import_string

from approvals.models import Notification
from core.clock import freeze
from core.models import OutboxMessage
from orgs.models import OrgUnit, Role
from reporting import deadlines
from tests.factories import ProjectFactory, WindowFactory, user_with_role

from .conftest import record

pytestmark = pytest.mark.django_db(transaction=True)
# Window Q1/2567: opens 1 Jan 2024, unit deadline 16 Jan (reminders on 9, 13 and 15 Jan).


@pytest.fixture
def window_with_work(committed_reference_data, chaos_redis):
    """Staff of 0209 with an approved project not yet reported in the Q1/2567 window."""
    staff = [user_with_role(Role.STAFF, "0209", email=f"staff{i}@mol.example") for i in range(3)]
    director = user_with_role(Role.DIVISION_DIRECTOR, "0209", email="director@mol.example")
    WindowFactory(fiscal_year=2567, quarter=1)
    ProjectFactory(
        owner_unit=OrgUnit.objects.get(code="0209"),
        status="approved",
        start_date=date(2023, 10, 1),
        end_date=date(2024, 9, 30),
    )
    return staff + [director]


def on(day: date, step) -> object:
    """Run one deadline step as a worker does on `day`, then let go of the thread's connection."""
    try:
        with freeze(datetime.combine(day, datetime.min.time().replace(hour=8))):
            return step(day)
    finally:
        connection.close()


def twice_at_once(day: date, step) -> None:
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda _: on(day, step), range(2)))


def deliver_queued_emails() -> None:
    """What the workers do with the e-mail jobs both passes queued: run every one of them."""
    for message in OutboxMessage.objects.filter(task__startswith="approvals.tasks.send_"):
        import_string(message.task).apply(args=message.args, kwargs=message.kwargs)


def reminders_per_person() -> Counter:
    rows = Notification.objects.filter(kind="reminder").values_list("recipient_id", "title")
    return Counter(rows)


def test_two_passes_inserting_the_same_reminders_at_once_send_each_once(
    window_with_work, monkeypatch
):
    # Both passes have checked that the reminders do not exist yet before either inserts
    # them: the unique dedupe key, not luck with timing, must keep the second copy out.
    both_checked = threading.Barrier(2, timeout=30)
    real_insert = Notification.objects.bulk_create

    def insert_after_both_checked(*args, **kwargs):
        both_checked.wait()
        return real_insert(*args, **kwargs)

    monkeypatch.setattr(Notification.objects, "bulk_create", insert_after_both_checked)

    twice_at_once(date(2024, 1, 9), deadlines.remind_before_deadlines)
    deliver_queued_emails()

    staff = [u for u in window_with_work if u.email.startswith("staff")]
    per_person = reminders_per_person()
    assert sorted(user for user, _ in per_person) == sorted(u.pk for u in staff)
    assert set(per_person.values()) == {1}
    mailed = Counter((m.to[0], m.subject) for m in mail.outbox)
    assert len(mailed) == len(staff) and set(mailed.values()) == {1}


def test_two_beats_running_every_pass_together_for_a_fortnight_send_nothing_twice(
    window_with_work,
):
    for day in range(1, 17):
        twice_at_once(date(2024, 1, day), deadlines.run_deadlines)
    deliver_queued_emails()

    notices = Counter(Notification.objects.values_list("recipient_id", "kind", "title").order_by())
    reminders = reminders_per_person()
    mailed = Counter((m.to[0], m.subject) for m in mail.outbox)
    assert set(notices.values()) == {1}
    assert len(reminders) == 3 * 3  # three staff, reminded 7, 3 and 1 days before
    assert set(mailed.values()) == {1} and len(mailed) == len(notices)
    record(
        "two_beats",
        {"passes": 2 * 16, "notices": len(notices), "emails": len(mail.outbox), "duplicates": 0},
    )
