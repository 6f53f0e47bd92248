"""Writes: a unit's monthly results."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from core.clock import now, today
from orgs.models import OrgUnit, User
from orgs.permissions import require

from .models import Kpi, KpiResult
from .periods import month_name, month_start


def kpi_results_save(
    *,
    user: User,
    unit: OrgUnit,
    fiscal_year: int,
    month: int,
    values: dict[int, Decimal | None],
) -> int:
    """Record the unit's results for one month: KPI id → the month's value (None clears it).

    Returns how many KPIs changed. Runs a fixed number of queries whatever
    the number of KPIs: one read, one bulk insert, one bulk update, one delete.
    """
    require(user, "kpi.enter", unit)
    if month_start(fiscal_year, month) > today():
        raise ValidationError(f"ยังไม่ถึงเดือน{month_name(fiscal_year, month)} จึงยังบันทึกผลของเดือนนี้ไม่ได้")
    with transaction.atomic():
        kpis = set(
            Kpi.objects.filter(unit=unit, fiscal_year=fiscal_year, pk__in=values).values_list(
                "pk", flat=True
            )
        )
        if kpis != set(values):
            raise ValidationError("มีตัวชี้วัดที่ไม่ใช่ของหน่วยงานนี้ในปีงบประมาณนี้ กรุณาเปิดหน้านี้ใหม่")
        existing = {
            r.kpi_id: r
            for r in KpiResult.objects.select_for_update().filter(kpi_id__in=kpis, month=month)
        }
        return _apply(existing, values, user=user, month=month)


def _apply(
    existing: dict[int, KpiResult], values: dict[int, Decimal | None], *, user: User, month: int
) -> int:
    created, changed, cleared = [], [], []
    for kpi_id, value in values.items():
        row = existing.get(kpi_id)
        if value is None:
            if row is not None:
                cleared.append(row.pk)
        elif row is None:
            created.append(KpiResult(kpi_id=kpi_id, month=month, value=value, entered_by=user))
        elif row.value != value:
            row.value, row.entered_by, row.updated_at = value, user, now()
            changed.append(row)
    for row in created + changed:
        # Field checks only (digits, not negative): the unique and check
        # constraints hold in the database, and checking them here would
        # cost queries per row.
        row.clean_fields(exclude=["kpi", "entered_by"])
    KpiResult.objects.bulk_create(created)
    KpiResult.objects.bulk_update(changed, ["value", "entered_by", "updated_at"])
    KpiResult.objects.filter(pk__in=cleared).delete()
    return len(created) + len(changed) + len(cleared)
