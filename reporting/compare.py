"""Comparisons across rounds and units (issue 22): for chosen departments, clusters or
the ministry and a span of rounds, the projects due and their budget, the five-band
distribution, and the reporting rates of each round.

The figures are the existing ones, put side by side:
- a frozen round counts what was kept when it was frozen (`snapshots.round_snapshot_take`):
  the bands and reported projects of the five-band summary, and its figures per owning
  unit (`RoundTallies`: due, reported, on time, budget); a round not frozen counts live,
  as `summaries.five_band_summary` and the status board do (the last approved revision
  of each report);
- reporting rates in DHIS2's terms: of the projects due, the share reported, and the
  share reported whose report passed the unit's own M7 step (the unit head's approval,
  or an import that stands for the chain) by the unit deadline of its round, as the
  engine noted it from the trail (`first_passed_at`): the window's unit deadline (windows/ rules: the product's
  default when no window was opened), extended for the unit or the report as ป.ย.ป.
  granted;
- budget: the M5 budget sources of the projects due.

Queries: a fixed few per request (units, frozen rounds, windows, extensions) and one
per round not frozen (grouped in SQL by unit, with the five-band summary's bands as
filtered counts and each project's budget total that the database keeps), whatever
the number of projects. No project row and no trail row is read per request (issue 20).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Count, DateTimeField, F, Q, Sum, Value, When
from django.db.models.functions import Greatest

from core.db import plain_rows
from core.fiscal import BANGKOK, Quarter
from orgs.models import OrgUnit, ancestor_paths
from windows.models import Extension, Window, WindowKind
from windows.rules import window_defaults

from .models import QuarterlyReport, RoundTallies
from .rounds import NOT_REPORTED, REPORTED, due_q, round_projects, sent_q
from .summaries import BANDS, GROUP_LEVELS, band_q, largest_remainder

DUE_STATES = (REPORTED, NOT_REPORTED)
MAX_YEARS = 5
DEFAULT_YEARS = 3
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


def end_of_day(day: date) -> datetime:
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
        return passed_at < end_of_day(deadline)

    def expression(self):
        """The moment each row's report had to pass by, in SQL (rows with `owner_unit`
        and `report_id`)."""
        by_date: dict[date, list[int]] = {}
        for pk, day in self.by_unit.items():
            by_date.setdefault(day, []).append(pk)
        unit = Case(
            *[
                When(owner_unit__in=pks, then=Value(end_of_day(day)))
                for day, pks in by_date.items()
            ],
            default=Value(end_of_day(self.general)),
            output_field=DateTimeField(),
        )
        if not self.by_report:
            return unit
        report = Case(
            *[
                When(report_id=pk, then=Value(end_of_day(day)))
                for pk, day in self.by_report.items()
            ],
            default=Value(_EARLIEST),
            output_field=DateTimeField(),
        )
        return Greatest(unit, report, output_field=DateTimeField())


def _window_for(unit: OrgUnit, general: Window | None, specific: list[Window]) -> Window | None:
    """windows.rules.report_window without the queries: a window naming the unit or a
    unit above it (the newest) wins over the general one."""
    mine = [w for w in specific if any(unit.path.startswith(u.path) for u in w.units.all())]
    return max(mine, key=lambda w: (w.opens_on, w.pk)) if mine else general


def round_deadlines(
    rounds: list[Quarter], units: list[OrgUnit], *, per_unit: Iterable[Quarter] | None = None
) -> dict[Quarter, RoundDeadlines]:
    """Every round's deadlines (three queries: windows, their units, extensions); those
    of each unit only for the rounds in `per_unit` (all when None): a frozen round's
    figures were counted when it was frozen and only its general deadline is shown."""
    per_unit = set(rounds if per_unit is None else per_unit)
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
            units if round_ in per_unit else [],
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


# --- tallies per owner unit -------------------------------------------------------


@dataclass(slots=True)
class Tally:
    """One unit's figures in one round."""

    due: int = 0
    reported: int = 0
    on_time: int = 0
    budget: Decimal = Decimal(0)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BANDS, 0))

    @classmethod
    def total(cls, tallies: list[Tally]) -> Tally:
        """The figures of several units together."""
        return cls(
            due=sum(t.due for t in tallies),
            reported=sum(t.reported for t in tallies),
            on_time=sum(t.on_time for t in tallies),
            budget=sum((t.budget for t in tallies), Decimal(0)),
            counts={band: sum(t.counts[band] for t in tallies) for band in BANDS},
        )

    def as_json(self) -> dict:
        return {
            "due": self.due,
            "reported": self.reported,
            "on_time": self.on_time,
            "budget": str(self.budget),
            "counts": dict(self.counts),
        }

    @classmethod
    def from_json(cls, data: dict) -> Tally:
        return cls(
            due=data["due"],
            reported=data["reported"],
            on_time=data["on_time"],
            budget=Decimal(data["budget"]),
            counts={**dict.fromkeys(BANDS, 0), **data["counts"]},
        )


def live_tallies(round_: Quarter, deadlines: RoundDeadlines) -> dict[int, Tally]:
    """Owner unit pk → its live figures in the round, in one query grouped by unit: the
    projects due, those reported, in each band, and passed at their unit's step in time
    (`first_passed_at`, which the engine notes), and their budget totals.

    One row per unit with filtered counts, not a row per unit, state and band: the
    planner estimates a thousand units where it could not the CASEs' combinations, and
    hashes them instead of sorting every project (issue 20)."""
    # Among the projects due, round_state is REPORTED exactly for these (rounds.py).
    reported = sent_q()
    bands = {f"band_{i}": Count("pk", filter=reported & band_q(b)) for i, b in enumerate(BANDS)}
    rows = (
        round_projects(fiscal_year=round_.fiscal_year, quarter=round_.quarter)
        .filter(due_q(round_))
        .annotate(deadline=deadlines.expression())
        .order_by()
        .values("owner_unit")
        .annotate(
            due=Count("pk"),
            reported=Count("pk", filter=reported),
            on_time=Count(
                "pk", filter=reported & Q(round_report__first_passed_at__lt=F("deadline"))
            ),
            budget=Sum("budget_total"),
            **bands,
        )
        .values_list("owner_unit", "due", "reported", "on_time", "budget", *bands)
    )
    return {
        unit_pk: Tally(
            due=due,
            reported=reported,
            on_time=on_time,
            budget=_money(budget),
            counts=dict(zip(BANDS, counts, strict=True)),
        )
        for unit_pk, due, reported, on_time, budget, *counts in plain_rows(rows)
    }


def _money(total) -> Decimal:
    """A sum of baht as read without converters: PostgreSQL gives a Decimal, SQLite a
    float (exact to the satang for any budget it holds)."""
    return Decimal(str(total)).quantize(Decimal("0.01"))


def tallies_to_keep(round_: Quarter) -> dict[str, dict]:
    """The round's live figures per owner unit code, as a frozen round keeps them
    (RoundTallies.units, written when the round is frozen)."""
    units = list(OrgUnit.objects.only("code", "path"))
    deadlines = round_deadlines([round_], units)[round_]
    codes = {u.pk: u.code for u in units}
    return {codes[pk]: t.as_json() for pk, t in live_tallies(round_, deadlines).items()}


def _frozen(rounds: list[Quarter]) -> dict[Quarter, RoundTallies]:
    """The frozen rounds among `rounds` and what they kept for comparisons (one query;
    the snapshots' figures, with every project's row, are not read)."""
    kept = (
        RoundTallies.objects.filter(
            snapshot__fiscal_year__in={r.fiscal_year for r in rounds},
            snapshot__quarter__in={r.quarter for r in rounds},
        )
        .select_related("snapshot")
        .only("units", "groups", "snapshot__fiscal_year", "snapshot__quarter", "snapshot__taken_at")
    )
    frozen = {}
    for tallies in kept:
        round_ = Quarter(tallies.snapshot.fiscal_year, tallies.snapshot.quarter)
        if round_ in rounds:
            frozen[round_] = tallies
    return frozen


# --- the comparison ---------------------------------------------------------------


def _wanted_ancestors(units: Iterable, wanted: set[str]) -> dict[int, list[str]]:
    """Unit pk → the paths of the wanted units at or above it (once per comparison)."""
    ancestors = {}
    for unit in units:
        if paths := [path for path in ancestor_paths(unit.path) if path in wanted]:
            ancestors[unit.pk] = paths
    return ancestors


def _rolled_up(tallies: dict[int, Tally], ancestors: dict[int, list[str]]) -> dict[str, Tally]:
    """Path of each wanted unit → the figures of its subtree (each unit's counted in those
    of its wanted ancestors: the work grows with units, never with projects)."""
    members: dict[str, list[Tally]] = {}
    for pk, tally in tallies.items():
        for path in ancestors.get(pk, ()):
            members.setdefault(path, []).append(tally)
    return {path: Tally.total(subtree) for path, subtree in members.items()}


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


def _tallies(
    rounds: list[Quarter],
    frozen: dict[Quarter, RoundTallies],
    deadlines: dict[Quarter, RoundDeadlines],
    every: list[OrgUnit],
) -> dict[Quarter, dict[int, Tally]]:
    """Round → owner unit pk → its figures: kept ones for frozen rounds, live for others.

    A kept unit code that no longer names a unit is left out (units are never deleted;
    a code is never reused)."""
    by_code = {u.code: u for u in every}
    tallies: dict[Quarter, dict[int, Tally]] = {}
    for round_, kept in frozen.items():
        tallies[round_] = {
            by_code[code].pk: Tally.from_json(data)
            for code, data in kept.units.items()
            if code in by_code
        }
    for round_ in rounds:
        if round_ not in frozen:
            tallies[round_] = live_tallies(round_, deadlines[round_])
    return tallies


def comparison(*, units: list[OrgUnit], rounds: list[Quarter]) -> dict:
    """The figures of every chosen unit in every round: one row per unit and round, the
    units in the order given and each unit's rounds oldest first."""
    every = list(OrgUnit.objects.values_list("pk", "code", "path", named=True))
    frozen = _frozen(rounds)
    live = [round_ for round_ in rounds if round_ not in frozen]
    deadlines = round_deadlines(rounds, every, per_unit=live) if rounds else {}
    tallies = _tallies(rounds, frozen, deadlines, every)
    ancestors = _wanted_ancestors(every, {unit.path for unit in units})
    rolled = {round_: _rolled_up(tallies[round_], ancestors) for round_ in rounds}
    groups = {round_: {g["unit"]: g for g in kept.groups} for round_, kept in frozen.items()}
    rows = [
        _row(
            unit,
            round_,
            rolled[round_].get(unit.path, Tally()),
            frozen=round_ in frozen,
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
                "frozen": r in frozen,
                "taken_at": frozen[r].snapshot.taken_at if r in frozen else None,
                "unit_deadline": deadlines[r].general,
            }
            for r in rounds
        ],
        "units": [{"unit": u.code, "level": u.kind, "name": u.name_th} for u in units],
        "rows": rows,
    }
