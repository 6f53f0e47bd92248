"""The workbook pages: import a filled workbook, export the projects as one."""

import io

from django.contrib.auth.decorators import login_required
from django.http import FileResponse

from core.clock import today
from core.http import workbook_upload_page
from orgs.permissions import require
from projects.filters import ProjectFilterForm
from projects.selectors import project_list_rows

from ..forms import WorkbookUploadForm
from ..workbook import WorkbookRejected, export_workbook, import_workbook


@login_required
def workbook_import(request):
    require(request.user, "workbook.import", None)
    return workbook_upload_page(
        request,
        form_class=WorkbookUploadForm,
        run=import_workbook,
        rejected=WorkbookRejected,
        template="reporting/workbook_import.html",
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
