"""Writes: a unit's monthly results and the reasons for those off plan."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from core.clock import now, today
from orgs.models import OrgUnit, User
from orgs.permissions import require

from .lights import score_kpi
from .models import Kpi, KpiResult
from .periods import month_name, month_start
from .selectors import kpis_with_figures


class RemarksMissing(ValidationError):
    """Results that leave due KPIs below plan came without their reason (seed 003's
    หมายเหตุ); `by_kpi` maps each such KPI's id to a Thai message naming it."""

    def __init__(self, by_kpi: dict[int, str]):
        super().__init__(list(by_kpi.values()))
        self.by_kpi = by_kpi


def month_not_begun(fiscal_year: int, month: int) -> str:
    """The refusal for a month that has not begun, or "" (the entry page and the workbook)."""
    if month_start(fiscal_year, month) > today():
        return f"ยังไม่ถึงเดือน{month_name(fiscal_year, month)} จึงยังบันทึกผลของเดือนนี้ไม่ได้"
    return ""


def remark_missing(kpi: Kpi, *, value: Decimal | None, remark: str) -> str:
    """The refusal when the month's `value` leaves a due KPI below plan and no reason
    is given, or "". `kpi` carries kpis_with_figures' annotations to that month."""
    if value is None or remark.strip():
        return ""
    result = value
    if kpi.is_quantitative:  # the month's value replaces what was recorded for it
        result += (kpi.result_to_date or 0) - (kpi.result_this_month or 0)
    score = score_kpi(
        target_to_date=kpi.target_to_date, result_to_date=result, annual_target=kpi.annual_target
    )
    if not score.below_plan:
        return ""
    return f"ตัวชี้วัด “{kpi.name}” ยังไม่เป็นไปตามแผน: กรุณาระบุหมายเหตุ (เหตุผลที่ไม่เป็นไปตามแผน)"


def kpi_results_save(
    *,
    user: User,
    unit: OrgUnit,
    fiscal_year: int,
    month: int,
    values: dict[int, Decimal | None],
    remarks: dict[int, str] | None = None,
) -> int:
    """Record the unit's results for one month: KPI id → the month's value (None clears it)
    and, for a result below a due plan, its reason (required).

    Returns how many KPIs changed. Runs a fixed number of queries whatever
    the number of KPIs: one read, one bulk insert, one bulk update, one delete.
    """
    require(user, "kpi.enter", unit)
    remarks = {pk: (remarks or {}).get(pk, "").strip() for pk in values}
    refusal = month_not_begun(fiscal_year, month)
    if refusal:
        raise ValidationError(refusal)
    with transaction.atomic():
        kpis = {
            kpi.pk: kpi
            for kpi in kpis_with_figures(
                Kpi.objects.filter(unit=unit, fiscal_year=fiscal_year, pk__in=values), month=month
            )
        }
        if set(kpis) != set(values):
            raise ValidationError("มีตัวชี้วัดที่ไม่ใช่ของหน่วยงานนี้ในปีงบประมาณนี้ กรุณาเปิดหน้านี้ใหม่")
        missing = {
            pk: message
            for pk, kpi in kpis.items()
            if (message := remark_missing(kpi, value=values[pk], remark=remarks[pk]))
        }
        if missing:
            raise RemarksMissing(missing)
        existing = {
            r.kpi_id: r
            for r in KpiResult.objects.select_for_update().filter(kpi_id__in=kpis, month=month)
        }
        return _apply(existing, values, remarks, user=user, month=month)


def _apply(
    existing: dict[int, KpiResult],
    values: dict[int, Decimal | None],
    remarks: dict[int, str],
    *,
    user: User,
    month: int,
) -> int:
    created, changed, cleared = [], [], []
    for kpi_id, value in values.items():
        row, remark = existing.get(kpi_id), remarks[kpi_id]
        if value is None:
            if row is not None:
                cleared.append(row.pk)
        elif row is None:
            created.append(
                KpiResult(kpi_id=kpi_id, month=month, value=value, remark=remark, entered_by=user)
            )
        elif (row.value, row.remark) != (value, remark):
            row.value, row.remark, row.entered_by, row.updated_at = value, remark, user, now()
            changed.append(row)
    for row in created + changed:
        # Field checks only (digits, not negative): the unique and check
        # constraints hold in the database, and checking them here would
        # cost queries per row.
        row.clean_fields(exclude=["kpi", "entered_by"])
    KpiResult.objects.bulk_create(created)
    KpiResult.objects.bulk_update(changed, ["value", "remark", "entered_by", "updated_at"])
    KpiResult.objects.filter(pk__in=cleared).delete()
    return len(created) + len(changed) + len(cleared)
