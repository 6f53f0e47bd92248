"""The round pages: the unit's projects due in a round, and the status board."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from approvals.models import ItemStatus
from core.clock import today
from core.db import reporting_reads
from core.fiscal import Quarter
from orgs.permissions import require

from ..board import round_board, step_columns
from ..forms import round_from_request
from ..rounds import STATE_LABELS
from ..selectors import round_rows_for, round_window


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
