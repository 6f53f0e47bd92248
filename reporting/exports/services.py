"""Writes for exports: ask for one, run it, and mark how it ended."""

from __future__ import annotations

import logging
import tempfile
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import InterfaceError, OperationalError, transaction
from django.utils.crypto import salted_hmac

from approvals.services.notifications import notify
from core.chaos import pause_point
from core.clock import now
from core.db import reporting_reads
from core.outbox import outbox_enqueue
from core.xlsx import OfficialWorkbook
from orgs.models import User
from orgs.permissions import can, require
from reporting.models import ExportJob, ExportStatus

from .progress import Progress
from .registry import export_kind

logger = logging.getLogger(__name__)

# The task's hard limit (reporting.tasks): a job running longer has lost its worker.
RUN_TIME_LIMIT = 30 * 60
TIMED_OUT = "การสร้างไฟล์ใช้เวลานานเกินกำหนด กรุณาเลือกเงื่อนไขให้แคบลงแล้วขอไฟล์ใหม่"
NO_LONGER_ALLOWED = "ผู้ขอไม่มีสิทธิ์ส่งออกข้อมูลนี้แล้ว"
SYSTEM_ERROR = (
    "สร้างไฟล์ไม่สำเร็จเนื่องจากข้อผิดพลาดของระบบ กรุณาขอไฟล์ใหม่อีกครั้ง "
    "หากยังไม่สำเร็จโปรดแจ้งผู้ดูแลระบบ (งานหมายเลข {pk})"
)


def export_request(*, user: User, kind: str, params: dict) -> ExportJob:
    """Check the user may ask for this export and its parameters, then queue it after commit."""
    spec = export_kind(kind)
    require(user, spec.action, spec.subject(params))
    cleaned = spec.clean(params, user)
    with transaction.atomic():
        job = ExportJob.objects.create(
            kind=spec.key,
            params=cleaned,
            description=spec.describe(cleaned)[:255],
            requested_by=user,
        )
        outbox_enqueue("reporting.tasks.export_job_run", job.pk)
    return job


def export_run(*, job_id: int) -> ExportJob:
    """Write the job's workbook and store it; a finished job is returned as it is."""
    job = _claim(job_id)
    if job.is_finished:
        return job
    try:
        spec = export_kind(job.kind)
        if not can(job.requested_by, spec.action, spec.subject(job.params)):
            raise PermissionDenied(NO_LONGER_ALLOWED)
        progress = Progress(job.pk)
        _write(job, spec, progress)
    except SoftTimeLimitExceeded:
        return export_fail(job_id=job.pk, message=TIMED_OUT)
    except (ValidationError, PermissionDenied) as exc:
        return export_fail(job_id=job.pk, message=_message(exc))
    except (OperationalError, InterfaceError):
        raise  # transient: the task retries, and the retry runs the job again
    except Exception:
        logger.exception("export job %s failed", job.pk)
        return export_fail(job_id=job.pk, message=SYSTEM_ERROR.format(pk=job.pk))
    progress.save()
    return _succeed(job)


def _claim(job_id: int) -> ExportJob:
    """Lock the job and mark it running, unless it has finished already.

    A job found running is run again: its worker was lost (Celery redelivers it).
    """
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().select_related("requested_by").get(pk=job_id)
        if job.is_finished:
            return job
        job.status = ExportStatus.RUNNING
        job.started_at = now()
        job.rows_done, job.rows_total, job.error = 0, None, ""
        job.save(update_fields=["status", "started_at", "rows_done", "rows_total", "error"])
        return job


def _write(job: ExportJob, spec, progress: Progress) -> None:
    """Stream the workbook to a temporary file, then store it under MEDIA_ROOT/exports/."""
    book = OfficialWorkbook()
    with reporting_reads():  # the replica, when there is one: exports are the heaviest reads
        spec.write(job, job.params, book, progress)
    with tempfile.TemporaryFile(suffix=".xlsx") as output:
        book.save(output)
        output.seek(0)
        name = export_file_name(job)
        # A run cut short after storing the file (worker killed) left it here: replace it,
        # so a job has one file however often it ran.
        job.file.storage.delete(name)
        job.file.name = job.file.storage.save(name, File(output))
    pause_point("export_stored")


def export_file_name(job: ExportJob) -> str:
    """One name per job, unguessable (the file is fetched through the download view only)."""
    token = salted_hmac("reporting.export_file", str(job.pk), algorithm="sha256").hexdigest()
    return f"exports/{job.created_at:%Y/%m}/{job.pk}-{token[:32]}.xlsx"


def _succeed(job: ExportJob) -> ExportJob:
    job.status = ExportStatus.SUCCESS
    job.finished_at = now()
    with transaction.atomic():
        job.save(update_fields=["status", "file", "finished_at"])
        notify(
            recipient=job.requested_by,
            kind="export_ready",
            title=f"ไฟล์ส่งออกพร้อมดาวน์โหลด: {job.description or job.kind}"[:255],
            url=job.get_absolute_url(),
            dedupe_key=f"export:{job.pk}:ready",
        )
    job.refresh_from_db(fields=["rows_done", "rows_total"])
    return job


def export_fail(*, job_id: int, message: str) -> ExportJob:
    """Mark an unfinished job failed with a Thai message the requester can act on."""
    ExportJob.objects.filter(pk=job_id).exclude(status=ExportStatus.SUCCESS).update(
        status=ExportStatus.FAILED, error=message, finished_at=now()
    )
    return ExportJob.objects.get(pk=job_id)


def export_fail_stale(*, job: ExportJob) -> ExportJob:
    """A job still running after the task's hard time limit lost its worker: say so."""
    limit = now() - timedelta(seconds=RUN_TIME_LIMIT)
    if job.status == ExportStatus.RUNNING and job.started_at and job.started_at < limit:
        return export_fail(job_id=job.pk, message=TIMED_OUT)
    return job


def _message(exc: ValidationError | PermissionDenied) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or NO_LONGER_ALLOWED
