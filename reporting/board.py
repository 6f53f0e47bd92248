"""The round status board for ป.ย.ป.: per unit, where every due project stands.

One aggregate query: the round's due projects with their report's status, its
approval step and lateness, grouped by unit.
"""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F

from approvals.models import ChainLevel, ItemStatus

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


# The outer GROUP BY is SQL of our own over the ORM's population query: a generic
# relation cannot be joined through the round's filtered report, and with the approval
# looked up in subqueries PostgreSQL ran the lookup again for every count column.
_BOARD_SQL = """
    SELECT p.owner_unit_id AS owner_unit, u.name_th AS owner_unit__name_th,
           u.abbr AS owner_unit__abbr, u.path AS owner_unit__path,
           count(*) AS due,
           count(*) FILTER (WHERE p.report_status IS NULL) AS not_started,
           count(*) FILTER (WHERE p.report_status IN ('{draft}', '{returned}')) AS drafted,
           count(*) FILTER (WHERE p.report_status = '{submitted}') AS submitted,
           count(*) FILTER (WHERE p.report_status = '{approved}') AS approved,
           count(*) FILTER (WHERE a.is_late OR (%s AND p.report_status IS NULL)) AS late
           {steps}
    FROM ({population}) p
    JOIN orgs_orgunit u ON u.id = p.owner_unit_id
    LEFT JOIN approvals_approval a
      ON a.content_type_id = %s AND a.object_id = p.report_id AND a.revision = p.report_revision
    LEFT JOIN approvals_chainlevel l ON l.id = a.current_level_id
    GROUP BY p.owner_unit_id, u.name_th, u.abbr, u.path
    ORDER BY u.path
"""


# The item statuses the SQL compares with (constants, so written into the text).
_STATUSES = {status.name.lower(): status.value for status in ItemStatus}


def round_status_board(
    *, fiscal_year: int, quarter: int, unit_deadline: date | None, on: date
) -> list[dict]:
    """One row per unit that has projects due in the round."""
    population = (
        round_projects(fiscal_year=fiscal_year, quarter=quarter)
        .filter(round_state__in=[REPORTED, NOT_REPORTED])
        .annotate(report_revision=F("round_report__revision"))
        .order_by()
        .values("owner_unit_id", "report_status", "report_id", "report_revision")
    )
    population_sql, population_params = population.query.sql_with_params()
    steps = "".join(
        f", count(*) FILTER (WHERE p.report_status = '{ItemStatus.SUBMITTED.value}' AND l.\"order\" = {order:d})"
        f" AS step_{order:d}"
        for order, _ in step_columns()
    )
    past_deadline = unit_deadline is not None and on > unit_deadline
    report_type = ContentType.objects.get_for_model(QuarterlyReport).pk
    with connection.cursor() as cursor:
        cursor.execute(
            _BOARD_SQL.format(steps=steps, population=population_sql, **_STATUSES),
            [past_deadline, *population_params, report_type],
        )
        columns = [col[0] for col in cursor.description]  # SQLite gives tuples, not Columns
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


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
