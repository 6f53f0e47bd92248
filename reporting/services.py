"""Writes of M6: starting and saving a quarterly report within its window."""

from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction

from approvals.models import ItemStatus
from approvals.services.editing import item_guard_edit
from core.clock import today
from core.fiscal import format_thai_date
from core.validation import NUL_MESSAGE, has_nul, refuse_nul_characters
from orgs.models import User
from orgs.permissions import can, require
from projects.models import Project
from windows.rules import entry_open, report_window, window_closed_message

from .models import QuarterlyReport, ReportActivityProgress, ReportTargetProgress
from .rounds import projects_due

TEXT_FIELDS = [
    "contribution_level1",
    "contribution_level2",
    "contribution_level3",
    "result",
    "problems",
    "suggestions",
]
REPORT_FIELDS = ["progress_percent", "disbursed", *TEXT_FIELDS]


def report_start_window(*, user: User, project: Project, fiscal_year: int, quarter: int):
    """The window a new report of the project would belong to; refuses, writing nothing,
    when the user may not report it or the round is not open for it."""
    if not can(user, "report.edit", project):
        raise PermissionDenied("คุณไม่มีสิทธิ์รายงานผลโครงการของหน่วยงานนี้")
    if not projects_due(fiscal_year=fiscal_year, quarter=quarter).filter(pk=project.pk).exists():
        raise ValidationError(
            "โครงการนี้ไม่อยู่ในรอบรายงานไตรมาสนี้ (ระยะเวลาโครงการไม่ครอบคลุมไตรมาส หรือยังไม่ได้รับอนุมัติ)"
        )
    return _open_window(project, fiscal_year, quarter)


def report_start(
    *, user: User, project: Project, fiscal_year: int, quarter: int
) -> QuarterlyReport:
    """The project's report for the round: the existing one, or a new draft that
    starts from the previous quarter's answers."""
    existing = QuarterlyReport.objects.filter(
        project=project, fiscal_year=fiscal_year, quarter=quarter
    ).first()
    if existing:
        if not can(user, "report.edit", project):
            raise PermissionDenied("คุณไม่มีสิทธิ์รายงานผลโครงการของหน่วยงานนี้")
        return existing
    window = report_start_window(
        user=user, project=project, fiscal_year=fiscal_year, quarter=quarter
    )
    with transaction.atomic():
        report = QuarterlyReport.objects.create(
            project=project,
            fiscal_year=fiscal_year,
            quarter=quarter,
            window=window,
            created_by=user,
        )
        _copy_previous(report)
    return report


def _open_window(project: Project, fiscal_year: int, quarter: int, item=None):
    window = report_window(fiscal_year=fiscal_year, quarter=quarter, unit=project.owner_unit)
    if window is None:
        raise ValidationError(f"ยังไม่ได้เปิดรอบรายงานไตรมาส {quarter}/{fiscal_year}")
    if not entry_open(window=window, unit=project.owner_unit, on=today(), item=item):
        if today() < window.opens_on:
            raise ValidationError(
                f"{window} ยังไม่เปิด (เปิดระบบวันที่ {format_thai_date(window.opens_on)})"
            )
        raise ValidationError(window_closed_message(window, project.owner_unit, item))
    return window


def _copy_previous(report: QuarterlyReport) -> None:
    previous = (
        QuarterlyReport.objects.filter(project=report.project)
        .exclude(pk=report.pk)
        .order_by("-fiscal_year", "-quarter")
        .first()
    )
    if previous is None or (previous.fiscal_year, previous.quarter) > (
        report.fiscal_year,
        report.quarter,
    ):
        return
    for name in ["progress_percent", *TEXT_FIELDS]:
        setattr(report, name, getattr(previous, name))
    report.save(update_fields=["progress_percent", *TEXT_FIELDS])
    ReportTargetProgress.objects.bulk_create(
        ReportTargetProgress(
            report=report, target_id=t.target_id, result_value=t.result_value, progress=t.progress
        )
        for t in previous.target_progress.all()
    )
    ReportActivityProgress.objects.bulk_create(
        ReportActivityProgress(
            report=report,
            activity_id=a.activity_id,
            progress_percent=a.progress_percent,
            note=a.note,
        )
        for a in previous.activity_progress.all()
    )


def report_save(
    *, user: User, report: QuarterlyReport, data: dict, targets: dict, activities: dict
) -> QuarterlyReport:
    """Save the M6 form as a draft: `targets` and `activities` map ids to their rows."""
    require(user, "report.edit", report.project)
    with transaction.atomic():
        locked = (
            QuarterlyReport.objects.select_for_update()
            .select_related("project__owner_unit")
            .get(pk=report.pk)
        )
        if locked.status != ItemStatus.SUBMITTED:
            _open_window(locked.project, locked.fiscal_year, locked.quarter, item=locked)
        _check_input(locked, data, targets, activities)
        item_guard_edit(item=locked, actor=user)
        for name in REPORT_FIELDS:
            value = data.get(name)
            setattr(locked, name, (value or "").strip() if name in TEXT_FIELDS else value)
        refuse_nul_characters(locked)
        locked.save(update_fields=REPORT_FIELDS + ["updated_at"])
        _save_rows(
            locked,
            ReportTargetProgress,
            "target",
            targets,
            {t.pk for t in locked.project.targets.all()},
        )
        _save_rows(
            locked,
            ReportActivityProgress,
            "activity",
            activities,
            {a.pk for a in locked.project.activities.all()},
        )
    return locked


def _check_input(report: QuarterlyReport, data: dict, targets: dict, activities: dict) -> None:
    errors = report_input_problems(report=report, data=data, targets=targets, activities=activities)
    if errors:
        raise ValidationError(errors)


def report_input_problems(
    *, report: QuarterlyReport, data: dict, targets: dict, activities: dict
) -> dict[str, list[str]]:
    """Figures within their range and texts PostgreSQL can store (the form checks the
    same; a service called from elsewhere must not reach the database with them).
    Every problem at once, each row named, so one round trip shows them all."""
    errors: dict[str, list[str]] = {}
    percent, disbursed = data.get("progress_percent"), data.get("disbursed")
    if percent is not None and not Decimal(0) <= percent <= Decimal(100):
        errors["progress_percent"] = ["ความก้าวหน้าต้องอยู่ระหว่าง ๐ ถึง ๑๐๐"]
    if disbursed is not None and disbursed < 0:
        errors["disbursed"] = ["การเบิกจ่ายต้องไม่ติดลบ"]
    if disbursed is not None and disbursed >= Decimal("1e13"):
        errors["disbursed"] = ["จำนวนเงินมากเกินไป"]
    rows = _row_problems(report, targets, activities)
    if rows:
        errors[NON_FIELD_ERRORS] = rows
    return errors


def _row_problems(report: QuarterlyReport, targets: dict, activities: dict) -> list[str]:
    names = {a.pk: a.name for a in report.project.activities.all()}
    labels = {t.pk: t.description for t in report.project.targets.all()}
    problems = [
        f"ความก้าวหน้าของกิจกรรม “{names.get(pk, pk)}” ต้องอยู่ระหว่าง ๐ ถึง ๑๐๐"
        for pk, row in activities.items()
        if (value := row.get("progress_percent")) is not None
        and not Decimal(0) <= value <= Decimal(100)
    ]
    problems += [
        f"ผลที่ได้ของเป้าหมาย “{labels.get(pk, pk)}” มากเกินไป"
        for pk, row in targets.items()
        if (value := row.get("result_value")) is not None and abs(value) >= Decimal("1e15")
    ]
    if any(has_nul(v) for row in [*targets.values(), *activities.values()] for v in row.values()):
        problems.append(NUL_MESSAGE)
    return problems


def _save_rows(report, model, key: str, rows: dict, allowed: set[int]) -> None:
    for object_id, values in rows.items():
        if object_id not in allowed:
            continue
        model.objects.update_or_create(report=report, **{f"{key}_id": object_id}, defaults=values)


def report_submit_checks(report: QuarterlyReport) -> list[str]:
    """What must hold before a report goes up the chain."""
    problems = []
    if report.progress_percent is None:
        problems.append("ยังไม่ได้กรอกความก้าวหน้าของโครงการ (ร้อยละ)")
    if not report.result.strip():
        problems.append("ยังไม่ได้กรอกสรุปผลการดำเนินงาน")
    if (
        report.progress_percent is not None
        and report.progress_percent < 100
        and not report.problems.strip()
    ):
        problems.append("โครงการยังไม่แล้วเสร็จ กรุณาระบุปัญหาและอุปสรรค")
    try:
        _open_window(report.project, report.fiscal_year, report.quarter, item=report)
    except ValidationError as exc:
        problems.extend(exc.messages)
    return problems
