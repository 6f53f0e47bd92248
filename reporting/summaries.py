"""The five-band progress summary of a quarterly round (seed 000, exchange.md section 2).

The round's projects are counted in PostgreSQL, grouped by owning unit, round
state and band (one query); the counts are then rolled up the org tree to each
department, cluster and ministry in Python, over units rather than projects,
so the work does not grow with the number of projects.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from django.db import connections
from django.db.models import (
    Case,
    F,
    Q,
    QuerySet,
    Value,
    When,
)

from core.fiscal import Quarter
from orgs.models import OrgUnit, UnitKind, ancestor_paths
from projects.models import Project

from .rounds import (
    CALENDAR_NOT_IN_ROUND,
    NOT_DUE,
    NOT_REPORTED,
    REPORTED,
    round_projects,
    round_state_case,
)

BANDS = ["100", "75-99", "50-74", "25-49", "0-24"]
BAND_FLOORS = {"100": 100, "75-99": 75, "50-74": 50, "25-49": 25, "0-24": 0}
BAND_LABELS = {
    "100": "ความก้าวหน้าระดับมากที่สุด (100 %)",
    "75-99": "ความก้าวหน้าระดับมาก (75 % - 99 %)",
    "50-74": "ความก้าวหน้าระดับปานกลาง (50 % - 74 %)",
    "25-49": "ความก้าวหน้าระดับน้อย (25 % - 49 %)",
    "0-24": "ความก้าวหน้าระดับน้อยที่สุด (ต่ำกว่า 25 %)",
}
BAND_SHORT = {
    "100": "มากที่สุด",
    "75-99": "มาก",
    "50-74": "ปานกลาง",
    "25-49": "น้อย",
    "0-24": "น้อยที่สุด",
}
GROUP_LEVELS = [UnitKind.MINISTRY, UnitKind.CLUSTER, UnitKind.DEPARTMENT]
POPULATION_STATES = [REPORTED, NOT_REPORTED, NOT_DUE, CALENDAR_NOT_IN_ROUND]


def band_of(percent: Decimal | int | float | None) -> str:
    """The band of one progress figure (no figure counts as below 25 %)."""
    value = Decimal(str(percent)) if percent is not None else Decimal(0)
    return next(band for band in BANDS if value >= BAND_FLOORS[band])


def band_expression(field: str = "report_progress", labels=BANDS) -> Case:
    """`band_of` in SQL, for annotating a queryset; each band as its label (BANDS' own
    names, or others given in the same order)."""
    *higher, (_, lowest) = zip(BANDS, labels, strict=True)
    return Case(
        *[When(**{f"{field}__gte": BAND_FLOORS[b]}, then=Value(label)) for b, label in higher],
        default=Value(lowest),
    )


def band_q(band: str, field: str = "report_progress") -> Q:
    """The projects of one band, as `band_expression` sorts them (the lowest band takes
    what no other does, a project without progress among them)."""
    index = BANDS.index(band)
    if index == len(BANDS) - 1:
        return Q(**{f"{field}__lt": BAND_FLOORS[BANDS[index - 1]]}) | Q(
            **{f"{field}__isnull": True}
        )
    within = Q(**{f"{field}__gte": BAND_FLOORS[band]})
    return within & Q(**{f"{field}__lt": BAND_FLOORS[BANDS[index - 1]]}) if index else within


def largest_remainder(counts: dict[str, int]) -> dict[str, str]:
    """Each band's share in per cent with two decimals, adding up to exactly 100.00.

    Shares are floored to hundredths of a per cent; the hundredths left over go
    to the largest remainders (ties: more projects first, then the higher band).
    """
    total = sum(counts.get(b, 0) for b in BANDS)
    if total == 0:
        return {b: "0.00" for b in BANDS}
    floors = {b: counts.get(b, 0) * 10000 // total for b in BANDS}
    remainders = {b: counts.get(b, 0) * 10000 % total for b in BANDS}
    left = 10000 - sum(floors.values())
    order = sorted(BANDS, key=lambda b: (-remainders[b], -counts.get(b, 0), BANDS.index(b)))
    for band in order[:left]:
        floors[band] += 1
    return {b: f"{floors[b] // 100}.{floors[b] % 100:02d}" for b in BANDS}


def round_with_bands(*, fiscal_year: int, quarter: int, projects: QuerySet | None = None):
    """The round's population annotated with `band` (meaningful for reported projects)."""
    return round_projects(fiscal_year=fiscal_year, quarter=quarter, projects=projects).annotate(
        band=band_expression()
    )


def reported_projects(*, fiscal_year: int, quarter: int, projects: QuerySet | None = None):
    """The round's reported projects with `progress_percent` and `band`, in unit and code order."""
    return (
        round_with_bands(fiscal_year=fiscal_year, quarter=quarter, projects=projects)
        .filter(round_state=REPORTED)
        .annotate(progress_percent=F("report_progress"))
        .select_related("owner_unit")
        .order_by("owner_unit__path", "code")
    )


# The five-band counts' columns, in order: the reported in each band, then the others by
# state. _counts_sql numbers each project by its column.
COLUMNS = [(REPORTED, band) for band in BANDS] + [
    (NOT_REPORTED, None),
    (CALENDAR_NOT_IN_ROUND, None),
    (NOT_DUE, None),
]


@lru_cache(maxsize=64)
def _counts_sql(fiscal_year: int, quarter: int) -> tuple[str, tuple]:
    """The counting query's SQL for a round, compiled once per process: the ORM takes
    longer to compile its CASE expressions than PostgreSQL takes to run them on ten
    thousand projects (issue #20). The SQL depends only on the round, never on data.

    Each project's column (COLUMNS) is computed once, as round_state's CASE that gives the
    reported their band, in a subquery; the outer query counts each column per owning unit.
    One row per owning unit (its id: no join on the units) with a count per column, not a
    row per unit and column: the planner estimates the units from the column's statistics
    where it could not the CASE's values, and hashes them instead of sorting every project.
    On PostgreSQL `OFFSET 0` keeps the subquery whole: pulled up, its CASE would be
    evaluated again in each count."""
    others = {state: Value(i) for i, (state, band) in enumerate(COLUMNS) if band is None}
    column = round_state_case(
        Quarter(fiscal_year, quarter),
        reported=band_expression(labels=range(len(BANDS))),
        **others,
    )
    projects = (
        round_projects(fiscal_year=fiscal_year, quarter=quarter)
        .order_by()
        .values(unit=F("owner_unit_id"), k=column)
    )
    sql, params = projects.query.sql_with_params()
    fence = " OFFSET 0" if connections[Project.objects.db].vendor == "postgresql" else ""
    counts = ", ".join(f"COUNT(*) FILTER (WHERE k = {i})" for i in range(len(COLUMNS)))
    return f"SELECT unit, {counts} FROM ({sql}{fence}) AS round_projects GROUP BY unit", params


def _counts_by_unit(*, fiscal_year: int, quarter: int) -> list[tuple[int, str, str | None, int]]:
    """(owning unit's pk, round state, band, projects): the reported projects per band,
    the others per state (band None). One query."""
    sql, params = _counts_sql(fiscal_year, quarter)
    with connections[Project.objects.db].cursor() as cursor:
        cursor.execute(sql, params)
        return [
            (unit, state, band, n)
            for unit, *counts in cursor.fetchall()
            for (state, band), n in zip(COLUMNS, counts, strict=True)
            if n
        ]


def _band_counts_by_path(
    rows: list[tuple[str, str, str, int]], wanted: set[str]
) -> dict[str, dict[str, int]]:
    """Reported projects per band under each wanted unit path. The rows are summed per
    owning unit first; each unit's counts are then added to those of its wanted ancestors
    (paths are prefixes), so the work grows with units, not with projects or rows."""
    per_unit: dict[str, dict[str, int]] = {}
    for path, state, band, n in rows:
        if state == REPORTED:
            per_unit.setdefault(path, dict.fromkeys(BANDS, 0))[band] += n
    totals: dict[str, dict[str, int]] = {}
    for path, counts in per_unit.items():
        for prefix in ancestor_paths(path):
            if prefix in wanted:
                total = totals.setdefault(prefix, dict.fromkeys(BANDS, 0))
                for band, n in counts.items():
                    total[band] += n
    return totals


def _group(unit: dict, totals: dict[str, dict[str, int]]) -> dict:
    counts = totals.get(unit["path"], dict.fromkeys(BANDS, 0))
    return {
        "unit": unit["code"],
        "level": unit["kind"],
        "name": unit["name_th"],
        "reported": sum(counts.values()),
        "counts": counts,
        "percents": largest_remainder(counts),
    }


def five_band_summary(*, fiscal_year: int, quarter: int) -> dict:
    """The summary of exchange.md section 2, exactly (two queries)."""
    rows = _counts_by_unit(fiscal_year=fiscal_year, quarter=quarter)
    population = {state: 0 for state in POPULATION_STATES}
    for _, state, _, n in rows:
        population[state] += n
    units = OrgUnit.objects.order_by("path").values(
        "pk", "path", "code", "kind", "name_th", "is_active"
    )
    path_of = {unit["pk"]: unit["path"] for unit in units}
    groups = [unit for unit in units if unit["kind"] in GROUP_LEVELS and unit["is_active"]]
    totals = _band_counts_by_path(
        [(path_of[pk], state, band, n) for pk, state, band, n in rows],
        {unit["path"] for unit in groups},
    )
    return {
        "fiscal_year": fiscal_year,
        "quarter": quarter,
        "bands": list(BANDS),
        "population": {"total": sum(population.values()), **population},
        "groups": [_group(unit, totals) for unit in groups],
    }
