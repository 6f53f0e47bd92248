"""Windows (รอบ): the statutory defaults, deadlines with extensions, and whether
entry is open. The regulation of 2562 (seed 004): new projects within the
fiscal year's first quarter; each quarterly report and its M7 within 30 days
after the quarter. The unit deadlines and mid-year windows follow seed 001's
road map (unit data and unit-head M7 by the 16th, the chain by the 30th).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q, prefetch_related_objects

from core import fiscal
from orgs.models import Cycle, OrgUnit, User
from orgs.permissions import can

from .models import Extension, Window, WindowKind

STATUTORY_REPORT_DAYS = 30


@dataclass(frozen=True)
class Deadlines:
    opens_on: date
    unit_deadline: date
    chain_deadline: date
    extended: bool = False


def window_defaults(fiscal_year: int) -> list[dict]:
    """The windows the product proposes for a fiscal year (ป.ย.ป. may adjust them)."""
    start, _ = fiscal.fiscal_year_bounds(fiscal_year)
    first_q_end = fiscal.Quarter(fiscal_year, 1).end
    windows = [
        {
            "kind": WindowKind.PROJECT_ENTRY,
            "quarter": None,
            "name": f"นำเข้าโครงการประจำปีงบประมาณ พ.ศ. {fiscal_year}",
            "opens_on": start,
            "unit_deadline": start.replace(month=11, day=30),
            "chain_deadline": first_q_end,
        },
        {
            "kind": WindowKind.LEVEL3_PLAN,
            "quarter": None,
            "name": f"นำเข้าแผนระดับที่ ๓ ปี พ.ศ. {fiscal_year}",
            "opens_on": start,
            "unit_deadline": start.replace(day=16),
            "chain_deadline": start.replace(day=30),
        },
        {
            "kind": WindowKind.ANNUAL_REPORT,
            "quarter": None,
            "name": f"รายงานผลสัมฤทธิ์แผนรายปี พ.ศ. {fiscal_year - 1}",
            "opens_on": start,
            "unit_deadline": start.replace(month=12, day=15),
            "chain_deadline": start.replace(month=12, day=30),
        },
    ]
    for quarter in (1, 2, 3, 4):
        end = fiscal.Quarter(fiscal_year, quarter).end
        windows.append(
            {
                "kind": WindowKind.QUARTERLY_REPORT,
                "quarter": quarter,
                "name": f"รายงานความก้าวหน้าไตรมาส {quarter}/{fiscal_year}",
                "opens_on": end + timedelta(days=1),
                "unit_deadline": end + timedelta(days=16),
                "chain_deadline": end + timedelta(days=STATUTORY_REPORT_DAYS),
            }
        )
    for quarter in (2, 3, 4):  # mid-year new projects: January, April, July
        begins = fiscal.Quarter(fiscal_year, quarter).start
        windows.append(
            {
                "kind": WindowKind.MIDYEAR_ENTRY,
                "quarter": quarter,
                "name": f"นำเข้าโครงการใหม่ระหว่างปี ไตรมาส {quarter}/{fiscal_year}",
                "opens_on": begins,
                "unit_deadline": begins + timedelta(days=15),
                "chain_deadline": begins + timedelta(days=29),
            }
        )
    return windows


def calendar_unit_window_defaults(fiscal_year: int) -> list[dict]:
    """Windows of the units that plan on the calendar year (`units` names them).

    Seed 001: สปส. reports the achievements of its calendar-year plan of year
    N-1 by 30 April N (1 Oct N-1 – 30 Apr N), not by 30 December.
    """

    units = list(
        OrgUnit.objects.filter(cycle=Cycle.CALENDAR, is_active=True)
        .exclude(parent__cycle=Cycle.CALENDAR)
        .order_by("path")
    )
    if not units:
        return []
    start, _ = fiscal.fiscal_year_bounds(fiscal_year)
    april = start.replace(year=start.year + 1, month=4)
    return [
        {
            "kind": WindowKind.ANNUAL_REPORT,
            "quarter": None,
            "name": f"รายงานผลสัมฤทธิ์แผนรายปี พ.ศ. {fiscal_year - 1} (หน่วยงานที่ใช้ปีปฏิทิน)",
            "opens_on": start,
            "unit_deadline": april.replace(day=15),
            "chain_deadline": april.replace(day=30),
            "units": units,
        }
    ]


def unit_windows_propose(*, fiscal_year: int, user: User) -> list[Window]:
    """Create the year's missing unit-specific windows (idempotent): a window of the
    same kind naming any of the same units counts as present."""
    _require_pyp(user)
    created = []
    with transaction.atomic():
        for values in calendar_unit_window_defaults(fiscal_year):
            kind, quarter, units = values.pop("kind"), values.pop("quarter"), values.pop("units")
            exists = Window.objects.filter(
                fiscal_year=fiscal_year, kind=kind, quarter=quarter, units__in=units
            )
            if not exists.exists():
                window = Window.objects.create(
                    fiscal_year=fiscal_year, kind=kind, quarter=quarter, created_by=user, **values
                )
                window.units.set(units)
                created.append(window)
    return created


def windows_propose(*, fiscal_year: int, user: User) -> list[Window]:
    """Create the year's missing windows with the statutory defaults, the calendar-year
    units' own included (idempotent)."""
    _require_pyp(user)
    created = []
    with transaction.atomic():
        for values in window_defaults(fiscal_year):
            kind, quarter = values.pop("kind"), values.pop("quarter")
            exists = Window.objects.filter(
                fiscal_year=fiscal_year, kind=kind, quarter=quarter, units__isnull=True
            )
            if not exists.exists():
                created.append(
                    Window.objects.create(
                        fiscal_year=fiscal_year,
                        kind=kind,
                        quarter=quarter,
                        created_by=user,
                        **values,
                    )
                )
        created += unit_windows_propose(fiscal_year=fiscal_year, user=user)
    return created


def window_update(
    *, window: Window, user: User, opens_on: date, unit_deadline: date, chain_deadline: date
) -> Window:
    _require_pyp(user)
    if not opens_on <= unit_deadline <= chain_deadline:
        raise ValidationError("วันเปิดระบบ ≤ กำหนดส่งของหน่วยงาน ≤ กำหนดอนุมัติครบทุกขั้น")
    window.opens_on, window.unit_deadline, window.chain_deadline = (
        opens_on,
        unit_deadline,
        chain_deadline,
    )
    # Moving a deadline later reopens what its passing had closed.
    if window.locked_at and chain_deadline > fiscal.to_local_date(window.locked_at):
        window.locked_at = None
    window.save(
        update_fields=["opens_on", "unit_deadline", "chain_deadline", "locked_at", "updated_at"]
    )
    return window


def extension_grant(
    *, window: Window, user: User, until: date, reason: str, unit: OrgUnit | None = None, item=None
) -> Extension:
    """ป.ย.ป. extends a window for a unit (and its subtree) or for one item; recorded."""
    from django.contrib.contenttypes.models import ContentType

    _require_pyp(user)
    if not reason.strip():
        raise ValidationError({"reason": "กรุณาระบุเหตุผลการขยายเวลา"})
    if (unit is None) == (item is None):
        raise ValidationError("ระบุหน่วยงานหรือรายการอย่างใดอย่างหนึ่ง")
    if until < window.unit_deadline:
        raise ValidationError({"until": "วันที่ขยายต้องไม่ก่อนกำหนดส่งเดิม"})
    extra = (
        {"content_type": ContentType.objects.get_for_model(item), "object_id": item.pk}
        if item
        else {}
    )
    return Extension.objects.create(
        window=window, unit=unit, until=until, reason=reason.strip(), granted_by=user, **extra
    )


def _require_pyp(user: User) -> None:
    if not can(user, "window.manage", None):
        raise PermissionDenied("เฉพาะกลุ่ม ป.ย.ป. กำหนดหรือขยายรอบได้")


def deadlines_for(*, window: Window, unit: OrgUnit, item=None) -> Deadlines:
    """The window's dates for this unit (or item), extensions applied."""
    until = _extension_until(window, unit, item)
    if until is None:
        return Deadlines(window.opens_on, window.unit_deadline, window.chain_deadline)
    return Deadlines(
        window.opens_on, max(window.unit_deadline, until), max(window.chain_deadline, until), True
    )


def _extension_until(window: Window, unit: OrgUnit, item) -> date | None:
    from django.contrib.contenttypes.models import ContentType

    q = Q(unit_id__in=unit.ancestor_ids)
    if item is not None:
        q |= Q(content_type=ContentType.objects.get_for_model(item), object_id=item.pk)
    return window.extensions.filter(q).aggregate(until=Max("until"))["until"]


def entry_open(*, window: Window, unit: OrgUnit, on: date, item=None) -> bool:
    """Entry and edits are allowed from opening until the (extended) chain deadline."""
    dates = deadlines_for(window=window, unit=unit, item=item)
    return dates.opens_on <= on <= dates.chain_deadline


@dataclass(frozen=True)
class WindowState:
    key: str  # upcoming, open, chain, extended, closed (a CSS class: window-<key>)
    label: str


def window_state(*, window: Window, on: date, extended_until: date | None = None) -> WindowState:
    """What a window is on a day, from its dates alone, as entry_open decides: the deadline
    pass only announces and locks, so a date moved by ป.ย.ป. shows at once.
    `extended_until` is the latest extension granted in it (to any unit or item)."""
    if on < window.opens_on:
        return WindowState("upcoming", f"ยังไม่เปิด (เปิด {_short(window.opens_on)})")
    if on <= window.unit_deadline:
        return WindowState("open", "เปิดอยู่")
    if on <= window.chain_deadline:
        return WindowState("chain", "เปิดอยู่ · เลยกำหนดส่งของหน่วยงาน รออนุมัติครบทุกขั้น")
    if extended_until is not None and on <= extended_until:
        return WindowState("extended", f"ปิดแล้ว · ขยายเวลาบางหน่วยงานถึง {_short(extended_until)}")
    return WindowState("closed", "ปิดแล้ว")


def _short(day: date) -> str:
    return fiscal.format_thai_date(day, style="abbr_full_year")


def window_closed_message(window: Window, unit: OrgUnit, item=None) -> str:
    dates = deadlines_for(window=window, unit=unit, item=item)
    return (
        f"{window} ปิดแล้วเมื่อ {fiscal.format_thai_date(dates.chain_deadline)} "
        "จึงบันทึกหรือแก้ไขไม่ได้ หากจำเป็นกรุณาขอขยายเวลาจากกลุ่ม ป.ย.ป."
    )


def report_window(*, fiscal_year: int, quarter: int, unit: OrgUnit) -> Window | None:
    """The quarterly-report window that concerns the unit: one naming it (or a unit
    above it) wins over the general one."""
    windows = Window.objects.filter(
        fiscal_year=fiscal_year, kind=WindowKind.QUARTERLY_REPORT, quarter=quarter
    )
    specific = windows.filter(units__in=unit.ancestor_ids).order_by("-opens_on").first()
    return specific or windows.filter(units__isnull=True).order_by("-opens_on").first()


def annual_report_window(*, year: int, unit: OrgUnit) -> Window | None:
    """The window in which a plan of `unit` reports its achievements of `year` (พ.ศ.):
    a window of fiscal year `year + 1`; one naming the unit (or a unit above it)
    wins over the general one."""
    windows = Window.objects.filter(fiscal_year=year + 1, kind=WindowKind.ANNUAL_REPORT)
    specific = windows.filter(units__in=unit.ancestor_ids).order_by("-opens_on").first()
    return specific or windows.filter(units__isnull=True).order_by("-opens_on").first()


def _entry_windows(fiscal_years) -> list[Window]:
    """The entry windows (annual and mid-year) of these fiscal years, newest first."""
    return list(
        Window.objects.filter(
            fiscal_year__in=set(fiscal_years),
            kind__in=[WindowKind.PROJECT_ENTRY, WindowKind.MIDYEAR_ENTRY],
        )
        .prefetch_related("units")
        .order_by("-opens_on", "-pk")
    )


def _concerns(window: Window, project) -> bool:
    named = window.units.all()
    return not named or any(project.owner_unit.path.startswith(u.path) for u in named)


def entry_windows_of(projects: list, *, on: date) -> dict:
    """Project pk → the entry window its entry belongs to: the one of its fiscal year
    that concerns its unit and is open on `on` by its own dates (an extension does
    not change which window an entry belongs to), else the newest such window of
    that year (None without any). Two queries, whatever the number of projects."""
    windows = _entry_windows(p.fiscal_year for p in projects)
    chosen = {}
    for project in projects:
        mine = [
            w for w in windows if w.fiscal_year == project.fiscal_year and _concerns(w, project)
        ]
        open_now = [w for w in mine if w.opens_on <= on <= w.chain_deadline]
        chosen[project.pk] = (open_now or mine or [None])[0]
    return chosen


def report_windows_of(reports: list) -> dict:
    """Report pk → its round's window: its own, else the quarterly-report window of its
    round that concerns its unit (a report made without one: an import, old data).
    A few queries for any number of reports, none when every report has its window."""
    wanted = {(r.fiscal_year, r.quarter) for r in reports if r.window_id is None}
    windows = []
    if wanted:
        prefetch_related_objects([r for r in reports if r.window_id is None], "project__owner_unit")
        windows = list(
            Window.objects.filter(
                kind=WindowKind.QUARTERLY_REPORT,
                fiscal_year__in={fy for fy, _ in wanted},
                quarter__in={q for _, q in wanted},
            )
            .prefetch_related("units")
            .order_by("-opens_on", "-pk")
        )
    chosen = {}
    for report in reports:
        if report.window_id is not None:
            chosen[report.pk] = report.window
            continue
        mine = [
            w
            for w in windows
            if (w.fiscal_year, w.quarter) == (report.fiscal_year, report.quarter)
            and _concerns(w, report.project)
        ]
        specific = [w for w in mine if w.units.all()]
        chosen[report.pk] = (specific or mine or [None])[0]
    return chosen


def entry_window_problem(*, project, on: date) -> str:
    """Why a project entry cannot be submitted today ("" when an entry window is open for it)."""
    windows = [w for w in _entry_windows([project.fiscal_year]) if _concerns(w, project)]
    if any(entry_open(window=w, unit=project.owner_unit, on=on, item=project) for w in windows):
        return ""
    return (
        f"ไม่อยู่ในรอบนำเข้าโครงการของปีงบประมาณ {project.fiscal_year} "
        "(ยังไม่เปิดหรือปิดรอบแล้ว) บันทึกร่างไว้ได้ และส่งได้เมื่อเปิดรอบหรือได้รับการขยายเวลา"
    )
