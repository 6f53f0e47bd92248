"""Pages of annual achievement reports: the year's list, one plan's report, the
Excel file, and ป.ย.ป. proposing the year's windows."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from approvals.forms import ChecklistForm
from approvals.models import ItemStatus
from approvals.revisions import revision_context, saved_message
from approvals.selectors import actions_for, next_steps, trail_for
from core.clock import today
from orgs.permissions import can, require
from projects.models import Level3Plan
from windows.rules import windows_propose

from ..forms import parse_decimal
from ..models import AnnualReport
from ..revisions import annual_report_current_content
from .exports import annual_workbook
from .forms import AnnualFilterForm, AnnualReportForm
from .selectors import (
    annual_rows_for,
    annual_windows,
    current_report_year,
    indicator_rows,
    linked_projects,
    percent_of_target,
)
from .services import annual_report_save, annual_report_start, annual_report_start_window


@dataclass
class AnnualPage:
    saved: bool = False
    item: AnnualReport | None = None  # the report as saved
    context: dict = field(default_factory=dict)


def _result(text: str, errors: list, label: str):
    return parse_decimal(text, errors, f"ผลที่ได้ของตัวชี้วัด “{label}”")


def annual_page(request, report: AnnualReport) -> AnnualPage:
    page, errors = AnnualPage(), []
    indicators = indicator_rows(plan=report.plan, year=report.year)
    form = AnnualReportForm(request.POST or None, instance=report)
    if request.method == "POST":
        results = {
            i.pk: {
                "result_value": _result(
                    request.POST.get(f"indicator-{i.pk}-result_value"), errors, i.name
                ),
                "note": request.POST.get(f"indicator-{i.pk}-note", ""),
            }
            for i in indicators
        }
        if form.is_valid() and not errors:
            try:
                page.item = annual_report_save(
                    user=request.user, report=report, data=form.cleaned_data, results=results
                )
                page.saved = True
                return page
            except ValidationError as exc:
                errors.extend(exc.messages)
    page.context = _context(request, report, indicators, form, errors)
    return page


def _context(request, report, indicators, form, errors) -> dict:
    return {
        "report": report,
        "plan": report.plan,
        "form": form,
        "page_errors": errors,
        "item": report,
        "rows": _rows(request, report, indicators),
        "projects": linked_projects(plan=report.plan, year=report.year),
        "can_edit": can(request.user, "annualreport.edit", report)
        and report.status != ItemStatus.SUBMITTED,
        "trail": trail_for(report),
        "next_steps": next_steps(report),
        "actions": actions_for(request.user, report),
        "content_type_id": ContentType.objects.get_for_model(AnnualReport).pk,
        "checklist": ChecklistForm(),
        **revision_context(report, lambda: annual_report_current_content(report)),
    }


def _rows(request, report, indicators) -> list[dict]:
    """One row per indicator: what was just typed (after a refused save) or what is stored."""
    saved = {r.indicator_id: r for r in report.results.all()}
    posted = request.method == "POST"
    rows = []
    for indicator in indicators:
        stored = saved.get(indicator.pk)
        result = getattr(stored, "result_value", None)
        rows.append(
            {
                "indicator": indicator,
                "result_value": request.POST.get(f"indicator-{indicator.pk}-result_value", "")
                if posted
                else result,
                "note": request.POST.get(f"indicator-{indicator.pk}-note", "")
                if posted
                else getattr(stored, "note", ""),
                "percent": percent_of_target(result, indicator.target_value),
            }
        )
    return rows


NOT_STARTED = "หน่วยงานเจ้าของแผนยังไม่ได้เริ่มรายงานผลสัมฤทธิ์ของปีนี้"


def _list_url(year: int) -> str:
    return f"{reverse('reporting:annual_list')}?year={year}"


@login_required
def annual_list(request):
    """The plans the user sees that must report for a year, with their report's state."""
    default_year = current_report_year(today())
    form = AnnualFilterForm(request.GET or None, user=request.user, initial={"year": default_year})
    year, unit = form.chosen(default_year)
    return render(
        request,
        "reporting/annual/list.html",
        {
            "form": form,
            "year": year,
            "unit": unit,
            "rows": annual_rows_for(request.user, year=year, unit=unit),
            "windows": annual_windows(year=year),
            "can_manage_windows": can(request.user, "window.manage", None),
        },
    )


@login_required
@require_POST
def annual_windows_propose(request):
    """ป.ย.ป.: the statutory windows of the year, with the calendar-year units' own."""
    require(request.user, "window.manage", None)
    year = int(request.POST.get("year") or current_report_year(today()))
    created = windows_propose(fiscal_year=year + 1, user=request.user)
    messages.success(request, f"สร้างรอบตามกำหนดของระเบียบฯ แล้ว {len(created)} รอบ")
    return redirect(_list_url(year))


def _visible_plan(user, plan_id: int) -> Level3Plan:
    plan = get_object_or_404(Level3Plan.objects.select_related("owner_unit"), pk=plan_id)
    if not can(user, "annualreport.view", plan):
        raise Http404
    return plan


def _started(request, plan: Level3Plan, year: int) -> AnnualReport | None:
    """The plan's report for the year, started if need be; None, with the reason
    as a message, when it may not be started."""
    try:
        return annual_report_start(user=request.user, plan=plan, year=year)
    except PermissionDenied:
        messages.info(request, NOT_STARTED)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return None


def _start_page(request, plan: Level3Plan, year: int):
    """No report yet. A GET writes nothing: the owner unit's staff get the button that
    starts it (a POST); everyone else, and anyone out of the window, the list and why."""
    if not can(request.user, "annualreport.edit", plan):
        messages.info(request, NOT_STARTED)
        return redirect(_list_url(year))
    try:
        window = annual_report_start_window(plan=plan, year=year)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_list_url(year))
    context = {"plan": plan, "year": year, "window": window}
    return render(request, "reporting/annual/start.html", context)


@login_required
def annual_report_edit(request, plan_id: int, year: int):
    """One plan's report for a year: the form for the owner unit's staff, read-only
    for everyone else who may see it and once it is sent up. Saving a report not yet
    started starts it."""
    plan = _visible_plan(request.user, plan_id)
    report = AnnualReport.objects.select_related("plan__owner_unit").filter(plan=plan, year=year)
    report = report.first()
    if report is None:
        if request.method != "POST":
            return _start_page(request, plan, year)
        report = _started(request, plan, year)
        if report is None:
            return redirect(_list_url(year))
    page = annual_page(request, report)
    if page.saved:
        messages.success(
            request,
            saved_message("รายงานผลสัมฤทธิ์", revision_before=report.revision, item=page.item),
        )
        return redirect(report.get_absolute_url())
    return render(request, "reporting/annual/report.html", page.context)


@login_required
@require_POST
def annual_report_begin(request, plan_id: int, year: int):
    """The button of the list and of the page of a report not started: start the
    report (or find the one already started) and open it."""
    plan = _visible_plan(request.user, plan_id)
    require(request.user, "annualreport.edit", plan)
    report = _started(request, plan, year)
    return redirect(report.get_absolute_url() if report else _list_url(year))


@login_required
def annual_export(request):
    """The year's reports the user sees, as Excel (each plan, each indicator)."""
    form = AnnualFilterForm(request.GET or None, user=request.user)
    year, unit = form.chosen(current_report_year(today()))
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="annual-reports-{year}.xlsx"'
    annual_workbook(user=request.user, year=year, unit=unit).save(response)
    return response
