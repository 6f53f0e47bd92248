from datetime import date

from django.db.models import Q, QuerySet

from orgs.models import User
from orgs.permissions import grants_for, sees_everything

from .models import Window


def window_scope_q(user: User) -> Q:
    """How a window concerns a user: no units listed concerns everyone; else one of
    its units lies above or below one of the user's grants (ป.ย.ป. sees all)."""
    if sees_everything(user):
        return Q()
    scope = Q(units__isnull=True)
    for grant in grants_for(user):
        scope |= Q(units__path__startswith=grant.unit_path)
        scope |= Q(units__pk__in=[int(x) for x in grant.unit_path.strip("/").split("/")])
    return scope


def windows_open_for(user: User, *, on: date) -> QuerySet[Window]:
    """Windows open on `on` that concern the user (`window_scope_q`)."""
    windows = Window.objects.filter(opens_on__lte=on, chain_deadline__gte=on)
    if sees_everything(user):
        return windows
    return windows.filter(window_scope_q(user)).distinct().order_by("unit_deadline")


def current_round(on: date) -> tuple[int, int]:
    """The round being reported on a day: the quarter that ended last."""
    from core.fiscal import Quarter

    previous = Quarter.of(on).previous()
    return previous.fiscal_year, previous.quarter


def round_rows_for(user: User, *, fiscal_year: int, quarter: int):
    """The user's projects due in the round, with their state (one query)."""
    from projects.selectors import projects_visible_to

    from .rounds import projects_due

    return (
        projects_due(fiscal_year=fiscal_year, quarter=quarter, projects=projects_visible_to(user))
        .select_related("owner_unit")
        .order_by("owner_unit__path", "code")
    )


def disbursement_figures(report) -> dict:
    """The quarter's plan, and plan and disbursement to date, for the M6 form (two queries)."""
    from decimal import Decimal

    from django.db.models import Q, Sum

    from projects.models import SpendingPlan

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
    from .models import WindowKind

    return Window.objects.filter(
        fiscal_year=fiscal_year,
        kind=WindowKind.QUARTERLY_REPORT,
        quarter=quarter,
        units__isnull=True,
    ).first()
