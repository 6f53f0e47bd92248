import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core.clock import today
from core.fiscal import fiscal_year_of
from core.http import workbook_upload_page
from orgs.models import OrgUnit
from orgs.permissions import can, filter_by_units, require

from .exports import report_workbook
from .forms import KpiWorkbookUploadForm, MonthResultsForm, ReportForm, ReportPeriodForm
from .lights import LIGHT_LABELS, Light
from .models import Kpi
from .periods import default_month, month_end, month_name, month_start
from .provinces import province_report
from .selectors import (
    UnitRow,
    UnknownUnit,
    kpi_report,
    report_period_default,
    report_root,
    unit_month_lines,
    units_for_entry,
)
from .services import RemarksMissing, kpi_results_save
from .workbook import KpiWorkbookRejected, export_kpi_workbook, import_kpi_workbook


def _period(
    request, form_class=ReportPeriodForm, *, latest: bool = False
) -> tuple[ReportPeriodForm, int, int]:
    """The fiscal year and month asked for, or this year and month (`latest`: or the
    latest year with KPIs and its last reported month, when this year has none)."""
    fiscal_year = fiscal_year_of(today())
    month = default_month(fiscal_year, today())
    if latest and not request.GET.get("fiscal_year"):
        fiscal_year, month = report_period_default(on=today())
    if str(request.GET.get("fiscal_year", "")).isdigit():
        fiscal_year = int(request.GET["fiscal_year"])
        month = default_month(fiscal_year, today())
    form = form_class(request.GET or None, fiscal_year=fiscal_year)
    if form.is_bound and form.is_valid():
        fiscal_year, month = form.cleaned_data["fiscal_year"], form.cleaned_data["month"]
    elif not form.is_bound:
        form = form_class(
            initial={"fiscal_year": fiscal_year, "month": month, "unit": report_root().code},
            fiscal_year=fiscal_year,
        )
    return form, fiscal_year, month


def numbered(rows: list[UnitRow]) -> list[tuple[UnitRow, str]]:
    """Each unit row with its number as seed 003's ตารางที่ 2 prints it: 12. then 1) then (1)."""
    counters: dict[int, int] = {}
    lines = []
    for row in rows:
        counters = {level: n for level, n in counters.items() if level <= row.level}
        counters[row.level] = counters.get(row.level, 0) + 1
        n = counters[row.level]
        lines.append((row, f"{n}." if row.level == 1 else f"{n})" if row.level == 2 else f"({n})"))
    return lines


def _root(request) -> OrgUnit:
    """The report's root unit: ?unit=CODE, else the default (settings.KPI_REPORT_ROOT)."""
    try:
        return report_root(request.GET.get("unit", "").strip() or None)
    except UnknownUnit:
        raise Http404("ไม่พบหน่วยงาน") from None


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
    form, fiscal_year, month = _period(request, ReportForm, latest=True)
    root = _root(request)
    report = kpi_report(user=request.user, fiscal_year=fiscal_year, month=month, root=root)
    context = {
        "form": form,
        "root": root,
        "report": report,
        "unit_lines": numbered(report.unit_rows()),
        "provinces": province_report(user=request.user, fiscal_year=fiscal_year, month=month),
        "lights": [(light, LIGHT_LABELS[light]) for light in Light],
        "can_enter": can(request.user, "kpi.enter", None),
        "can_import": can(request.user, "kpi.import", None),
        **_period_context(fiscal_year, month),
    }
    return render(request, "kpis/report.html", context)


@login_required
def report_export(request):
    require(request.user, "kpi.report", None)
    _, fiscal_year, month = _period(request, ReportForm, latest=True)
    root = _root(request)
    output = io.BytesIO()
    report = kpi_report(user=request.user, fiscal_year=fiscal_year, month=month, root=root)
    provinces = province_report(user=request.user, fiscal_year=fiscal_year, month=month)
    report_workbook(report, output, provinces=provinces)
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
                remarks=form.remarks(),
            )
        except RemarksMissing as exc:  # on each KPI's remark; what was typed stays
            form.add_remark_errors(exc.by_kpi)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"บันทึกผลการดำเนินงานแล้ว ({changed} ตัวชี้วัด)")
            url = reverse("kpis:entry", args=[unit.pk])
            return redirect(f"{url}?fiscal_year={fiscal_year}&month={month}")
    context = {"unit": unit, "form": form, "period": period, **_period_context(fiscal_year, month)}
    return render(request, "kpis/entry.html", context)


@login_required
def workbook_import(request):
    """Upload a KPI workbook: a unit's staff for their units, the evaluation office for all."""
    require(request.user, "kpi.import", None)
    return workbook_upload_page(
        request,
        form_class=KpiWorkbookUploadForm,
        run=import_kpi_workbook,
        rejected=KpiWorkbookRejected,
        template="kpis/workbook_import.html",
    )


@login_required
def workbook_export(request):
    """The year's KPIs and results of the units the user covers, in the import format."""
    require(request.user, "kpi.report", None)
    _, fiscal_year, _ = _period(request, latest=True)
    kpis = filter_by_units(Kpi.objects.filter(fiscal_year=fiscal_year), request.user, field="unit")
    if request.GET.get("unit"):
        kpis = kpis.filter(unit__path__startswith=_root(request).path)
    output = io.BytesIO()
    export_kpi_workbook(kpis=kpis, output=output)
    output.seek(0)
    return FileResponse(output, as_attachment=True, filename=f"kpis-{fiscal_year}.xlsx")
