"""factory_boy factories for level-3 plans and their annual achievement reports."""

from datetime import date
from decimal import Decimal

import factory

from approvals.models import ItemStatus
from projects.models import Level3Indicator, Level3IndicatorTarget, Level3Plan, Level3PlanType
from reporting.models import WindowKind
from tests.factories import WindowFactory, existing_unit


class Level3PlanFactory(factory.django.DjangoModelFactory):
    """An approved action plan of สตป. (0209) for 2566–2570."""

    class Meta:
        model = Level3Plan

    name = factory.Sequence(lambda n: f"แผนปฏิบัติการด้านแรงงานทดสอบ ระยะที่ {n + 1}")
    plan_type = Level3PlanType.ACTION
    owner_unit = existing_unit("0209")
    start_year = 2566
    end_year = 2570
    status = ItemStatus.APPROVED


class Level3IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Level3Indicator

    plan = factory.SubFactory(Level3PlanFactory)
    goal = "แรงงานมีงานทำและมีรายได้มั่นคง"
    name = factory.Sequence(lambda n: f"จำนวนแรงงานที่ได้รับการพัฒนา ตัวชี้วัดที่ {n + 1}")
    unit_of_measure = "คน"
    position = factory.Sequence(int)


class Level3IndicatorTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Level3IndicatorTarget

    indicator = factory.SubFactory(Level3IndicatorFactory)
    year = 2566
    value = Decimal("1000.00")


def plan_with_indicators(count: int = 2, *, year: int = 2566, **fields) -> Level3Plan:
    """An approved plan with `count` indicators, each targeting 1,000 in `year`."""
    plan = Level3PlanFactory(**fields)
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
