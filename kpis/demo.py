"""Demo KPIs for `make run`: seed 003's monthly report of fiscal year 2568, round 2.

The data sit in a KPI workbook (data/pbms_2568.xlsx, the format of
shared/spec/exchange.md section 3) and are loaded through the same importer
as any unit's file, so the demo exercises it. The workbook holds the action
plan's seven projects (a `projects` sheet), seed 003's KPIs with their
12-month and 2-month targets and 2-month results, the activities of the
units below plan with the seed's หมายเหตุ, and, for the central units whose
figure alone the seed gives, illustrative KPIs that reproduce it (each row's
extra `source` column says which is which). `manage.py kpi_report
--fiscal-year 2568 --month 2 --json` then gives seed 003's ตารางที่ 1 and 2.
Running it again changes nothing (the import is idempotent).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

from core.clock import freeze, today
from orgs.models import User

from .models import Kpi
from .periods import month_end
from .workbook import import_kpi_workbook

DEMO_WORKBOOK = Path(__file__).resolve().parent / "data" / "pbms_2568.xlsx"
DEMO_FISCAL_YEAR = 2568
DEMO_MONTH = 2  # seed 003's round: October and November 2567


def seed_kpis(*, user: User) -> int:
    """Import the demo workbook as `user` (its importer of record); returns how many
    KPIs the demo's year has. On a clock set before seed 003's month ended (a test's),
    the import runs on the day after it: the importer refuses results of months to come."""
    data = DEMO_WORKBOOK.read_bytes()
    after = month_end(DEMO_FISCAL_YEAR, DEMO_MONTH) + timedelta(days=1)
    if today() < after:
        with freeze(datetime.combine(after, time(9))):
            import_kpi_workbook(data=data, user=user, check_permissions=False)
    else:
        import_kpi_workbook(data=data, user=user, check_permissions=False)
    return Kpi.objects.filter(fiscal_year=DEMO_FISCAL_YEAR).count()
