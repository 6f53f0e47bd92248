"""Comparisons across rounds and units (issue 22): for chosen departments, clusters or
the ministry and a span of rounds, the projects due and their budget, the five-band
distribution, and the reporting rates of each round.

The figures are the existing ones, put side by side:
- a frozen round counts its snapshot (`snapshots.round_snapshot_take`): the bands and
  reported projects of the five-band summary as frozen, and the frozen project rows for
  the projects due; a round not frozen counts live, as `summaries.five_band_summary`
  and the status board do (the last approved revision of each report);
- reporting rates in DHIS2's terms: of the projects due, the share reported, and the
  share reported whose report passed the unit's own M7 step (the unit head's approval,
  or an import that stands for the chain) by the unit deadline of its round, as the
  approval trail records it: the window's unit deadline (windows/ rules: the product's
  default when no window was opened), extended for the unit or the report as ป.ย.ป.
  granted;
- budget: the M5 budget sources of the projects due.

Queries: a fixed few per request (units, snapshots, windows, extensions, frozen
rounds' budgets and trail) and one per round not frozen (grouped in SQL by unit, round
state and band, as the five-band summary groups), whatever the number of projects.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    DecimalField,
    F,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest

from approvals.models import Action, ItemStatus, Transition
from core.fiscal import BANGKOK, Quarter
from orgs.models import OrgUnit, ancestor_paths
from projects.models import BudgetSource
from windows.models import Extension, Window, WindowKind
from windows.rules import window_defaults

from .models import QuarterlyReport, RoundSnapshot
from .rounds import NOT_REPORTED, REPORTED
from .summaries import BANDS, GROUP_LEVELS, largest_remainder, round_with_bands

DUE_STATES = (REPORTED, NOT_REPORTED)
# The moves that take a submitted report past the step it waits at: the unit head's
# approval is the first of them (an import stands for the chain).
PASSING_ACTIONS = (Action.APPROVE, Action.CHECK, Action.IMPORT)
MAX_YEARS = 5
DEFAULT_YEARS = 3
_MONEY = DecimalField(max_digits=20, decimal_places=2)
_EARLIEST = datetime(1900, 1, 1, tzinfo=BANGKOK)


# --- the rounds of a span ---------------------------------------------------------


def rounds_between(
    *, first_year: int, last_year: int, quarters: Iterable[int], last: Quarter
) -> list[Quarter]:
    """The rounds of the span's fiscal years in the chosen quarters, up to `last` (the
    round being reported now: later ones have nothing due yet), oldest first."""
    wanted = sorted(set(quarters))
    return [
        Quarter(year, quarter)
        for year in range(first_year, last_year + 1)
        for quarter in wanted
        if Quarter(year, quarter) <= last
    ]


def comparable_units() -> list[OrgUnit]:
    """What can be compared: the groups of the five-band summary (ministry, clusters,
    departments), in tree order."""
    return list(
        OrgUnit.objects.filter(kind__in=GROUP_LEVELS, is_active=True)
        .order_by("path")
        .only("code", "kind", "name_th", "abbr", "path")
    )


# --- deadlines ----------------------------------------------------------------------


def _end_of(day: date) -> datetime:
    """The first moment after `day` in Bangkok: a move before it was made by that day."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=BANGKOK)


def default_unit_deadline(round_: Quarter) -> date:
    """The unit deadline the product proposes for a round (windows.rules)."""
    return next(
        w["unit_deadline"]
        for w in window_defaults(round_.fiscal_year)
        if w["kind"] == WindowKind.QUARTERLY_REPORT and w["quarter"] == round_.quarter
    )


@dataclass
class RoundDeadlines:
    """A round's unit deadlines: the general one, and where a window naming a unit or an
    extension moves it (units by pk, reports by pk), as windows.rules.deadlines_for does."""

    general: date
    by_unit: dict[int, date] = field(default_factory=dict)
    by_report: dict[int, date] = field(default_factory=dict)

    def for_unit(self, unit_pk: int) -> date:
        return self.by_unit.get(unit_pk, self.general)

    def on_time(self, passed_at: datetime | None, *, unit_pk: int, report_pk: int) -> bool:
        if passed_at is None:
            return False
        deadline = max(self.for_unit(unit_pk), self.by_report.get(report_pk, date.min))
        return passed_at < _end_of(deadline)

    def expression(self):
        """The moment each row's report had to pass by, in SQL (rows with `owner_unit`
        and `report_id`)."""
        by_date: dict[date, list[int]] = {}
        for pk, day in self.by_unit.items():
            by_date.setdefault(day, []).append(pk)
        unit = Case(
            *[When(owner_unit__in=pks, then=Value(_end_of(day))) for day, pks in by_date.items()],
            default=Value(_end_of(self.general)),
            output_field=DateTimeField(),
        )
        if not self.by_report:
            return unit
        report = Case(
            *[When(report_id=pk, then=Value(_end_of(day))) for pk, day in self.by_report.items()],
            default=Value(_EARLIEST),
            output_field=DateTimeField(),
        )
        return Greatest(unit, report, output_field=DateTimeField())


def _window_for(unit: OrgUnit, general: Window | None, specific: list[Window]) -> Window | None:
    """windows.rules.report_window without the queries: a window naming the unit or a
    unit above it (the newest) wins over the general one."""
    mine = [w for w in specific if any(unit.path.startswith(u.path) for u in w.units.all())]
    return max(mine, key=lambda w: (w.opens_on, w.pk)) if mine else general


def round_deadlines(rounds: list[Quarter], units: list[OrgUnit]) -> dict[Quarter, RoundDeadlines]:
    """Every round's deadlines (three queries: windows, their units, extensions)."""
    windows = list(
        Window.objects.filter(
            kind=WindowKind.QUARTERLY_REPORT,
            fiscal_year__in={r.fiscal_year for r in rounds},
            quarter__in={r.quarter for r in rounds},
        )
        .prefetch_related("units")
        .order_by("opens_on", "pk")
    )
    extensions = list(
        Extension.objects.filter(window__in=windows).select_related("unit").order_by("pk")
    )
    return {
        round_: _deadlines_of(
            round_,
            [
                w
                for w in windows
                if (w.fiscal_year, w.quarter) == (round_.fiscal_year, round_.quarter)
            ],
            extensions,
            units,
        )
        for round_ in rounds
    }


def _deadlines_of(
    round_: Quarter, windows: list[Window], extensions: list[Extension], units: list[OrgUnit]
) -> RoundDeadlines:
    # The ministry-wide window as the board finds it (reporting.selectors.round_window).
    general = next((w for w in windows if not w.units.all()), None)
    specific = [w for w in windows if w.units.all()]
    deadlines = RoundDeadlines(general.unit_deadline if general else default_unit_deadline(round_))
    for unit in units:
        window = _window_for(unit, general, specific)
        if window is None:
            continue
        untils = [
            e.until
            for e in extensions
            if e.window_id == window.pk and e.unit and unit.path.startswith(e.unit.path)
        ]
        day = max([window.unit_deadline, *untils])
        if day != deadlines.general:
            deadlines.by_unit[unit.pk] = day
    by_pk = {w.pk: w for w in windows}
    report_type = ContentType.objects.get_for_model(QuarterlyReport).pk
    for extension in extensions:
        if extension.content_type_id == report_type and extension.window_id in by_pk:
            day = max(extension.until, by_pk[extension.window_id].unit_deadline)
            deadlines.by_report[extension.object_id] = max(
                day, deadlines.by_report.get(extension.object_id, date.min)
            )
    return deadlines


# --- the trail -------------------------------------------------------------------


def first_pass(report_ref) -> Subquery:
    """When the report (`report_ref`: its id, an OuterRef) first passed the step it was
    submitted to, in any revision: the earliest passing move from `submitted` in its trail."""
    moves = (
        Transition.objects.filter(
            approval__content_type=ContentType.objects.get_for_model(QuarterlyReport),
            approval__object_id=report_ref,
            from_status=ItemStatus.SUBMITTED,
            action__in=PASSING_ACTIONS,
        )
        .order_by()
        .values("approval__object_id")
        .annotate(at=Min("created_at"))
        .values("at")
    )
    return Subquery(moves[:1], output_field=DateTimeField())


def project_budget(project_ref) -> Coalesce:
    """The project's M5 total (its budget sources), 0 without any."""
    total = (
        BudgetSource.objects.filter(project=project_ref)
        .order_by()
        .values("project")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    return Coalesce(Subquery(total, output_field=_MONEY), Value(Decimal(0)), output_field=_MONEY)


# --- tallies per owner unit -------------------------------------------------------


@dataclass
class Tally:
    """One unit's figures in one round."""

    due: int = 0
    reported: int = 0
    on_time: int = 0
    budget: Decimal = Decimal(0)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BANDS, 0))

    def add(self, other: Tally) -> None:
        self.due += other.due
        self.reported += other.reported
        self.on_time += other.on_time
        self.budget += other.budget
        for band in BANDS:
            self.counts[band] += other.counts[band]


def live_tallies(round_: Quarter, deadlines: RoundDeadlines) -> dict[int, Tally]:
    """Owner unit pk → its live figures in the round (one query)."""
    rows = (
        round_with_bands(fiscal_year=round_.fiscal_year, quarter=round_.quarter)
        .filter(round_state__in=DUE_STATES)
        .annotate(
            passed_at=first_pass(OuterRef("report_id")),
            budget_one=project_budget(OuterRef("pk")),
            deadline=deadlines.expression(),
        )
        .order_by()
        .values("owner_unit", "round_state", "band")
        .annotate(
            n=Count("pk"),
            budget=Sum("budget_one"),
            on_time=Count("pk", filter=Q(round_state=REPORTED, passed_at__lt=F("deadline"))),
        )
    )
    tallies: dict[int, Tally] = {}
    for row in rows:
        tally = tallies.setdefault(row["owner_unit"], Tally())
        tally.due += row["n"]
        tally.budget += row["budget"] or Decimal(0)
        if row["round_state"] == REPORTED:
            tally.reported += row["n"]
            tally.on_time += row["on_time"]
            tally.counts[row["band"]] += row["n"]
    return tallies


def _candidates_q(rounds: list[Quarter]) -> Q:
    """Projects that may be due in any of the rounds (a superset: entered for one of
    their years, or earlier and running into the first of them)."""
    first = min(rounds)
    return Q(project__fiscal_year__in={r.fiscal_year for r in rounds}) | Q(
        project__fiscal_year__lt=max(rounds).fiscal_year, project__end_date__gte=first.start
    )


def _frozen_budgets(rounds: list[Quarter]) -> dict[int, Decimal]:
    """Project pk → its M5 total, for the projects the frozen rounds may hold (one query)."""
    rows = (
        BudgetSource.objects.filter(_candidates_q(rounds))
        .order_by()
        .values("project")
        .annotate(total=Sum("amount"))
        .values_list("project", "total")
    )
    return dict(rows)


def _frozen_passes(rounds: list[Quarter]) -> dict[tuple[int, Quarter], tuple[int, datetime]]:
    """(project pk, round) → (report pk, when it first passed its step), for the frozen
    rounds' reports that passed at all (one query)."""
    in_rounds = Q(pk__in=[])
    for round_ in rounds:
        in_rounds |= Q(fiscal_year=round_.fiscal_year, quarter=round_.quarter)
    rows = (
        QuarterlyReport.objects.filter(in_rounds)
        .annotate(passed_at=first_pass(OuterRef("pk")))
        .filter(passed_at__isnull=False)
        .values_list("pk", "project_id", "fiscal_year", "quarter", "passed_at")
    )
    return {(project, Quarter(fy, q)): (pk, at) for pk, project, fy, q, at in rows}


def frozen_tallies(
    snapshots: dict[Quarter, RoundSnapshot],
    deadlines: dict[Quarter, RoundDeadlines],
    units_by_code: dict[str, OrgUnit],
) -> dict[Quarter, dict[int, Tally]]:
    """Round → owner unit pk → its figures from the round's frozen project rows (two
    queries for all the frozen rounds: budgets, and the trail of their reports).

    A row whose unit code no longer names a unit is left out (units are never deleted;
    a code is never reused)."""
    if not snapshots:
        return {}
    rounds = sorted(snapshots)
    budgets, passes = _frozen_budgets(rounds), _frozen_passes(rounds)
    result: dict[Quarter, dict[int, Tally]] = {}
    for round_, snapshot in snapshots.items():
        tallies = result.setdefault(round_, {})
        for row in snapshot.data.get("projects", []):
            unit = units_by_code.get(row["unit"])
            if row["state"] not in DUE_STATES or unit is None:
                continue
            tally = tallies.setdefault(unit.pk, Tally())
            tally.due += 1
            tally.budget += budgets.get(row["id"]) or Decimal(0)
            if row["state"] != REPORTED:
                continue
            tally.reported += 1
            tally.counts[row["band"]] += 1
            report_pk, passed_at = passes.get((row["id"], round_), (None, None))
            if deadlines[round_].on_time(passed_at, unit_pk=unit.pk, report_pk=report_pk):
                tally.on_time += 1
    return result


# --- the comparison ---------------------------------------------------------------


def _rolled_up(tallies: dict[int, Tally], units_by_pk: dict[int, OrgUnit]) -> dict[str, Tally]:
    """Unit path → the figures of its subtree (each unit's added to its ancestors')."""
    totals: dict[str, Tally] = {}
    for pk, tally in tallies.items():
        for path in ancestor_paths(units_by_pk[pk].path):
            totals.setdefault(path, Tally()).add(tally)
    return totals


def rate(part: int, whole: int) -> str | None:
    """`part` of `whole` in per cent with two decimals ("87.50"); None when nothing is due."""
    if not whole:
        return None
    share = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"))
    return f"{share:.2f}"


def _row(
    unit: OrgUnit, round_: Quarter, tally: Tally, *, frozen: bool, frozen_group: dict | None
) -> dict:
    counts, reported = dict(tally.counts), tally.reported
    percents = None
    if frozen_group is not None:
        # The five-band summary as it was frozen: its bands and reported projects.
        counts, reported = dict(frozen_group["counts"]), frozen_group["reported"]
        percents = dict(frozen_group["percents"])
    due = reported + tally.due - tally.reported
    return {
        "unit": unit.code,
        "level": unit.kind,
        "name": unit.name_th,
        "fiscal_year": round_.fiscal_year,
        "quarter": round_.quarter,
        "frozen": frozen,
        "projects": due,
        "budget": tally.budget,
        "reported": reported,
        "not_reported": due - reported,
        "on_time": tally.on_time,
        "reporting_rate": rate(reported, due),
        "on_time_rate": rate(tally.on_time, due),
        "counts": counts,
        "percents": percents or largest_remainder(counts),
    }


def comparison(*, units: list[OrgUnit], rounds: list[Quarter]) -> dict:
    """The figures of every chosen unit in every round: one row per unit and round, the
    units in the order given and each unit's rounds oldest first."""
    every = list(OrgUnit.objects.only("code", "kind", "name_th", "path", "is_active"))
    by_pk, by_code = {u.pk: u for u in every}, {u.code: u for u in every}
    snapshots = {
        Quarter(s.fiscal_year, s.quarter): s
        for s in RoundSnapshot.objects.filter(
            fiscal_year__in={r.fiscal_year for r in rounds},
            quarter__in={r.quarter for r in rounds},
        )
        if Quarter(s.fiscal_year, s.quarter) in rounds
    }
    deadlines = round_deadlines(rounds, every) if rounds else {}
    tallies = frozen_tallies(snapshots, deadlines, by_code)
    for round_ in rounds:
        if round_ not in snapshots:
            tallies[round_] = live_tallies(round_, deadlines[round_])
    rolled = {round_: _rolled_up(tallies[round_], by_pk) for round_ in rounds}
    groups = {
        round_: {g["unit"]: g for g in snapshot.data["five_band"]["groups"]}
        for round_, snapshot in snapshots.items()
    }
    rows = [
        _row(
            unit,
            round_,
            rolled[round_].get(unit.path, Tally()),
            frozen=round_ in snapshots,
            frozen_group=groups.get(round_, {}).get(unit.code),
        )
        for unit in units
        for round_ in rounds
    ]
    return {
        "rounds": [
            {
                "fiscal_year": r.fiscal_year,
                "quarter": r.quarter,
                "label": r.label,
                "frozen": r in snapshots,
                "taken_at": snapshots[r].taken_at if r in snapshots else None,
                "unit_deadline": deadlines[r].general,
            }
            for r in rounds
        ],
        "units": [{"unit": u.code, "level": u.kind, "name": u.name_th} for u in units],
        "rows": rows,
    }
