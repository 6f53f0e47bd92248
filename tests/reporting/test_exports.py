"""Excel exports as jobs: requested, run by a real worker, failed with a reason, fetched by their owner."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from orgs.models import Role
from reporting.exports import registry
from reporting.exports.registry import ExportKind
from reporting.exports.services import export_request, export_run
from reporting.models import ExportJob, ExportStatus
from tests.conftest import wait_until
from tests.factories import ProjectFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def run_export(user, kind: str, params: dict | None = None) -> ExportJob:
    """Ask for an export and run it here (what the worker does)."""
    job = export_request(user=user, kind=kind, params=params or {})
    return export_run(job_id=job.pk)


def sheet_rows(job: ExportJob, sheet: str | None = None, *, header: str) -> list[list]:
    """The data rows of a sheet: every row after the one whose first cell is `header`."""
    book = load_workbook(job.file.path)
    rows = [list(r) for r in (book[sheet] if sheet else book.worksheets[0]).values]
    start = next(i for i, r in enumerate(rows) if r[0] == header)
    return rows[start + 1 :]


def failing_kind(monkeypatch, error: Exception) -> str:
    def write(job, params, book, progress):
        progress.expect(10)
        progress.advance(3)
        raise error

    kind = ExportKind(
        key="broken", title="ทดสอบ", action="export.projects", clean=lambda p, u: {}, write=write
    )
    monkeypatch.setitem(registry._KINDS, "broken", kind)
    return "broken"


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_writes_the_file_and_reports_progress(celery_worker_thread, unit):
    staff = user_with_role(Role.STAFF, "0209")
    ProjectFactory.create_batch(3, owner_unit=unit("0209"))

    with transaction.atomic():
        job = export_request(user=staff, kind="projects", params={})
        assert ExportJob.objects.get(pk=job.pk).status == ExportStatus.PENDING

    assert wait_until(lambda: ExportJob.objects.get(pk=job.pk).is_finished)
    job.refresh_from_db()
    assert job.status == ExportStatus.SUCCESS
    assert (job.rows_done, job.rows_total) == (3, 3)
    assert len(sheet_rows(job, header="รหัสโครงการ")) == 3


def test_a_failing_writer_marks_the_job_failed_with_a_thai_message(monkeypatch):
    kind = failing_kind(monkeypatch, RuntimeError("disk full"))

    job = run_export(user_with_role(Role.STAFF, "0209"), kind)

    assert job.status == ExportStatus.FAILED
    assert "สร้างไฟล์ไม่สำเร็จ" in job.error and f"งานหมายเลข {job.pk}" in job.error
    assert not job.file and job.finished_at is not None


def test_a_writers_own_refusal_is_shown_to_the_requester(monkeypatch):
    kind = failing_kind(monkeypatch, ValidationError("ไม่มีข้อมูลของรอบนี้"))

    job = run_export(user_with_role(Role.STAFF, "0209"), kind)

    assert (job.status, job.error) == (ExportStatus.FAILED, "ไม่มีข้อมูลของรอบนี้")


def test_a_finished_job_is_not_run_again(unit):
    staff = user_with_role(Role.STAFF, "0209")
    ProjectFactory(owner_unit=unit("0209"))
    job = run_export(staff, "projects")

    again = export_run(job_id=job.pk)

    assert (again.file.name, again.finished_at) == (job.file.name, job.finished_at)
    assert ExportJob.objects.count() == 1


def test_a_job_whose_requester_lost_the_right_fails_instead_of_exporting(unit):
    staff = user_with_role(Role.STAFF, "0209")
    job = export_request(user=staff, kind="projects", params={"unit": unit("0209").pk})
    staff.role_assignments.all().delete()

    job = export_run(job_id=job.pk)

    assert (job.status, job.error) == (ExportStatus.FAILED, "ผู้ขอไม่มีสิทธิ์ส่งออกข้อมูลนี้แล้ว")


def test_the_button_queues_the_job_after_commit_and_lands_on_its_page(
    client, django_capture_on_commit_callbacks
):
    client.force_login(user_with_role(Role.STAFF, "0209"))

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("reporting:export_request", args=["projects"]))

    job = ExportJob.objects.get()
    assert len(callbacks) == 1
    assert response.url == reverse("reporting:export_job", args=[job.pk])
    page = client.get(response.url).content.decode()
    assert 'hx-trigger="every 2s"' in page and "export-progress" in page


def test_a_finished_job_page_stops_polling_and_offers_the_download(client, unit):
    staff = user_with_role(Role.STAFF, "0209")
    ProjectFactory(owner_unit=unit("0209"))
    job = run_export(staff, "projects")
    client.force_login(staff)

    page = client.get(reverse("reporting:export_job_status", args=[job.pk])).content.decode()
    download = client.get(reverse("reporting:export_job_download", args=[job.pk]))

    assert "hx-trigger" not in page and "ดาวน์โหลดไฟล์ Excel" in page
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]


def test_a_failed_job_page_shows_why(client, monkeypatch):
    staff = user_with_role(Role.STAFF, "0209")
    job = run_export(staff, failing_kind(monkeypatch, ValidationError("ไม่มีข้อมูลของรอบนี้")))
    client.force_login(staff)

    page = client.get(reverse("reporting:export_job", args=[job.pk])).content.decode()

    assert "ไม่มีข้อมูลของรอบนี้" in page and "hx-trigger" not in page


def test_someone_elses_job_and_file_are_not_found(client, unit):
    owner = user_with_role(Role.STAFF, "0209")
    ProjectFactory(owner_unit=unit("0209"))
    job = run_export(owner, "projects")
    client.force_login(user_with_role(Role.STAFF, "0209"))

    for name in ["export_job", "export_job_status", "export_job_download"]:
        assert client.get(reverse(f"reporting:{name}", args=[job.pk])).status_code == 404


def test_an_administrator_may_fetch_anyones_file(client, unit):
    job = run_export(user_with_role(Role.STAFF, "0209"), "projects")
    client.force_login(UserFactory(is_superuser=True))

    assert client.get(reverse("reporting:export_job_download", args=[job.pk])).status_code == 200


def test_my_exports_lists_only_my_own_jobs(client):
    me, other = user_with_role(Role.STAFF, "0209"), user_with_role(Role.STAFF, "0209")
    mine = export_request(user=me, kind="projects", params={"fiscal_year": "2567"})
    theirs = export_request(user=other, kind="projects", params={"q": "ของคนอื่น"})
    client.force_login(me)

    page = client.get(reverse("reporting:export_jobs")).content.decode()

    assert mine.get_absolute_url() in page and "ปีงบประมาณ 2567" in page
    assert theirs.get_absolute_url() not in page


def test_a_bad_round_is_refused_with_a_thai_message(client):
    client.force_login(user_with_role(Role.PYP_OFFICER, "MOL"))

    response = client.post(
        reverse("reporting:export_request", args=["board"]) + "?fiscal_year=2567&quarter=5",
        follow=True,
    )

    assert "กรุณาระบุปีงบประมาณ (พ.ศ.) และไตรมาส" in response.content.decode()
    assert not ExportJob.objects.exists()


def test_a_job_that_lost_its_worker_is_shown_failed_not_running(client):
    staff = user_with_role(Role.STAFF, "0209")
    job = export_request(user=staff, kind="projects", params={})
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.RUNNING, started_at=timezone.now() - timedelta(hours=2)
    )
    client.force_login(staff)

    client.get(reverse("reporting:export_job", args=[job.pk]))

    assert ExportJob.objects.get(pk=job.pk).status == ExportStatus.FAILED
