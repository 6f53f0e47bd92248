"""The demo's seed 003 month loads whatever the clock says (tests set it to other years)."""

from datetime import datetime

import pytest

from core.clock import freeze
from kpis.demo import DEMO_FISCAL_YEAR, seed_kpis
from kpis.models import KpiResult
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_seed_003s_month_loads_on_a_clock_set_before_it():
    with freeze(datetime(2024, 1, 10, 10, 0)):
        assert seed_kpis(user=UserFactory()) > 0

    assert KpiResult.objects.filter(kpi__fiscal_year=DEMO_FISCAL_YEAR, month=2).exists()
