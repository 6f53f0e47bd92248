"""factory_boy factories for level-3 plans and their annual achievement reports."""

from datetime import date

from approvals.models import ItemStatus
from projects.models import Level3Plan
from tests.factories import (
    Level3IndicatorFactory,
    Level3IndicatorTargetFactory,
    Level3PlanFactory,
    WindowFactory,
)
from windows.models import WindowKind


def plan_with_indicators(count: int = 2, *, year: int = 2566, **fields) -> Level3Plan:
    """An approved plan with `count` indicators, each targeting 1,000 in `year`."""
    plan = Level3PlanFactory(**{"status": ItemStatus.APPROVED, **fields})
    for _ in range(count):
        Level3IndicatorTargetFactory(indicator=Level3IndicatorFactory(plan=plan), year=year)
    return plan


def annual_window(year: int = 2566, **fields):
    """The window for the achievements of `year` (fiscal year `year + 1`): seed 001's
    general one, 1 Oct – 30 Dec of `year` (ค.ศ. dates)."""
    christian = year - 543
    defaults = {
        "fiscal_year": year + 1,
        "kind": WindowKind.ANNUAL_REPORT,
        "quarter": None,
        "name": f"รายงานผลสัมฤทธิ์แผนรายปี พ.ศ. {year}",
        "opens_on": date(christian, 10, 1),
        "unit_deadline": date(christian, 12, 15),
        "chain_deadline": date(christian, 12, 30),
    }
    return WindowFactory(**{**defaults, **fields})
