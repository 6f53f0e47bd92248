from datetime import date

from django.db.models import Q

from core.fiscal import Quarter
from orgs.models import User
from projects.models import SpendingPlan
from projects.selectors import projects_visible_to
from windows.models import Window, WindowKind


def current_round(on: date) -> tuple[int, int]:
    """The round being reported on a day: the quarter that ended last."""

    previous = Quarter.of(on).previous()
    return previous.fiscal_year, previous.quarter


def round_rows_for(user: User, *, fiscal_year: int, quarter: int):
    """The user's projects due in the round, with their state (one query)."""

    from .rounds import projects_due

    return (
        projects_due(fiscal_year=fiscal_year, quarter=quarter, projects=projects_visible_to(user))
        .select_related("owner_unit")
        .order_by("owner_unit__path", "code")
    )


def disbursement_figures(report) -> dict:
    """The quarter's plan, and plan and disbursement to date, for the M6 form (two queries)."""
    from decimal import Decimal

    from django.db.models import Sum

    from .models import QuarterlyReport

    fy, q = report.fiscal_year, report.quarter
    up_to = Q(fiscal_year__lt=fy) | Q(fiscal_year=fy, quarter__lte=q)
    plans = SpendingPlan.objects.filter(up_to, project=report.project).aggregate(
        to_date=Sum("amount"), this=Sum("amount", filter=Q(fiscal_year=fy, quarter=q))
    )
    earlier = QuarterlyReport.objects.filter(
        Q(fiscal_year__lt=fy) | Q(fiscal_year=fy, quarter__lt=q), project=report.project
    ).aggregate(total=Sum("disbursed"))["total"] or Decimal(0)
    return {
        "planned_this_quarter": plans["this"] or Decimal(0),
        "planned_to_date": plans["to_date"] or Decimal(0),
        "disbursed_before": earlier,
        "disbursed_to_date": earlier + (report.disbursed or Decimal(0)),
    }


def round_window(*, fiscal_year: int, quarter: int) -> Window | None:
    """The ministry-wide report window of a round, if ป.ย.ป. opened one."""
    return Window.objects.filter(
        fiscal_year=fiscal_year,
        kind=WindowKind.QUARTERLY_REPORT,
        quarter=quarter,
        units__isnull=True,
    ).first()
