"""The figures of the monthly KPI report (seed 003), as the memo keeps them (JSON).

`report_figures` is the one adapter between the live KPI reads and the document:
everything the report prints (its text, tables, charts and Excel file) is drawn from
the dict it returns, which the memo keeps and freezes when it is issued. Today it reads
`kpis.selectors.kpi_report` (ตารางที่ 1 and 2) and `kpis.provinces.province_report`
(ตารางที่ 3), per cents as `kpis.lights.shown` prints them, remarks as the KPIs' latest.

Numbers are kept as strings (Decimal's text), per cents to two decimals, lights as
`kpis.lights.Light` values.
"""

from __future__ import annotations

from decimal import Decimal

from core.clock import today
from kpis.lights import Light, shown
from kpis.periods import month_end, month_label, month_start
from kpis.provinces import ProvinceReport, province_report
from kpis.selectors import KpiLine, KpiReport, UnitRow, kpi_report
from orgs.models import OrgUnit
from orgs.permissions import reader_of

BELOW_PLAN = (Light.YELLOW, Light.RED)


def report_figures(*, unit: OrgUnit, fiscal_year: int, month: int) -> dict:
    """The report of `unit`'s whole subtree (สป.รง.) to `month`, whoever drafts it."""
    reader = reader_of(unit)
    report = kpi_report(user=reader, fiscal_year=fiscal_year, month=month, root=unit)
    provinces = province_report(user=reader, fiscal_year=fiscal_year, month=month)
    lines = [line for block in report.projects for line in block.lines]
    return {
        "source": "live",
        "taken_on": today().isoformat(),
        "unit": {"code": unit.code, "name": unit.name_th},
        "fiscal_year": fiscal_year,
        "month": month,
        "period": {
            "start": month_start(fiscal_year, 1).isoformat(),
            "end": month_end(fiscal_year, month).isoformat(),
            "label": f"{month_label(fiscal_year, 1)} - {month_label(fiscal_year, month)}",
        },
        "projects": _projects(report),
        "units": _units(report),
        "off_plan": _off_plan(lines),
        "over_target": _over_target(lines),
        "provinces": _provinces(provinces),
    }


def _number(value) -> str | None:
    return None if value is None else str(value)


def _score(score) -> dict:
    return {
        "percent_to_date": shown(score.percent_to_date),
        "percent_of_year": shown(score.percent_of_year),
        "light": str(score.light),
    }


def _counts(counts: dict) -> dict:
    return {str(light): n for light, n in counts.items()}


def _kpi_line(line: KpiLine) -> dict:
    kpi = line.kpi
    return {
        "name": kpi.name,
        "project": kpi.project.name if kpi.project else "",
        "unit": kpi.unit.name_th,
        "measure": kpi.unit_of_measure,
        "quantitative": kpi.is_quantitative,
        "annual": _number(kpi.annual_target),
        "target": _number(kpi.target_to_date),
        "result": _number(kpi.result_to_date),
        "ahead_of_plan": line.score.ahead_of_plan,
        "due_label": line.due_label,
        **_score(line.score),
    }


def _projects(report: KpiReport) -> dict:
    return {
        "count": report.project_count,
        "overall": _score(report.projects_score),
        "counts": _counts(report.project_counts),
        "blocks": [
            {
                "name": block.project.name if block.project else "",
                **_score(block.score),
                "lines": [_kpi_line(line) for line in block.lines],
            }
            for block in report.projects
        ],
    }


def _unit_row(row: UnitRow) -> dict:
    return {
        "code": row.unit.code,
        "name": row.unit.name_th,
        **_score(row.score),
        "counts": _counts(row.counts),
        "first_due_label": row.first_due_label,
        "members": [_unit_row(member) for member in row.members],
    }


def _units(report: KpiReport) -> dict:
    return {
        "count": sum(len(row.members) or 1 for row in report.units),
        "overall": _score(report.units_score),
        "counts": _counts(report.unit_counts),
        "rows": [_unit_row(row) for row in report.units],
    }


def _off_plan(lines: list[KpiLine]) -> list[dict]:
    """Seed 003's list under ตารางที่ 2: each unit below plan, its KPIs and why."""
    below = [
        line
        for line in lines
        if line.kpi.is_quantitative and line.score.is_due and line.score.light in BELOW_PLAN
    ]
    units: dict[int, dict] = {}
    for line in sorted(below, key=lambda line: (line.kpi.unit.path, line.kpi.position)):
        unit = line.kpi.unit
        entry = units.setdefault(unit.pk, {"unit": unit.name_th, "code": unit.code, "lines": []})
        entry["lines"].append({**_kpi_line(line), "remark": line.remark})
    return list(units.values())


def _over_target(lines: list[KpiLine]) -> list[dict]:
    """Quantitative KPIs whose result to date already passes the 12-month target (seed
    003's ๓.๒.๒: a target worth setting again from past years' results)."""
    return [
        _kpi_line(line)
        for line in lines
        if line.kpi.is_quantitative
        and line.kpi.result_to_date is not None
        and line.kpi.annual_target > 0
        and Decimal(line.kpi.result_to_date) > line.kpi.annual_target
    ]


def _provinces(report: ProvinceReport) -> dict:
    return {
        "count": report.province_count,
        "project_count": report.project_count,
        "overall": _score(report.score),
        "counts": _counts(report.project_counts),
        "projects": [
            {
                "name": project.project.name if project.project else "",
                **_score(project.score),
                "lines": [
                    {
                        "name": line.name,
                        "measure": line.unit_of_measure,
                        "quantitative": line.is_quantitative,
                        "provinces": line.provinces,
                        "annual": _number(line.annual_target),
                        "target": _number(line.target_to_date),
                        "result": _number(line.result_to_date),
                        "ahead_of_plan": line.score.ahead_of_plan,
                        "due_label": line.due_label,
                        "below_plan": [s.unit.name_th for s in line.below_plan],
                        **_score(line.score),
                    }
                    for line in project.lines
                ],
            }
            for project in report.projects
        ],
        "below_plan": [
            {"unit": unit.name_th, "kpis": [line.name for line in lines]}
            for unit, lines in report.below_plan
        ],
    }
