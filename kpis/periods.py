"""Months of a fiscal year: month 1 is ตุลาคม, month 12 is กันยายน."""

from __future__ import annotations

import calendar
from datetime import date

from core.fiscal import THAI_MONTHS, THAI_MONTHS_ABBR, ce_year, fiscal_year_of

MONTHS = range(1, 13)


def calendar_month(fiscal_month: int) -> tuple[int, int]:
    """(ค.ศ. year offset, calendar month): month 1 → (-1, 10), month 4 → (0, 1)."""
    if fiscal_month not in MONTHS:
        raise ValueError(f"fiscal month must be 1-12, got {fiscal_month!r}")
    month = (fiscal_month + 8) % 12 + 1
    return (-1 if fiscal_month <= 3 else 0), month


def month_start(fiscal_year: int, fiscal_month: int) -> date:
    offset, month = calendar_month(fiscal_month)
    return date(ce_year(fiscal_year) + offset, month, 1)


def month_end(fiscal_year: int, fiscal_month: int) -> date:
    start = month_start(fiscal_year, fiscal_month)
    return start.replace(day=calendar.monthrange(start.year, start.month)[1])


def fiscal_month_of(d: date) -> int:
    """The fiscal month (1-12) containing ``d``."""
    return (d.month - 10) % 12 + 1


def month_label(fiscal_year: int, fiscal_month: int) -> str:
    """e.g. "ธ.ค. 67" (as seed 003 writes "รายงานผลเดือน ธ.ค. 67")."""
    start = month_start(fiscal_year, fiscal_month)
    return f"{THAI_MONTHS_ABBR[start.month - 1]} {(start.year + 543) % 100:02d}"


def month_name(fiscal_year: int, fiscal_month: int) -> str:
    """e.g. "พฤศจิกายน 2567"."""
    start = month_start(fiscal_year, fiscal_month)
    return f"{THAI_MONTHS[start.month - 1]} {start.year + 543}"


def default_month(fiscal_year: int, today: date) -> int:
    """The month a report opens on: this month in the current year, else the year's last."""
    current = fiscal_year_of(today)
    if fiscal_year == current:
        return fiscal_month_of(today)
    return 12 if fiscal_year < current else 1
