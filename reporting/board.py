"""The round status board for ป.ย.ป.: per unit, where every due project stands.

One aggregate query: the round's due projects with their report's status, its
approval step and lateness (subqueries), grouped by unit.
"""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, Count, IntegerField, OuterRef, Q, Subquery

from approvals.models import Approval, ChainLevel, ItemStatus

from .models import QuarterlyReport
from .rounds import NOT_REPORTED, REPORTED, round_projects
from .selectors import round_window


def step_columns() -> list[tuple[int, str]]:
    """The chain's steps, in order, as board columns."""
    return list(
        ChainLevel.objects.filter(chain__root_unit__parent__isnull=True)
        .order_by("order")
        .values_list("order", "name_th")
    )


def round_status_board(
    *, fiscal_year: int, quarter: int, unit_deadline: date | None, on: date
) -> list[dict]:
    """One row per unit that has projects due in the round."""
    approval = Approval.objects.filter(
        content_type=ContentType.objects.get_for_model(QuarterlyReport),
        object_id=OuterRef("report_id"),
        revision=OuterRef("report_revision"),
    )
    report = QuarterlyReport.objects.filter(pk=OuterRef("report_id"))
    rows = (
        round_projects(fiscal_year=fiscal_year, quarter=quarter)
        .filter(round_state__in=[REPORTED, NOT_REPORTED])
        .annotate(report_revision=Subquery(report.values("revision")[:1]))
        .annotate(
            step=Subquery(approval.values("current_level__order")[:1], output_field=IntegerField()),
            approval_late=Subquery(approval.values("is_late")[:1], output_field=BooleanField()),
        )
    )
    past_deadline = unit_deadline is not None and on > unit_deadline
    late = Q(approval_late=True) | (
        Q(report_status__isnull=True) if past_deadline else Q(pk__in=[])
    )
    steps = {
        f"step_{order}": Count("pk", filter=Q(report_status=ItemStatus.SUBMITTED, step=order))
        for order, _ in step_columns()
    }
    grouped = (
        rows.order_by()
        .values("owner_unit", "owner_unit__name_th", "owner_unit__abbr", "owner_unit__path")
        .annotate(
            due=Count("pk"),
            not_started=Count("pk", filter=Q(report_status__isnull=True)),
            drafted=Count(
                "pk", filter=Q(report_status__in=[ItemStatus.DRAFT, ItemStatus.RETURNED])
            ),
            submitted=Count("pk", filter=Q(report_status=ItemStatus.SUBMITTED)),
            approved=Count("pk", filter=Q(report_status=ItemStatus.APPROVED)),
            late=Count("pk", filter=late),
            **steps,
        )
        .order_by("owner_unit__path")
    )
    return list(grouped)


def round_board(*, fiscal_year: int, quarter: int, on: date, unit=None):
    """The board as the page shows it on `on`: (rows, the round's window), within `unit`
    when given."""
    window = round_window(fiscal_year=fiscal_year, quarter=quarter)
    rows = round_status_board(
        fiscal_year=fiscal_year,
        quarter=quarter,
        unit_deadline=window.unit_deadline if window else None,
        on=on,
    )
    if unit is not None:
        rows = [r for r in rows if r["owner_unit__path"].startswith(unit.path)]
    return rows, window
