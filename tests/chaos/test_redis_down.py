"""Redis stopped: pages still save, the work waits in the outbox, and once Redis is
back the relay publishes each task exactly once and a real worker runs it.

The outage lasts CHAOS_REDIS_DOWN_SECONDS (make chaos: 60; default 10), with a save
every few seconds.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.urls import reverse

from approvals.models import Notification
from core.models import OutboxMessage
from core.outbox import outbox_relay
from orgs.models import OrgUnit, Role
from reporting.models import ExportJob, ExportStatus
from tests.conftest import wait_until
from tests.factories import ProjectFactory, user_with_role

from .conftest import record
from .servers import celery_worker, elapsed

pytestmark = [pytest.mark.chaos, pytest.mark.django_db(transaction=True)]
DOWN_SECONDS = float(os.environ.get("CHAOS_REDIS_DOWN_SECONDS", "10"))
SAVES = 12


def relay_in_a_thread() -> int:
    try:
        return outbox_relay()
    finally:
        connection.close()


def test_pages_save_while_redis_is_down_and_the_work_runs_once_it_is_back(
    committed_reference_data, chaos_redis, worker_env, media, tmp_path, client
):
    staff = user_with_role(Role.STAFF, "0209", email="staff0209@mol.example")
    ProjectFactory.create_batch(2, owner_unit=OrgUnit.objects.get(code="0209"))
    client.force_login(staff)
    assert client.get(reverse("reporting:export_jobs")).status_code == 200  # warm the process up

    chaos_redis.stop()
    down_at, answers, seconds = time.monotonic(), [], []
    for _ in range(SAVES):
        started = time.monotonic()
        answers.append(client.post(reverse("reporting:export_request", args=["projects"])))
        seconds.append(elapsed(started))
        time.sleep(DOWN_SECONDS / SAVES)
    down_for = elapsed(down_at)

    jobs = ExportJob.objects.filter(requested_by=staff)
    assert [a.status_code for a in answers] == [302] * SAVES
    assert [a.url for a in answers] == [j.get_absolute_url() for j in jobs.order_by("pk")]
    pending = OutboxMessage.objects.filter(sent_at__isnull=True)
    assert pending.count() == SAVES and all(m.attempts == 1 for m in pending)

    chaos_redis.start()
    with ThreadPoolExecutor(2) as pool:  # beat's relay and a starting worker's, together
        published = sum(pool.map(lambda _: relay_in_a_thread(), range(2)))
    assert published == SAVES
    assert chaos_redis.queued() == SAVES
    assert outbox_relay() == 0 and chaos_redis.queued() == SAVES

    worker = celery_worker(worker_env, tmp_path / "worker.log")
    try:
        assert wait_until(
            lambda: not jobs.exclude(status=ExportStatus.SUCCESS).exists(), timeout=90
        )
        notices = Notification.objects.filter(recipient=staff, kind="export_ready")
        assert wait_until(lambda: notices.filter(emailed_at__isnull=True).count() == 0, timeout=30)
    finally:
        worker.stop()

    runs = worker.output().count("reporting.tasks.export_job_run[")
    assert runs == 2 * SAVES  # each job received once and succeeded once
    assert notices.count() == SAVES
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()
    record(
        "redis_down",
        {
            "down_s": down_for,
            "saves": SAVES,
            "saves_ok": SAVES,
            "slowest_save_s": max(seconds),
            "median_save_s": sorted(seconds)[SAVES // 2],
            "published_after": published,
            "tasks_ran": runs // 2,
            "notices": notices.count(),
        },
    )
