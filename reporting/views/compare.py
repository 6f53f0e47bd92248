"""Comparisons across rounds and units: the page (tables and charts) and its workbook."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from core.clock import now, today
from core.db import reporting_reads
from core.fiscal import Quarter
from orgs.permissions import require

from ..charts import five_band_chart, rate_chart
from ..compare import comparison
from ..compare_export import comparison_workbook
from ..forms import compare_form
from ..summaries import BAND_LABELS, BAND_SHORT, BANDS


def _figures(request):
    """The form over the query string and, when it is valid, the comparison's figures."""
    form = compare_form(request.GET, on=today())
    if not form.is_valid():
        return form, None
    with reporting_reads():
        figures = comparison(units=form.cleaned_data["units"], rounds=form.cleaned_data["rounds"])
    return form, figures


def _by_unit(figures: dict) -> list[dict]:
    """The rows grouped per unit, in the order the units were given."""
    grouped: dict[str, dict] = {}
    for row in figures["rows"]:
        unit = grouped.setdefault(row["unit"], {**_unit(row), "rows": []})
        unit["rows"].append({**row, "label": Quarter(row["fiscal_year"], row["quarter"]).label})
    return list(grouped.values())


def _unit(row: dict) -> dict:
    return {"unit": row["unit"], "level": row["level"], "name": row["name"]}


def _charts(units: list[dict], figures: dict) -> dict:
    labels = [Quarter(r["fiscal_year"], r["quarter"]).short_label for r in figures["rounds"]]

    def rates(key: str) -> list[dict]:
        return [{"name": u["name"], "values": [r[key] for r in u["rows"]]} for u in units]

    return {
        "reporting": rate_chart(
            rates("reporting_rate"), labels=labels, title="ร้อยละของโครงการที่ต้องรายงานที่รายงานแล้ว"
        ),
        "on_time": rate_chart(
            rates("on_time_rate"),
            labels=labels,
            title="ร้อยละที่รายงานและอนุมัติของหน่วยงานภายในกำหนดส่ง",
        ),
        "bands": [
            {
                "unit": unit,
                "svg": five_band_chart(
                    [{**r, "name": r["label"]} for r in unit["rows"]],
                    title=f"ความก้าวหน้า ๕ ระดับ {unit['name']}",
                ),
            }
            for unit in units
        ],
    }


@login_required
def compare_page(request):
    require(request.user, "summary.compare", None)
    form, figures = _figures(request)
    units = _by_unit(figures) if figures else []
    return render(
        request,
        "reporting/compare.html",
        {
            "form": form,
            "figures": figures,
            "units": units,
            "charts": _charts(units, figures) if figures and figures["rounds"] else None,
            "bands": [(b, BAND_LABELS[b], BAND_SHORT[b]) for b in BANDS],
            "query": request.GET.urlencode(),
        },
    )


@login_required
def compare_export(request):
    require(request.user, "summary.compare", None)
    form, figures = _figures(request)
    if figures is None:
        return HttpResponse(
            " ".join(str(e) for errors in form.errors.values() for e in errors),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    first, last = form.cleaned_data["fiscal_year_from"], form.cleaned_data["fiscal_year_to"]
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="compare-{first}-{last}.xlsx"'
    comparison_workbook(figures=figures, first_year=first, last_year=last, on=now()).save(response)
    return response
