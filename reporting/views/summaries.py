"""The five-band summary pages, its Excel file, the JSON API and freezing a round."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.db import reporting_reads
from core.fiscal import Quarter
from orgs.models import OrgUnit, unit_labels
from orgs.permissions import can, require, sees_everything, visible_units

from ..charts import department_chart
from ..forms import RoundForm, round_from_request
from ..models import RoundSnapshot
from ..rounds import STATE_LABELS
from ..snapshots import figures_for, round_freeze_later
from ..summaries import BAND_LABELS, BAND_SHORT, BANDS, five_band_summary
from ..summary_export import five_band_workbook


def _figures(request, fiscal_year: int, quarter: int):
    """`figures_for` with `?figures=live` asking for the live figures."""
    want_live = request.GET.get("figures") == "live"
    with reporting_reads():
        return figures_for(fiscal_year=fiscal_year, quarter=quarter, want_live=want_live)


def _previous_summary(fiscal_year: int, quarter: int) -> dict:
    before = Quarter(fiscal_year, quarter).previous()
    snapshot = RoundSnapshot.objects.filter(
        fiscal_year=before.fiscal_year, quarter=before.quarter
    ).first()
    if snapshot:
        return snapshot.data["five_band"]
    with reporting_reads():
        return five_band_summary(fiscal_year=before.fiscal_year, quarter=before.quarter)


def band_rows(summary: dict, previous: dict) -> list[dict]:
    """Each group with, per band, count, share and the change in points since last quarter."""
    earlier = {g["unit"]: g for g in previous["groups"]}
    rows = []
    for group in summary["groups"]:
        before = earlier.get(group["unit"])
        cells = []
        for band in BANDS:
            share = Decimal(group["percents"][band])
            change = None
            if before and before["reported"] and group["reported"]:
                change = share - Decimal(before["percents"][band])
            cells.append(
                {"band": band, "count": group["counts"][band], "percent": share, "change": change}
            )
        rows.append({**group, "cells": cells, "before": before["reported"] if before else None})
    return rows


def problems_by_department(figures: dict) -> list[dict]:
    """Reported projects below 100 % that named problems, per department (seed 000, 2.2)."""
    names = {g["unit"]: g["name"] for g in figures["five_band"]["groups"]}
    grouped: dict[str, list[dict]] = {}
    for project in figures["projects"]:
        if project["problems"]:
            grouped.setdefault(project["department"] or "", []).append(project)
    return [
        {"name": names.get(code, "หน่วยงานอื่น"), "projects": projects}
        for code, projects in grouped.items()
    ]


@login_required
def five_band_page(request):
    require(request.user, "summary.view", None)
    form, fiscal_year, quarter = round_from_request(request)
    figures, snapshot, frozen = _figures(request, fiscal_year, quarter)
    summary = figures["five_band"]
    round_ = Quarter(fiscal_year, quarter)
    return render(
        request,
        "reporting/five_band.html",
        {
            "form": form,
            "round": round_,
            "previous": round_.previous(),
            "summary": summary,
            "rows": band_rows(summary, _previous_summary(fiscal_year, quarter)),
            "bands": [(b, BAND_LABELS[b], BAND_SHORT[b]) for b in BANDS],
            "chart": department_chart(
                summary, title=f"ความก้าวหน้า ๕ ระดับ จำแนกรายกรม {round_.label}"
            ),
            # The figures cover the whole ministry; project names only those the user sees.
            "problems": problems_by_department(_with_visible_projects(request.user, figures)),
            "snapshot": snapshot,
            "frozen": frozen,
            "state_labels": STATE_LABELS,
            "may_freeze": can(request.user, "window.manage", None) and snapshot is None,
        },
    )


def _visible(user, rows: list[dict]) -> list[dict]:
    """The rows of projects whose unit the user's roles cover: by the row's unit code (the
    units a user sees are at most the tree; their projects are the whole ministry's)."""
    if sees_everything(user):
        return rows
    codes = set(visible_units(user).values_list("code", flat=True))
    return [r for r in rows if r["unit"] in codes]


def _with_visible_projects(user, figures: dict) -> dict:
    """The figures with their project rows cut to the projects the user may see."""
    return {**figures, "projects": _visible(user, figures["projects"])}


@login_required
def five_band_projects(request):
    """Drill-down: the projects of one group (and band, or round state) that the user may see."""
    require(request.user, "summary.view", None)
    form, fiscal_year, quarter = round_from_request(request)
    unit = OrgUnit.objects.filter(code=request.GET.get("unit", "")).first()
    band, state = request.GET.get("band", ""), request.GET.get("state", "reported")
    figures, snapshot, frozen = _figures(request, fiscal_year, quarter)
    # Unit codes, not paths: a frozen round outlives moves in the unit tree.
    codes = set(unit.descendants().values_list("code", flat=True)) if unit else None
    rows = [
        r
        for r in figures["projects"]
        if (codes is None or r["unit"] in codes)
        and r["state"] == state
        and (not band or r["band"] == band)
    ]
    page = Paginator(_visible(request.user, rows), 50).get_page(request.GET.get("page"))
    labels = unit_labels(r["unit"] for r in page)
    page.object_list = [{**r, "unit_label": labels.get(r["unit"], r["unit"])} for r in page]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reporting/five_band_projects.html",
        {
            "form": form,
            "round": Quarter(fiscal_year, quarter),
            "unit": unit,
            "band": band,
            "band_label": BAND_LABELS.get(band, ""),
            "state_label": STATE_LABELS.get(state, ""),
            "page": page,
            "query": query.urlencode(),
            "frozen": frozen,
            "snapshot": snapshot,
        },
    )


@login_required
def five_band_export(request):
    require(request.user, "summary.view", None)
    _, fiscal_year, quarter = round_from_request(request)
    figures, snapshot, frozen = _figures(request, fiscal_year, quarter)
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"five-band-{fiscal_year}-q{quarter}{'-frozen' if frozen else ''}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    five_band_workbook(
        figures=_with_visible_projects(request.user, figures),
        frozen_on=snapshot.taken_at if frozen else None,
    ).save(response)
    return response


@login_required
def five_band_chart_svg(request):
    require(request.user, "summary.view", None)
    _, fiscal_year, quarter = round_from_request(request)
    figures, _, _ = _figures(request, fiscal_year, quarter)
    svg = department_chart(
        figures["five_band"], title=f"ความก้าวหน้า ๕ ระดับ {Quarter(fiscal_year, quarter).label}"
    )
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="five-band-{fiscal_year}-q{quarter}.svg"'
    )
    return response


@login_required
@require_POST
def round_freeze(request):
    """ป.ย.ป. closes a round: its figures are frozen by a Celery task."""
    require(request.user, "window.manage", None)
    form = RoundForm(request.POST)
    if not form.is_valid():
        messages.error(request, "ระบุปีงบประมาณและไตรมาสไม่ถูกต้อง")
        return redirect("reporting:five_band")
    fiscal_year, quarter = form.cleaned_data["fiscal_year"], form.cleaned_data["quarter"]
    round_freeze_later(
        fiscal_year=fiscal_year,
        quarter=quarter,
        reason=f"กลุ่ม ป.ย.ป. ปิดรอบ โดย {request.user.get_full_name() or request.user.username}",
        user_id=request.user.pk,
    )
    messages.success(request, "ส่งคำสั่งตรึงตัวเลขของรอบแล้ว ระบบจะบันทึกภายในไม่กี่วินาที กรุณาเปิดหน้านี้อีกครั้ง")
    url = reverse("reporting:five_band")
    return redirect(f"{url}?fiscal_year={fiscal_year}&quarter={quarter}")
