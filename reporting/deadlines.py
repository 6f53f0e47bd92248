"""What Celery beat does about windows and deadlines (DESIGN.md section 5).

Each step takes the day from the one clock and is idempotent: stamps on the
window (opened_at, late_marked_at, locked_at) and dedupe keys on notices
make a second run send and change nothing.
"""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse

from approvals.models import Approval, ItemStatus
from approvals.selectors import holders_by_level, levels_by_unit
from approvals.services.notifications import Notice, notify_many
from core import fiscal
from core.clock import now
from orgs.models import OrgUnit, Role, RoleAssignment
from windows.models import Window, WindowKind

from .models import DeadlineRun
from .rounds import NOT_REPORTED, round_projects
from .snapshots import round_freeze_later

REMIND_DAYS = (7, 3, 1)
PENDING = [ItemStatus.DRAFT, ItemStatus.RETURNED]


def _people(window: Window, roles: list[str]) -> list[int]:
    """Active users holding `roles` at (or under, or above) the units the window concerns."""
    assignments = RoleAssignment.objects.active().filter(role__in=roles, user__is_active=True)
    units = list(window.units.all())
    if units:
        q = Q()
        for unit in units:
            q |= Q(unit__path__startswith=unit.path) | Q(unit_id__in=unit.ancestor_ids)
        assignments = assignments.filter(q)
    return sorted(set(assignments.values_list("user_id", flat=True)))


def announce_open_windows(on: date) -> int:
    """Tell staff and unit heads that a window has opened (once per window)."""
    sent = 0
    for window in Window.objects.filter(
        opens_on__lte=on, chain_deadline__gte=on, opened_at__isnull=True
    ):
        with transaction.atomic():
            locked = Window.objects.select_for_update().get(pk=window.pk)
            if locked.opened_at:
                continue
            title = f"เปิดรอบ: {locked} กำหนดส่ง {fiscal.format_thai_date(locked.unit_deadline)}"
            body = (
                f"หน่วยงานบันทึกข้อมูลและผู้บริหารหน่วยงานอนุมัติ (M7) ภายใน {fiscal.format_thai_date(locked.unit_deadline)} "
                f"และอนุมัติครบทุกขั้นภายใน {fiscal.format_thai_date(locked.chain_deadline)}"
            )
            users = _people(locked, [Role.STAFF, Role.DIVISION_DIRECTOR, Role.DEPARTMENT_HEAD])
            sent += notify_many(
                [
                    Notice(
                        u,
                        "window_open",
                        title,
                        body,
                        _entry_url(locked),
                        f"win{locked.pk}:open:{u}",
                    )
                    for u in users
                ]
            )
            locked.opened_at = now()
            locked.save(update_fields=["opened_at"])
    return sent


def remind_before_deadlines(on: date) -> int:
    """Remind whoever holds pending work 7, 3 and 1 days before each deadline."""
    sent = 0
    for window in Window.objects.filter(opens_on__lte=on, chain_deadline__gte=on):
        for name, deadline in (("unit", window.unit_deadline), ("chain", window.chain_deadline)):
            days = (deadline - on).days
            if days not in REMIND_DAYS:
                continue
            counts = _pending_counts(window, chain=name == "chain")
            title = f"อีก {days} วันถึง{'กำหนดส่งของหน่วยงาน' if name == 'unit' else 'กำหนดอนุมัติครบทุกขั้น'}: {window}"
            sent += notify_many(
                [
                    Notice(
                        u,
                        "reminder",
                        title,
                        f"มีรายการที่ต้องดำเนินการ {n} รายการ ภายใน {fiscal.format_thai_date(deadline)}",
                        reverse("approvals:inbox") if name == "chain" else _entry_url(window),
                        f"win{window.pk}:{name}:{days}:{u}",
                    )
                    for u, n in counts.items()
                ]
            )
    return sent


def _pending_counts(window: Window, *, chain: bool) -> dict[int, int]:
    """user id → how many items wait for them in this window."""

    counts: dict[int, int] = {}
    waiting = Approval.objects.filter(window=window, status=ItemStatus.SUBMITTED).select_related(
        "current_level", "unit"
    )
    if not chain:
        waiting = waiting.filter(at_the_units_step(waiting))
    waiting = list(waiting)
    holders = holders_by_level([(a.current_level, a.unit) for a in waiting])
    for approval in waiting:
        for user_id in holders.get((approval.current_level_id, approval.unit_id), []):
            counts[user_id] = counts.get(user_id, 0) + 1
    if not chain:
        for unit_id, n in _units_not_reported(window).items():
            for user_id in _staff_of(unit_id):
                counts[user_id] = counts.get(user_id, 0) + n
    return counts


def at_the_units_step(approvals) -> Q:
    """Those of `approvals` submitted and waiting at the first step that applies to their
    unit: the unit head's M7, which the unit deadline includes (a division's director; a
    department's own items start at its head's step). Three queries."""
    pairs = set(
        approvals.filter(status=ItemStatus.SUBMITTED)
        .order_by()
        .values_list("unit_id", "chain_id")
        .distinct()
    )
    units = OrgUnit.objects.in_bulk({unit for unit, _ in pairs})
    first: dict[int, list[int]] = {}
    for (unit, _), levels in levels_by_unit((units[u], c) for u, c in pairs).items():
        if levels:
            first.setdefault(levels[0].pk, []).append(unit)
    waiting = Q(pk__in=[])
    for level, unit_ids in first.items():
        waiting |= Q(status=ItemStatus.SUBMITTED, current_level_id=level, unit_id__in=unit_ids)
    return waiting


def _entry_url(window: Window) -> str:
    """Where staff do the window's work."""
    if window.kind == WindowKind.ANNUAL_REPORT:
        return f"{reverse('reporting:annual_list')}?year={window.fiscal_year - 1}"
    return reverse("reporting:rounds")


def _units_not_reported(window: Window) -> dict[int, int]:
    """For a report window: unit id → projects (quarterly) or level-3 plans (annual)
    due with no report sent up."""
    if window.kind == WindowKind.ANNUAL_REPORT:
        from .annual.selectors import units_not_reported

        return units_not_reported(window)
    if window.kind != WindowKind.QUARTERLY_REPORT:
        return {}
    rows = (
        round_projects(fiscal_year=window.fiscal_year, quarter=window.quarter)
        .filter(round_state=NOT_REPORTED)
        .values("owner_unit")
        .annotate(n=Count("pk"))
    )
    return {row["owner_unit"]: row["n"] for row in rows}


def _staff_of(unit_id: int) -> list[int]:
    unit = OrgUnit.objects.get(pk=unit_id)
    return list(
        RoleAssignment.objects.active()
        .filter(role=Role.STAFF, unit_id__in=unit.ancestor_ids)
        .values_list("user_id", flat=True)
    )


def mark_late_at_unit_deadline(on: date) -> int:
    """After the unit deadline: items the unit has not finished are late; heads and ป.ย.ป. are told."""
    marked = 0
    for window in Window.objects.filter(unit_deadline__lt=on, late_marked_at__isnull=True):
        with transaction.atomic():
            locked = Window.objects.select_for_update().get(pk=window.pk)
            if locked.late_marked_at:
                continue
            extended = list(
                locked.extensions.filter(until__gte=on, unit__isnull=False).values_list(
                    "unit__path", flat=True
                )
            )
            in_window = Approval.objects.filter(window=locked)
            late = in_window.filter(Q(status__in=PENDING) | at_the_units_step(in_window))
            for path in extended:
                late = late.exclude(unit__path__startswith=path)
            marked += late.update(is_late=True)
            late_units = _late_units(locked, extended)
            _tell_about_lateness(locked, late_units)
            locked.late_marked_at = now()
            locked.save(update_fields=["late_marked_at"])
    return marked


def _late_units(window: Window, extended: list[str]) -> dict[int, int]:
    counts = dict(_units_not_reported(window))
    for row in (
        Approval.objects.filter(window=window, is_late=True).values("unit").annotate(n=Count("pk"))
    ):
        counts[row["unit"]] = counts.get(row["unit"], 0) + row["n"]
    paths = dict(OrgUnit.objects.filter(pk__in=counts).values_list("pk", "path"))
    return {u: n for u, n in counts.items() if not any(paths[u].startswith(p) for p in extended)}


def _tell_about_lateness(window: Window, late_units: dict[int, int]) -> None:
    if not late_units:
        return
    units = OrgUnit.objects.in_bulk(list(late_units))
    heads = (
        RoleAssignment.objects.active()
        .filter(
            role__in=[Role.DIVISION_DIRECTOR, Role.DEPARTMENT_HEAD], unit_id__in=list(late_units)
        )
        .values_list("user_id", "unit_id")
    )
    notices = [
        Notice(
            user,
            "late",
            f"เกินกำหนดส่ง: {window}",
            f"{units[unit]} ยังไม่ส่งหรือยังไม่อนุมัติ {late_units[unit]} รายการ",
            _entry_url(window),
            f"win{window.pk}:late:{user}:{unit}",
        )
        for user, unit in heads
    ]
    summary = "\n".join(
        f"{units[u]}: {n} รายการ"
        for u, n in sorted(late_units.items(), key=lambda x: units[x[0]].path)
    )
    notices += [
        Notice(
            user,
            "late",
            f"หน่วยงานที่เกินกำหนดส่ง: {window}",
            summary,
            reverse("reporting:board"),
            f"win{window.pk}:late:pyp:{user}",
        )
        for user in RoleAssignment.objects.active()
        .filter(role=Role.PYP_OFFICER)
        .values_list("user_id", flat=True)
    ]
    notify_many(notices)


def lock_at_chain_deadline(on: date) -> int:
    """After the chain deadline the window is closed (entry refused; extensions reopen it)
    and a quarterly round's figures are frozen (a Celery task, after commit)."""
    locked_count = 0
    for window in Window.objects.filter(chain_deadline__lt=on, locked_at__isnull=True):
        with transaction.atomic():
            locked = Window.objects.select_for_update().get(pk=window.pk)
            if locked.locked_at:
                continue
            locked.locked_at = now()
            locked.save(update_fields=["locked_at"])
            if locked.kind == WindowKind.QUARTERLY_REPORT:
                round_freeze_later(
                    fiscal_year=locked.fiscal_year,
                    quarter=locked.quarter,
                    reason=f"ปิดรอบตามกำหนด ({fiscal.format_thai_date(locked.chain_deadline)})",
                )
            open_items = (
                Approval.objects.filter(window=locked).exclude(status=ItemStatus.APPROVED).count()
            )
            notify_many(
                [
                    Notice(
                        user,
                        "locked",
                        f"ปิดรอบแล้ว: {locked}",
                        f"ยังอนุมัติไม่ครบ {open_items} รายการ",
                        reverse("reporting:board"),
                        f"win{locked.pk}:locked:{user}",
                    )
                    for user in RoleAssignment.objects.active()
                    .filter(role=Role.PYP_OFFICER)
                    .values_list("user_id", flat=True)
                ]
            )
            locked_count += 1
    return locked_count


def pyp_daily_digest(on: date) -> int:
    """Once a day: the open windows' figures for ป.ย.ป."""
    windows = list(
        Window.objects.filter(opens_on__lte=on, chain_deadline__gte=on - timedelta(days=1))
    )
    if not windows:
        return 0
    lines = []
    for window in windows:
        counts = dict(
            Approval.objects.filter(window=window).values_list("status").annotate(n=Count("pk"))
        )
        late = Approval.objects.filter(window=window, is_late=True).count()
        lines.append(
            f"{window}: รอพิจารณา {counts.get('submitted', 0)} อนุมัติแล้ว {counts.get('approved', 0)} "
            f"ส่งกลับ {counts.get('returned', 0)} เกินกำหนด {late}"
        )
    return notify_many(
        [
            Notice(
                user,
                "digest",
                f"สรุปประจำวัน {fiscal.format_thai_date(on)}",
                "\n".join(lines),
                reverse("reporting:board"),
                f"digest:{on.isoformat()}:{user}",
            )
            for user in RoleAssignment.objects.active()
            .filter(role=Role.PYP_OFFICER)
            .values_list("user_id", flat=True)
            .distinct()
        ]
    )


STEPS = {
    "open": announce_open_windows,
    "remind": remind_before_deadlines,
    "late": mark_late_at_unit_deadline,
    "lock": lock_at_chain_deadline,
}


def run_deadlines(on: date) -> dict:
    """One pass of every step; recorded as a DeadlineRun."""
    summary = {name: step(on) for name, step in STEPS.items()}
    DeadlineRun.objects.create(task="deadlines", on=on, summary=summary)
    return summary


def run_digest(on: date) -> dict:
    summary = {"digest": pyp_daily_digest(on)}
    DeadlineRun.objects.create(task="digest", on=on, summary=summary)
    return summary
