"""The monthly KPI report as shared/spec/exchange.md section 3 prints it: one place for
`manage.py kpi_report --json`, the API and whoever else serialises it.

Per cents are strings with two decimals, rounded half-up from the unrounded
figures only here (`lights.shown`), and null where nothing is due; the light
is the shown figure's. `units.rows` walks the root's tree in order; `met`,
`not_met` and `not_due` count the leaf units at or below each row (green is
met; yellow and red are not).
"""

from __future__ import annotations

from orgs.models import User

from .lights import GroupScore, Light, shown
from .selectors import KpiReport, ProjectBlock, UnitRow, kpi_report, report_root


def kpi_report_data(
    *, user: User | None, fiscal_year: int, month: int, unit: str | None = None
) -> dict:
    """The report of `unit` (a code; the default root when None) as the spec's JSON.

    Raises selectors.UnknownUnit for a code no unit has.
    """
    root = report_root(unit)
    return report_data(kpi_report(user=user, fiscal_year=fiscal_year, month=month, root=root))


def report_data(report: KpiReport) -> dict:
    planned = [block for block in report.projects if block.project is not None]
    return {
        "fiscal_year": report.fiscal_year,
        "month": report.month,
        "projects": {
            **_figures(report.projects_score),
            "rows": [_project(block) for block in planned],
        },
        "units": {
            "unit": report.root.code if report.root else None,
            "percent_to_date": shown(report.units_score.percent_to_date),
            "light": report.units_score.light.value,
            **_counts(report.unit_counts),
            "rows": [_unit(row) for row in report.unit_rows()],
        },
    }


def _figures(score: GroupScore) -> dict:
    return {
        "percent_to_date": shown(score.percent_to_date),
        "percent_of_year": shown(score.percent_of_year),
        "light": score.light.value,
    }


def _project(block: ProjectBlock) -> dict:
    return {
        "project": block.project.code,
        **_figures(block.score),
        "ahead_of_plan": block.score.ahead_of_plan,
    }


def _unit(row: UnitRow) -> dict:
    return {
        "unit": row.unit.code,
        "level": row.level,
        "percent_to_date": shown(row.score.percent_to_date),
        "light": row.score.light.value,
        **_counts(row.counts),
    }


def _counts(counts: dict[Light, int]) -> dict:
    return {
        "met": counts[Light.GREEN],
        "not_met": counts[Light.YELLOW] + counts[Light.RED],
        "not_due": counts[Light.NOT_DUE],
    }
