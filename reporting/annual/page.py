"""The annual report page: parse the POST, call the service, or show the form with
each indicator's target beside its result and the linked projects' figures."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from approvals.forms import ChecklistForm
from approvals.models import ItemStatus
from approvals.revisions import revision_context
from approvals.selectors import actions_for, next_steps, trail_for
from orgs.permissions import can

from ..forms import parse_decimal
from ..models import AnnualReport
from ..revisions import annual_report_current_content
from .forms import AnnualReportForm
from .selectors import indicator_rows, linked_projects, percent_of_target
from .services import annual_report_save


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
