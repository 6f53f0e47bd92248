"""A Celery worker killed with kill -9 in the middle of an export or a memo PDF:
once a worker runs again there is exactly one file and one notice.

Both tests stop the task at a pause point right after the file is stored and
before the job is marked done (core.chaos), the worst moment to die.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from django.db import transaction

from approvals.models import Notification
from memos.models import Memo, PdfStatus
from memos.services import memo_issue
from orgs.models import OrgUnit, Role
from reporting.exports.services import export_request
from reporting.models import ExportJob, ExportStatus
from tests.conftest import wait_until
from tests.factories import ProjectFactory, user_with_role
from tests.memos.test_memo_views import a_memo

from .conftest import record
from .servers import celery_worker, children_of, elapsed

pytestmark = [pytest.mark.chaos, pytest.mark.django_db(transaction=True)]


def files_under(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def paused_pid(env: dict) -> int | None:
    flag = Path(env["EMENSCR_CHAOS_PAUSE_FLAG"])
    return int(flag.read_text()) if flag.exists() and flag.read_text() else None


def test_a_worker_killed_mid_export_leaves_one_file_and_one_notice_after_restart(
    committed_reference_data, worker_env, media, tmp_path
):
    staff = user_with_role(Role.STAFF, "0209", email="staff0209@mol.example")
    ProjectFactory.create_batch(3, owner_unit=OrgUnit.objects.get(code="0209"))
    with transaction.atomic():
        job = export_request(user=staff, kind="projects", params={})
    paused = {**worker_env, "EMENSCR_CHAOS_PAUSE_AT": "export_stored"}
    first = celery_worker(paused, tmp_path / "worker1.log")
    try:
        assert wait_until(lambda: paused_pid(worker_env) is not None, timeout=60), first.output()
        assert ExportJob.objects.get(pk=job.pk).status == ExportStatus.RUNNING
        assert len(files_under(media / "exports")) == 1
        first.kill_all()  # kill -9 of the worker and its pool: the task is never acknowledged
    finally:
        first.stop()

    killed_at = time.monotonic()
    second = celery_worker(worker_env, tmp_path / "worker2.log")
    try:
        assert wait_until(lambda: ExportJob.objects.get(pk=job.pk).is_finished, timeout=90), (
            second.output()[-3000:]
        )
        recovered_in = elapsed(killed_at)
        notices = Notification.objects.filter(recipient=staff, kind="export_ready")
        assert wait_until(lambda: notices.filter(emailed_at__isnull=False).exists(), timeout=30)
    finally:
        second.stop()

    job.refresh_from_db()
    assert job.status == ExportStatus.SUCCESS
    assert files_under(media / "exports") == [Path(job.file.path)]
    assert notices.count() == 1
    record(
        "worker_killed_mid_export",
        {"files": 1, "notices": notices.count(), "finished_after_kill_s": recovered_in},
    )


def test_a_pool_process_killed_mid_memo_pdf_leaves_one_pdf_and_one_notice(
    committed_reference_data, worker_env, media, tmp_path
):
    pyp = user_with_role(Role.PYP_OFFICER, "MOL", email="pyp@mol.example")
    pyp.home_unit = OrgUnit.objects.get(code="0214")
    pyp.save(update_fields=["home_unit"])
    memo = memo_issue(memo=a_memo(pyp), user=pyp)
    # The production visibility timeout: the task must come back through
    # task_reject_on_worker_lost, not through Redis redelivering it.
    paused = {
        **worker_env,
        "EMENSCR_CHAOS_PAUSE_AT": "memo_pdf_stored",
        "CELERY_VISIBILITY_TIMEOUT": "3600",
    }
    worker = celery_worker(paused, tmp_path / "worker.log")
    try:
        assert wait_until(lambda: paused_pid(worker_env) is not None, timeout=60), worker.output()
        pool_process = paused_pid(worker_env)
        assert pool_process in children_of(worker.pid)
        assert Memo.objects.get(pk=memo.pk).pdf_status == PdfStatus.PENDING
        killed_at = time.monotonic()
        os.kill(pool_process, signal.SIGKILL)  # the OOM killer takes the process writing the PDF

        assert wait_until(
            lambda: Memo.objects.get(pk=memo.pk).pdf_status == PdfStatus.READY, timeout=90
        ), worker.output()[-3000:]
        recovered_in = elapsed(killed_at)
        notices = Notification.objects.filter(recipient=pyp, kind="memo_pdf_ready")
        assert wait_until(lambda: notices.filter(emailed_at__isnull=False).exists(), timeout=30)
    finally:
        worker.stop()

    memo.refresh_from_db()
    assert files_under(media / "memos") == [Path(memo.pdf.path)]
    assert notices.count() == 1
    assert "WorkerLostError" in worker.output()
    record(
        "pool_process_killed_mid_memo_pdf",
        {"files": 1, "notices": notices.count(), "ready_after_kill_s": recovered_in},
    )
