"""Factories for monthly KPIs."""

from decimal import Decimal

import factory

from kpis.models import Kpi, KpiResult, KpiTarget
from tests.factories import existing_unit


class KpiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kpi

    code = factory.Sequence(lambda n: f"68-T-{n:04d}")
    fiscal_year = 2568
    unit = existing_unit("0209-3")
    name = factory.Sequence(lambda n: f"ตัวชี้วัดทดสอบที่ {n}")
    unit_of_measure = "คน"
    annual_target = Decimal(1200)
    is_quantitative = True
    position = factory.Sequence(int)


class KpiTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KpiTarget

    kpi = factory.SubFactory(KpiFactory)
    month = 1
    cumulative_value = Decimal(100)


class KpiResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KpiResult

    kpi = factory.SubFactory(KpiFactory)
    month = 1
    value = Decimal(100)


def planned_kpi(*, targets: dict[int, int], results: dict[int, int] | None = None, **fields) -> Kpi:
    """A KPI with cumulative targets {month: value} and monthly results {month: value}."""
    kpi = KpiFactory(**fields)
    for month, value in targets.items():
        KpiTargetFactory(kpi=kpi, month=month, cumulative_value=Decimal(value))
    for month, value in (results or {}).items():
        KpiResultFactory(kpi=kpi, month=month, value=Decimal(value))
    return kpi
