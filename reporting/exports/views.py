"""Pages for exports: ask for one, watch it run, fetch the file, list one's own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from core.http import safe_next
from reporting.models import ExportStatus

from .registry import export_kind, export_kinds
from .selectors import export_job_for, export_jobs_of
from .services import export_fail_stale, export_request


@login_required
@require_POST
def export_request_view(request, kind: str):
    """An "ส่งออก Excel" button: the page's filters come in the query string or the form."""
    params = {**request.GET.dict(), **request.POST.dict()}
    params.pop("csrfmiddlewaretoken", None)
    try:
        job = export_request(user=request.user, kind=kind, params=params)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        back = request.META.get("HTTP_REFERER", "")
        return redirect(safe_next(request, reverse("reporting:export_jobs"), target=back))
    return redirect(job)


@login_required
@require_GET
def export_job(request, pk: int):
    job = export_fail_stale(job=export_job_for(request.user, pk))
    return render(request, "reporting/exports/job.html", _job_context(job))


@login_required
@require_GET
def export_job_status(request, pk: int):
    """The progress fragment the job page polls (htmx) while the file is being written."""
    job = export_fail_stale(job=export_job_for(request.user, pk))
    return render(request, "reporting/exports/_status.html", _job_context(job))


@login_required
@require_GET
def export_job_download(request, pk: int):
    job = export_job_for(request.user, pk)
    if job.status != ExportStatus.SUCCESS or not job.file:
        raise Http404("ไฟล์ยังไม่พร้อม")
    name = f"{_kind_or_none(job.kind).filename}-{job.created_at:%Y%m%d}-{job.pk}.xlsx"
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=name)


@login_required
@require_GET
def export_job_list(request):
    """ไฟล์ส่งออกของฉัน: the user's own jobs."""
    page = Paginator(export_jobs_of(request.user), 30).get_page(request.GET.get("page"))
    titles = {kind.key: kind.title for kind in export_kinds()}
    return render(
        request, "reporting/exports/list.html", {"page": page, "titles": titles, "query": ""}
    )


def _job_context(job) -> dict:
    kind = _kind_or_none(job.kind)
    return {"job": job, "title": kind.title, "Status": ExportStatus}


def _kind_or_none(key: str):
    try:
        return export_kind(key)
    except ValidationError:
        raise Http404("ไม่รู้จักประเภทไฟล์ส่งออกนี้") from None
