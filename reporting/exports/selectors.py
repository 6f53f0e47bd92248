"""Reads for exports: a user's jobs, and one job through the policy."""

from django.db.models import QuerySet
from django.http import Http404

from orgs.models import User
from orgs.permissions import can
from reporting.models import ExportJob


def export_jobs_of(user: User) -> QuerySet[ExportJob]:
    """The jobs the user asked for, newest first."""
    return ExportJob.objects.filter(requested_by=user).order_by("-created_at", "-pk")


def export_job_for(user: User, pk: int) -> ExportJob:
    """The job, if the user may see it; otherwise Http404 (its existence is not revealed)."""
    job = ExportJob.objects.select_related("requested_by").filter(pk=pk).first()
    if job is None or not can(user, "exportjob.view", job):
        raise Http404("ไม่พบไฟล์ส่งออกนี้")
    return job
