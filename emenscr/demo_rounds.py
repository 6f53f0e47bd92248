"""The demo's past rounds: last fiscal year's and the two before it, with quarterly
reports submitted and approved on days of their round, so the approval trail tells
when each was sent and when it passed the unit's step. Most pass by the unit deadline,
some after it (marked late, as the deadline pass would have marked them), and a few
projects never report; the comparisons across years (reporting/compare.py), the board
and the public pages then have years to set side by side.

Deterministic: each year's choices come from a generator seeded with the year's
distance from the current fiscal year, so the demo reads the same whenever it is
loaded, and loading it again changes nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from approvals.models import Approval, ItemStatus
from approvals.services.records import items_record_imported
from core import fiscal
from core.clock import freeze, now, today
from projects.models import Project
from reporting.models import QuarterlyReport
from reporting.selectors import round_window
from reporting.snapshots import round_snapshot_take
from windows.models import Window

# (days after the quarter's end a report was sent, days after it that it passed the
# unit's step); the proposed unit deadline is the 16th day (windows.rules), the chain's
# the 30th.
ON_TIME_DAYS = [(4, 9), (7, 13), (10, 16), (12, 15)]
LATE_DAYS = [(9, 19), (14, 23), (15, 27)]
LATE_SHARE = 0.25
MISSING_SHARE = 0.08
QUARTER_BUDGET = Decimal("300000.00")


@dataclass(frozen=True)
class PlannedReport:
    project: Project
    quarter: int
    progress: int
    sent_on: date
    passed_on: date | None  # None: still waiting at the unit's step


def rising_progress(rng: random.Random, quarters: int = 4) -> tuple[int, ...]:
    """A project's progress over the year's quarters: rising, some reaching 100 %."""
    values, value = [], rng.randint(5, 35)
    for _ in range(quarters):
        values.append(min(value, 100))
        value += rng.randint(10, 32)
    return tuple(values)


def plan_reports(
    projects: list[Project],
    fiscal_year: int,
    *,
    rng: random.Random,
    progress: dict[int, tuple[int, ...]],
    waiting: tuple[int, ...] = (),
    always: set[int] = frozenset(),
) -> list[PlannedReport]:
    """Each project's report of each quarter: when sent and passed (a late one now and
    then); the quarters in `waiting` stay at the unit's step. A project outside `always`
    sometimes does not report."""
    planned = []
    for project in projects:
        for quarter, percent in enumerate(progress[project.pk], start=1):
            if project.pk not in always and rng.random() < MISSING_SHARE:
                continue
            sent, passed = rng.choice(LATE_DAYS if rng.random() < LATE_SHARE else ON_TIME_DAYS)
            end = fiscal.Quarter(fiscal_year, quarter).end
            planned.append(
                PlannedReport(
                    project,
                    quarter,
                    percent,
                    end + timedelta(days=sent),
                    None if quarter in waiting else end + timedelta(days=passed),
                )
            )
    return planned


def _moment(day: date) -> datetime:
    """Ten in the morning in Bangkok, or now if that has not come yet."""
    return min(datetime.combine(day, time(10, 0), tzinfo=fiscal.BANGKOK), now())


def record_reports(planned: list[PlannedReport], fiscal_year: int, *, actor, comment: str) -> None:
    """Create the planned reports that do not exist yet and record their dated trail."""
    projects = {p.project.pk for p in planned}
    existing = set(
        QuarterlyReport.objects.filter(project__in=projects, fiscal_year=fiscal_year).values_list(
            "project_id", "quarter"
        )
    )
    planned = [p for p in planned if (p.project.pk, p.quarter) not in existing]
    QuarterlyReport.objects.bulk_create(_report(p, fiscal_year, actor) for p in planned)
    reports = {
        (r.project_id, r.quarter): r
        for r in QuarterlyReport.objects.filter(
            project__in=projects, fiscal_year=fiscal_year
        ).select_related("project__owner_unit")
    }
    deadlines = {
        q: window.unit_deadline
        for q in {p.quarter for p in planned}
        if (window := round_window(fiscal_year=fiscal_year, quarter=q))
    }
    sent, passed, late = [], [], []
    for plan in planned:
        report = reports[(plan.project.pk, plan.quarter)]
        unit = report.project.owner_unit
        sent.append((report, unit, ItemStatus.SUBMITTED, _moment(plan.sent_on)))
        if plan.passed_on is None:
            continue
        passed.append((report, unit, ItemStatus.APPROVED, _moment(plan.passed_on)))
        if plan.quarter in deadlines and plan.passed_on > deadlines[plan.quarter]:
            late.append(report.pk)
    # Imports at their moments: the trail reads as it happened.
    for entries in (sent, passed):
        items_record_imported(entries=entries, actor=actor, comment=comment)
    # Waiting at the unit's step when the unit deadline passed: the deadline pass marks
    # such items late; these rounds closed before the demo existed.
    Approval.objects.filter(
        content_type=ContentType.objects.get_for_model(QuarterlyReport), object_id__in=late
    ).update(is_late=True)


def _report(plan: PlannedReport, fiscal_year: int, actor) -> QuarterlyReport:
    quarter, percent = plan.quarter, plan.progress
    return QuarterlyReport(
        project=plan.project,
        fiscal_year=fiscal_year,
        quarter=quarter,
        progress_percent=Decimal(percent),
        disbursed=QUARTER_BUDGET * percent // 100,
        result=f"ดำเนินกิจกรรมตามแผนไตรมาส {quarter} (ข้อมูลสาธิต)",
        problems="" if percent == 100 else "การเบิกจ่ายล่าช้ากว่าแผนเนื่องจากรอผลการจัดซื้อจัดจ้าง",
        created_by=actor,
    )


def approve_projects_on(projects: list[Project], day: date, *, actor, comment: str) -> None:
    """The year's project entries approved (an import) on `day`, those not approved yet."""
    entries = [
        (p, p.owner_unit, ItemStatus.APPROVED) for p in projects if p.status != ItemStatus.APPROVED
    ]
    if entries:
        with freeze(_moment(day)):
            items_record_imported(entries=entries, actor=actor, comment=comment)


def freeze_rounds(fiscal_year: int, quarters) -> None:
    for quarter in quarters:
        round_snapshot_take(
            fiscal_year=fiscal_year, quarter=quarter, reason="ปิดรอบตามกำหนด (ข้อมูลสาธิต)"
        )


def close_windows(fiscal_year: int) -> None:
    """The year's windows that ended, as the deadline pass left them when they did: announced,
    lateness checked and locked (so `make run`'s first pass has nothing to say of them)."""
    for window in Window.objects.filter(
        fiscal_year=fiscal_year, chain_deadline__lt=today(), locked_at__isnull=True
    ):
        window.opened_at = _moment(window.opens_on)
        window.late_marked_at = _moment(window.unit_deadline + timedelta(days=1))
        window.locked_at = _moment(window.chain_deadline + timedelta(days=1))
        window.save(update_fields=["opened_at", "late_marked_at", "locked_at"])
