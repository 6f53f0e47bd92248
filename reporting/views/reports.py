"""The M6 page: parse the POST, call the service, or show the form with the
project's targets and activities beside the figures they report on."""

from dataclasses import dataclass, field

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from approvals.forms import ChecklistForm
from approvals.models import ItemStatus
from approvals.revisions import revision_context, saved_message
from approvals.selectors import actions_for, next_steps, trail_for
from orgs.permissions import can
from projects.models import Project
from projects.selectors import activity_tree, with_modules

from ..forms import (
    ReportForm,
    parse_decimal,
    parse_text,
)
from ..models import QuarterlyReport
from ..revisions import report_current_content
from ..selectors import disbursement_figures
from ..services import report_input_problems, report_save, report_start, report_start_window


@dataclass
class ReportPage:
    saved: bool = False
    item: QuarterlyReport | None = None  # the report as saved
    context: dict = field(default_factory=dict)


def report_page(request, report: QuarterlyReport) -> ReportPage:
    project = with_modules(type(report.project).objects.filter(pk=report.project_id)).get()
    page, errors = ReportPage(), []
    form = ReportForm(request.POST or None, instance=report)
    if request.method == "POST":
        targets = {
            t.pk: {
                "result_value": parse_decimal(
                    request.POST.get(f"target-{t.pk}-result_value"), errors, t.description
                ),
                "progress": parse_text(
                    request.POST.get(f"target-{t.pk}-progress"), errors, t.description
                ),
            }
            for t in project.targets.all()
        }
        activities = {
            a.pk: {
                "progress_percent": parse_decimal(
                    request.POST.get(f"activity-{a.pk}-progress_percent"), errors, a.name
                ),
                "note": parse_text(request.POST.get(f"activity-{a.pk}-note"), errors, a.name),
            }
            for a in project.activities.all()
        }
        if form.is_valid() and not errors:
            try:
                page.item = report_save(
                    user=request.user,
                    report=report,
                    data=form.cleaned_data,
                    targets=targets,
                    activities=activities,
                )
                page.saved = True
                return page
            except ValidationError as exc:
                _show_refusal(form, errors, exc)
        else:
            # The service's own checks too, so every problem shows in one round trip.
            problems = report_input_problems(
                report=report, data=form.cleaned_data, targets=targets, activities=activities
            )
            _show_refusal(form, errors, ValidationError(problems) if problems else None)
    page.context = _context(request, report, project, form, errors)
    return page


def _show_refusal(form, errors: list, exc: ValidationError | None) -> None:
    """A refusal's messages beside their fields, the rest at the top of the page."""
    if exc is None:
        return
    if not hasattr(exc, "error_dict"):
        errors.extend(exc.messages)
        return
    for name, messages in exc.message_dict.items():
        if name in form.fields:
            if name not in form.errors:
                form.add_error(name, messages)
        else:
            errors.extend(m for m in messages if m not in errors)


def _context(request, report, project, form, errors) -> dict:
    target_rows = {r.target_id: r for r in report.target_progress.all()}
    activity_rows = {r.activity_id: r for r in report.activity_progress.all()}
    return {
        "report": report,
        "project": project,
        "form": form,
        "page_errors": errors,
        "item": report,
        "targets": _shown_rows(
            request, "target", project.targets.all(), target_rows, ["result_value", "progress"]
        ),
        "activities": _activity_rows(request, project, activity_rows),
        "figures": disbursement_figures(report),
        **revision_context(report, lambda: report_current_content(report)),
        "can_edit": can(request.user, "report.edit", project)
        and report.status != ItemStatus.SUBMITTED,
        "trail": trail_for(report),
        "next_steps": next_steps(report),
        "actions": actions_for(request.user, report),
        "content_type_id": ContentType.objects.get_for_model(QuarterlyReport).pk,
        "checklist": ChecklistForm(),
    }


def _activity_rows(request, project, saved: dict) -> list[dict]:
    """The M6 activity rows in the M4 tree's order, each with its number (2.1, …)."""
    tree = activity_tree(project.activities.all())
    rows = _shown_rows(
        request, "activity", [a for a, _ in tree], saved, ["progress_percent", "note"]
    )
    for row, (_, number) in zip(rows, tree, strict=True):
        row["number"] = number
    return rows


def _shown_rows(request, prefix: str, objects, saved: dict, names: list[str]) -> list[dict]:
    """One row per target/activity: what was just typed (after a refused save) or what is stored."""
    posted = request.method == "POST"
    rows = []
    for obj in objects:
        row = {prefix: obj}
        for name in names:
            key = f"{prefix}-{obj.pk}-{name}"
            row[name] = (
                request.POST.get(key, "") if posted else getattr(saved.get(obj.pk), name, "")
            )
        rows.append(row)
    return rows


NOT_STARTED = "หน่วยงานเจ้าของโครงการยังไม่ได้เริ่มรายงานผลของไตรมาสนี้"


def _visible_project(user, project_id: int) -> Project:
    project = get_object_or_404(Project.objects.select_related("owner_unit"), pk=project_id)
    if not can(user, "report.view", project):
        raise Http404
    return project


def _rounds_url(fiscal_year: int, quarter: int) -> str:
    return f"{reverse('reporting:rounds')}?fiscal_year={fiscal_year}&quarter={quarter}"


def _refused(request, exc: Exception, fiscal_year: int, quarter: int):
    flash.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    return redirect(_rounds_url(fiscal_year, quarter))


def _start_page(request, project: Project, fiscal_year: int, quarter: int):
    """No report yet. A GET writes nothing: the unit's staff get the button that starts
    it (a POST); everyone else, and anyone outside the window, the round and why."""
    if not can(request.user, "report.edit", project):
        flash.info(request, NOT_STARTED)
        return redirect(_rounds_url(fiscal_year, quarter))
    try:
        window = report_start_window(
            user=request.user, project=project, fiscal_year=fiscal_year, quarter=quarter
        )
    except (ValidationError, PermissionDenied) as exc:
        return _refused(request, exc, fiscal_year, quarter)
    context = {"project": project, "fiscal_year": fiscal_year, "quarter": quarter, "window": window}
    return render(request, "reporting/report_start.html", context)


@login_required
@require_POST
def report_begin(request, project_id: int, fiscal_year: int, quarter: int):
    """Start the project's report for the round (once) and open it; only its unit's
    staff may (403 for anyone else who sees it)."""
    project = _visible_project(request.user, project_id)
    try:
        report = report_start(
            user=request.user, project=project, fiscal_year=fiscal_year, quarter=quarter
        )
    except ValidationError as exc:
        return _refused(request, exc, fiscal_year, quarter)
    return redirect(report.get_absolute_url())


@login_required
def report_edit(request, project_id: int, fiscal_year: int, quarter: int):
    """The M6 form of one project in one round; saving a report not yet started starts it."""
    project = _visible_project(request.user, project_id)
    report = QuarterlyReport.objects.filter(
        project=project, fiscal_year=fiscal_year, quarter=quarter
    ).first()
    if report is None:
        if request.method != "POST":
            return _start_page(request, project, fiscal_year, quarter)
        try:
            report = report_start(
                user=request.user, project=project, fiscal_year=fiscal_year, quarter=quarter
            )
        except (ValidationError, PermissionDenied) as exc:
            return _refused(request, exc, fiscal_year, quarter)
    page = report_page(request, report)
    if page.saved:
        flash.success(
            request, saved_message("รายงาน", revision_before=report.revision, item=page.item)
        )
        return redirect(report.get_absolute_url())
    return render(request, "reporting/report.html", page.context)
