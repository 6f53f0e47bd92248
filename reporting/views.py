import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from approvals.models import ItemStatus
from approvals.revisions import saved_message
from core.clock import today
from core.db import reporting_reads
from core.fiscal import Quarter, fiscal_year_of
from orgs.permissions import can, require
from projects.filters import ProjectFilterForm
from projects.models import Project
from projects.selectors import project_list_rows
from windows.models import Window
from windows.rules import extension_grant, window_state, window_update, windows_propose

from .board import round_board, step_columns
from .forms import ExtensionForm, WindowDatesForm, WorkbookUploadForm, round_from_request
from .models import QuarterlyReport
from .report_page import report_page
from .rounds import STATE_LABELS
from .selectors import round_rows_for, round_window
from .services import report_start
from .workbook import WorkbookRejected, export_workbook, import_workbook


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


@login_required
def round_list(request):
    """The round's projects for the user: who must report and how each stands."""
    form, fiscal_year, quarter = round_from_request(request)
    rows = round_rows_for(request.user, fiscal_year=fiscal_year, quarter=quarter)
    return render(
        request,
        "reporting/round_list.html",
        {
            "form": form,
            "rows": rows,
            "round": Quarter(fiscal_year, quarter),
            "labels": STATE_LABELS,
            "status_labels": dict(ItemStatus.choices),
            "window": round_window(fiscal_year=fiscal_year, quarter=quarter),
        },
    )


@login_required
def report_edit(request, project_id: int, fiscal_year: int, quarter: int):
    """The M6 form of one project in one round (created when first saved or opened)."""
    project = get_object_or_404(Project.objects.select_related("owner_unit"), pk=project_id)
    if not can(request.user, "report.view", project):
        raise Http404
    report = QuarterlyReport.objects.filter(
        project=project, fiscal_year=fiscal_year, quarter=quarter
    ).first()
    if report is None:
        try:
            report = report_start(
                user=request.user, project=project, fiscal_year=fiscal_year, quarter=quarter
            )
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            return redirect(
                f"{reverse('reporting:rounds')}?fiscal_year={fiscal_year}&quarter={quarter}"
            )
    page = report_page(request, report)
    if page.saved:
        messages.success(
            request, saved_message("รายงาน", revision_before=report.revision, item=page.item)
        )
        return redirect(report.get_absolute_url())
    return render(request, "reporting/report.html", page.context)


@login_required
def status_board(request):
    """ป.ย.ป.'s board: per unit, due, drafted, at each step, approved, late."""
    require(request.user, "round.board", None)
    form, fiscal_year, quarter = round_from_request(request)
    with reporting_reads():
        rows, window = round_board(fiscal_year=fiscal_year, quarter=quarter, on=today())
    steps = step_columns()
    for row in rows:
        row["steps"] = [row[f"step_{order}"] for order, _ in steps]
    totals = {
        key: sum(r[key] for r in rows)
        for key in ["due", "not_started", "drafted", "submitted", "approved", "late"]
    }
    return render(
        request,
        "reporting/board.html",
        {
            "form": form,
            "round": Quarter(fiscal_year, quarter),
            "window": window,
            "rows": rows,
            "steps": steps,
            "totals": totals,
            "late_rows": [r for r in rows if r["late"]],
        },
    )


@login_required
def window_list(request):
    """ป.ย.ป.: the year's windows; the product proposes the statutory defaults."""
    require(request.user, "window.manage", None)
    fiscal_year = int(request.GET.get("fiscal_year") or fiscal_year_of(today()))
    if request.method == "POST":
        created = windows_propose(fiscal_year=fiscal_year, user=request.user)
        messages.success(request, f"สร้างรอบตามกำหนดของระเบียบฯ แล้ว {len(created)} รอบ")
        return redirect(f"{reverse('reporting:windows')}?fiscal_year={fiscal_year}")
    windows = list(
        Window.objects.filter(fiscal_year=fiscal_year)
        .prefetch_related("units")
        .annotate(extension_count=Count("extensions"), extended_until=Max("extensions__until"))
    )
    on = today()
    for window in windows:
        window.state = window_state(window=window, on=on, extended_until=window.extended_until)
    return render(
        request, "reporting/windows.html", {"windows": windows, "fiscal_year": fiscal_year}
    )


@login_required
def window_edit(request, pk: int):
    require(request.user, "window.manage", None)
    window = get_object_or_404(Window, pk=pk)
    dates = WindowDatesForm(
        request.POST if "save_dates" in request.POST else None,
        initial={
            "opens_on": window.opens_on,
            "unit_deadline": window.unit_deadline,
            "chain_deadline": window.chain_deadline,
        },
    )
    extension = ExtensionForm(request.POST if "extend" in request.POST else None)
    form = dates if "save_dates" in request.POST else extension
    if request.method == "POST" and form.is_valid():
        try:
            if form is dates:
                window_update(window=window, user=request.user, **dates.cleaned_data)
                messages.success(request, "บันทึกวันที่ของรอบแล้ว")
            else:
                extension_grant(window=window, user=request.user, **extension.cleaned_data)
                messages.success(request, "บันทึกการขยายเวลาแล้ว")
            return redirect("reporting:window", pk=window.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    extensions = list(window.extensions.select_related("unit", "granted_by"))
    extended_until = max((e.until for e in extensions), default=None)
    return render(
        request,
        "reporting/window.html",
        {
            "window": window,
            "state": window_state(window=window, on=today(), extended_until=extended_until),
            "dates": dates,
            "extension": extension,
            "extensions": extensions,
        },
    )
