"""The workbook pages: import a filled workbook, export the projects as one."""

import io

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import render

from core.clock import today
from orgs.permissions import require
from projects.filters import ProjectFilterForm
from projects.selectors import project_list_rows

from ..forms import WorkbookUploadForm
from ..workbook import WorkbookRejected, export_workbook, import_workbook


@login_required
def workbook_import(request):
    require(request.user, "workbook.import", None)
    form = WorkbookUploadForm(request.POST or None, request.FILES or None)
    result = rejected = None
    if request.method == "POST" and form.is_valid():
        try:
            result = import_workbook(
                data=form.cleaned_data["file"].read(),
                user=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
        except WorkbookRejected as exc:
            rejected = exc.result
    return render(
        request,
        "reporting/workbook_import.html",
        {"form": form, "result": result, "rejected": rejected},
    )


@login_required
def workbook_export(request):
    """The projects of the list page's filters, in the import format."""
    form = ProjectFilterForm(request.GET or None, user=request.user)
    projects = project_list_rows(user=request.user, filters=form.filters())
    output = io.BytesIO()
    export_workbook(projects=projects, output=output)
    output.seek(0)
    name = f"emenscr-projects-{today():%Y%m%d}.xlsx"
    return FileResponse(output, as_attachment=True, filename=name)
