"""Per cent of target and the traffic light of seed 003, as pure functions.

The criteria (seed 003, section 1): at or above plan (100) is green, up to
five per cent below plan (95.00–99.99) is yellow, further below is red. A KPI
with nothing planned up to the month is not yet due, unless the unit already
reports a result: seed 003 counts such a project as 100, "ahead of plan".

Percentages are capped at 100 (doing more than planned is "as planned"; seed
003's project 2 shows 100 for KPIs at 110 % and 107 %). Every figure is kept
unrounded and computed from its members' unrounded figures; it is rounded
half-up to two decimals only when shown (`rounded`), and the light is chosen
from the shown figure, so the light always matches the figure printed beside
it. (Averaging rounded members drifts: seed 003's projects average 4.74 of
the year, where their printed figures would give 4.75.)

Aggregates follow the notes under seed 003's ตารางที่ 1:
1. the per cent against the target to date averages only quantitative KPIs
   that are due (or ahead of plan);
2. the per cent against the 12-month target averages every quantitative KPI.
A group's per cent is the plain mean of its members' per cents (a project of
its KPIs, a division of its groups, the overall row of its projects or units).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

FULL = Decimal(100)
GREEN_FROM = Decimal(100)
YELLOW_FROM = Decimal(95)
_CENT = Decimal("0.01")


class Light(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    NOT_DUE = "not_due"

    @property
    def label(self) -> str:
        return LIGHT_LABELS[self]


LIGHT_LABELS = {
    Light.GREEN: "สีเขียว (ผ่าน)",
    Light.YELLOW: "สีเหลือง (ต้องปรับปรุง)",
    Light.RED: "สีแดง (ต้องเร่งรัด)",
    Light.NOT_DUE: "ยังไม่ถึงกำหนด",
}


def rounded(value: Decimal) -> Decimal:
    """Two decimals, half-up (how Thai government reports round): the figure as shown."""
    return Decimal(value).quantize(_CENT, rounding=ROUND_HALF_UP)


def shown(value: Decimal | None) -> str | None:
    """The figure as printed: "92.23"; None (nothing due) stays None."""
    return None if value is None else f"{rounded(value):.2f}"


def light_of(percent: Decimal | None) -> Light:
    """The light for a per cent of plan; None (nothing due) is not yet due."""
    if percent is None:
        return Light.NOT_DUE
    figure = rounded(Decimal(percent))
    if figure >= GREEN_FROM:
        return Light.GREEN
    if figure >= YELLOW_FROM:
        return Light.YELLOW
    return Light.RED


def percent_of(result: Decimal | None, target: Decimal | None) -> Decimal | None:
    """Result as a per cent of target, capped at 100 (unrounded); None when there is no target."""
    if target is None or target <= 0:
        return None
    return min(FULL, Decimal(result or 0) * FULL / Decimal(target))


@dataclass(frozen=True)
class KpiScore:
    """One KPI at one month."""

    percent_to_date: Decimal | None
    percent_of_year: Decimal | None
    ahead_of_plan: bool = False

    @property
    def light(self) -> Light:
        return light_of(self.percent_to_date)

    @property
    def is_due(self) -> bool:
        return self.percent_to_date is not None

    @property
    def below_plan(self) -> bool:
        """Due and short of plan as shown (yellow or red): seed 003 asks why."""
        return self.light in (Light.YELLOW, Light.RED)


def score_kpi(
    *, target_to_date: Decimal | None, result_to_date: Decimal | None, annual_target: Decimal
) -> KpiScore:
    """Per cent against the cumulative target to date and against the 12-month target."""
    of_year = percent_of(result_to_date, annual_target)
    if target_to_date is None or target_to_date <= 0:
        if result_to_date is not None and result_to_date > 0:
            return KpiScore(FULL, of_year, ahead_of_plan=True)
        return KpiScore(None, of_year)
    return KpiScore(percent_of(result_to_date, target_to_date), of_year)


def mean(values: Iterable[Decimal | None]) -> Decimal | None:
    """The (unrounded) mean of the values that are not None; None when there are none."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return sum(present, Decimal(0)) / len(present)


@dataclass(frozen=True)
class GroupScore:
    """A project, a unit or an overall row: the mean of its members' per cents.

    Ahead of plan: due only through members that report before their plan
    (seed 003: "โครงการที่ดำเนินการก่อนแผน").
    """

    percent_to_date: Decimal | None
    percent_of_year: Decimal | None
    ahead_of_plan: bool = False

    @property
    def light(self) -> Light:
        return light_of(self.percent_to_date)

    @property
    def is_due(self) -> bool:
        return self.percent_to_date is not None


def score_group(members: Iterable[KpiScore | GroupScore]) -> GroupScore:
    """Mean per cent to date over the due members, mean per cent of year over all."""
    members = list(members)
    due = [m for m in members if m.is_due]
    return GroupScore(
        percent_to_date=mean(m.percent_to_date for m in members),
        percent_of_year=mean(m.percent_of_year for m in members),
        ahead_of_plan=bool(due) and all(m.ahead_of_plan for m in due),
    )


def count_lights(scores: Iterable[KpiScore | GroupScore]) -> dict[Light, int]:
    """How many members are at each light (every light present, zero or not)."""
    counts = dict.fromkeys(Light, 0)
    for score in scores:
        counts[score.light] += 1
    return counts
