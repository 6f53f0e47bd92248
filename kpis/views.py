import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core.clock import today
from core.fiscal import fiscal_year_of
from orgs.models import OrgUnit
from orgs.permissions import can, require

from .exports import report_workbook
from .forms import MonthResultsForm, ReportPeriodForm
from .lights import LIGHT_LABELS, Light
from .periods import default_month, month_end, month_name, month_start
from .provinces import province_report
from .selectors import kpi_report, unit_month_lines, units_for_entry
from .services import kpi_results_save


def _period(request) -> tuple[ReportPeriodForm, int, int]:
    """The fiscal year and month asked for, or this year and month."""
    fiscal_year = fiscal_year_of(today())
    if str(request.GET.get("fiscal_year", "")).isdigit():
        fiscal_year = int(request.GET["fiscal_year"])
    month = default_month(fiscal_year, today())
    form = ReportPeriodForm(request.GET or None, fiscal_year=fiscal_year)
    if form.is_bound and form.is_valid():
        fiscal_year, month = form.cleaned_data["fiscal_year"], form.cleaned_data["month"]
    elif not form.is_bound:
        form = ReportPeriodForm(
            initial={"fiscal_year": fiscal_year, "month": month}, fiscal_year=fiscal_year
        )
    return form, fiscal_year, month


def _period_context(fiscal_year: int, month: int) -> dict:
    return {
        "fiscal_year": fiscal_year,
        "month": month,
        "period_start": month_start(fiscal_year, 1),
        "period_end": month_end(fiscal_year, month),
        "month_name": month_name(fiscal_year, month),
    }


@login_required
def report(request):
    """ตารางที่ 1 (by project), ตารางที่ 2 (by central unit) and ตารางที่ 3 (the provincial
    offices) of a fiscal year up to a month."""
    require(request.user, "kpi.report", None)
    form, fiscal_year, month = _period(request)
    context = {
        "form": form,
        "report": kpi_report(user=request.user, fiscal_year=fiscal_year, month=month),
        "provinces": province_report(user=request.user, fiscal_year=fiscal_year, month=month),
        "lights": [(light, LIGHT_LABELS[light]) for light in Light],
        "can_enter": can(request.user, "kpi.enter", None),
        **_period_context(fiscal_year, month),
    }
    return render(request, "kpis/report.html", context)


@login_required
def report_export(request):
    require(request.user, "kpi.report", None)
    _, fiscal_year, month = _period(request)
    output = io.BytesIO()
    report_workbook(
        kpi_report(user=request.user, fiscal_year=fiscal_year, month=month),
        output,
        provinces=province_report(user=request.user, fiscal_year=fiscal_year, month=month),
    )
    output.seek(0)
    name = f"kpi-{fiscal_year}-m{month:02d}.xlsx"
    return FileResponse(output, as_attachment=True, filename=name)


@login_required
def entry_units(request):
    """The units whose monthly results this user enters."""
    require(request.user, "kpi.enter", None)
    form, fiscal_year, month = _period(request)
    units = units_for_entry(user=request.user, fiscal_year=fiscal_year)
    return render(
        request,
        "kpis/entry_units.html",
        {"form": form, "units": units, **_period_context(fiscal_year, month)},
    )


@login_required
def entry(request, unit_id: int):
    """A unit's results for one month: one figure per KPI."""
    unit = get_object_or_404(OrgUnit, pk=unit_id)
    require(request.user, "kpi.enter", unit)
    period, fiscal_year, month = _period(request)
    kpis = unit_month_lines(unit=unit, fiscal_year=fiscal_year, month=month)
    form = MonthResultsForm(request.POST or None, kpis=kpis)
    if request.method == "POST" and form.is_valid():
        try:
            changed = kpi_results_save(
                user=request.user,
                unit=unit,
                fiscal_year=fiscal_year,
                month=month,
                values=form.values(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"บันทึกผลการดำเนินงานแล้ว ({changed} ตัวชี้วัด)")
            url = reverse("kpis:entry", args=[unit.pk])
            return redirect(f"{url}?fiscal_year={fiscal_year}&month={month}")
    context = {"unit": unit, "form": form, "period": period, **_period_context(fiscal_year, month)}
    return render(request, "kpis/entry.html", context)
