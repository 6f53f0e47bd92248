"""Writes of annual achievement reports: starting and saving one within its window,
and what must hold before it goes up the chain (M7)."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from approvals.models import ItemStatus
from approvals.services.editing import item_guard_edit
from core import fiscal
from core.clock import today
from orgs.models import User
from orgs.permissions import can, require
from projects.models import Level3Plan
from windows.models import Window
from windows.rules import annual_report_window, entry_open, window_closed_message

from ..models import AnnualIndicatorResult, AnnualReport
from .selectors import plans_due

TEXT_FIELDS = ["summary", "problems", "suggestions"]
# AnnualIndicatorResult.result_value holds 18 digits, two after the point.
LARGEST_RESULT = Decimal("1e16")


def annual_report_start(*, user: User, plan: Level3Plan, year: int) -> AnnualReport:
    """The plan's report for `year`: the existing one, or a new draft with one empty
    result row for each of the plan's indicators."""
    if not can(user, "annualreport.edit", plan):
        raise PermissionDenied("คุณไม่มีสิทธิ์รายงานผลสัมฤทธิ์ของแผนนี้")
    existing = AnnualReport.objects.filter(plan=plan, year=year).first()
    if existing:
        return existing
    window = annual_report_start_window(plan=plan, year=year)
    with transaction.atomic():
        report = AnnualReport.objects.create(plan=plan, year=year, window=window, created_by=user)
        AnnualIndicatorResult.objects.bulk_create(
            AnnualIndicatorResult(report=report, indicator=indicator)
            for indicator in plan.indicators.all()
        )
    return report


def annual_report_start_window(*, plan: Level3Plan, year: int) -> Window:
    """The window a new report of the plan for `year` is started in; a ValidationError
    (in Thai) when it may not be started today. Reads only: a page asks it before
    offering the button that starts the report."""
    if not plans_due(year=year).filter(pk=plan.pk).exists():
        raise ValidationError(
            f"แผนนี้ไม่ต้องรายงานผลสัมฤทธิ์ของปี {year} (แผนยังไม่ได้รับอนุมัติ หรือปีนี้ไม่อยู่ในช่วงระยะเวลาของแผน)"
        )
    return _open_window(plan, year)


def _open_window(plan: Level3Plan, year: int, item=None) -> Window:
    """The window that concerns the plan's unit, if entry is open in it today
    (extensions for the unit or the report honoured)."""
    unit = plan.owner_unit
    window = annual_report_window(year=year, unit=unit)
    if window is None:
        raise ValidationError(f"ยังไม่ได้เปิดรอบรายงานผลสัมฤทธิ์แผนรายปี พ.ศ. {year}")
    if not entry_open(window=window, unit=unit, on=today(), item=item):
        if today() < window.opens_on:
            raise ValidationError(
                f"{window} ยังไม่เปิด (เปิดระบบวันที่ {fiscal.format_thai_date(window.opens_on)})"
            )
        raise ValidationError(window_closed_message(window, unit, item))
    return window


def annual_report_save(
    *, user: User, report: AnnualReport, data: dict, results: dict[int, dict]
) -> AnnualReport:
    """Save the form as a draft: `data` holds the texts, `results` maps indicator ids
    to {"result_value", "note"}."""
    require(user, "annualreport.edit", report)
    with transaction.atomic():
        locked = (
            AnnualReport.objects.select_for_update()
            .select_related("plan__owner_unit")
            .get(pk=report.pk)
        )
        if locked.status != ItemStatus.SUBMITTED:
            _open_window(locked.plan, locked.year, item=locked)
        _check_results(results)
        item_guard_edit(item=locked, actor=user)
        for name in TEXT_FIELDS:
            setattr(locked, name, (data.get(name) or "").strip())
        locked.save(update_fields=TEXT_FIELDS + ["updated_at"])
        allowed = set(locked.plan.indicators.values_list("pk", flat=True))
        for indicator_id, values in results.items():
            if indicator_id in allowed:
                AnnualIndicatorResult.objects.update_or_create(
                    report=locked,
                    indicator_id=indicator_id,
                    defaults={
                        "result_value": values.get("result_value"),
                        "note": (values.get("note") or "").strip(),
                    },
                )
    return locked


def _check_results(results: dict[int, dict]) -> None:
    for values in results.values():
        value = values.get("result_value")
        if value is None:
            continue
        if not isinstance(value, Decimal) or not value.is_finite():
            raise ValidationError("ผลที่ได้ของตัวชี้วัดต้องเป็นตัวเลข")
        if abs(value) >= LARGEST_RESULT:
            raise ValidationError("ผลที่ได้ของตัวชี้วัดมีค่ามากเกินไป")


def annual_report_submit_checks(report: AnnualReport) -> list[str]:
    """What must hold before an annual report goes up the chain."""
    problems = []
    indicators = list(report.plan.indicators.order_by("position", "pk"))
    if not indicators:
        problems.append("แผนนี้ยังไม่มีตัวชี้วัด กรุณาเพิ่มตัวชี้วัดในแผนก่อนรายงานผลสัมฤทธิ์")
    reported = set(
        report.results.filter(result_value__isnull=False).values_list("indicator_id", flat=True)
    )
    problems += [
        f"ยังไม่ได้กรอกผลที่ได้ของตัวชี้วัด “{indicator.name}”"
        for indicator in indicators
        if indicator.pk not in reported
    ]
    if not report.summary.strip():
        problems.append("ยังไม่ได้กรอกสรุปผลสัมฤทธิ์")
    try:
        _open_window(report.plan, report.year, item=report)
    except ValidationError as exc:
        problems.extend(exc.messages)
    return problems
