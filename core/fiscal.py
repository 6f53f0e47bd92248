"""Thai fiscal calendar and Thai-language formatting.

Pure functions: no models, no database, no Django settings needed at import.
Years going in and out are พ.ศ. (Buddhist Era) unless a name says ``ce``;
dates are ค.ศ. ``datetime.date`` as stored by Django.

Fiscal year N runs 1 October (N-1) to 30 September N: Q1 Oct-Dec, Q2 Jan-Mar,
Q3 Apr-Jun, Q4 Jul-Sep. Units on the calendar cycle plan Jan-Dec, and each
calendar quarter is reported in the fiscal round covering the same months.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from pythainlp.util import (
    arabic_digit_to_thai_digit,
    convert_years,
    thai_digit_to_arabic_digit,
    thai_strftime,
)
from pythainlp.util.date import thai_abbr_months, thai_full_months

CYCLE_FISCAL = "fiscal"
CYCLE_CALENDAR = "calendar"

THAI_MONTHS: tuple[str, ...] = tuple(thai_full_months)
THAI_MONTHS_ABBR: tuple[str, ...] = tuple(thai_abbr_months)

# The ministry works in Bangkok time whatever timezone a request activated.
BANGKOK = ZoneInfo("Asia/Bangkok")

_DATE_FORMATS = {
    "full": "%-d %B %Y",
    "abbr": "%-d %b %y",
    "abbr_full_year": "%-d %b %Y",
    "month_year": "%B %Y",
}


def be_year(ce_year: int) -> int:
    """พ.ศ. year of a ค.ศ. year."""
    return int(convert_years(str(ce_year), src="ad", target="be"))


def ce_year(be_year: int) -> int:
    """ค.ศ. year of a พ.ศ. year."""
    return int(convert_years(str(be_year), src="be", target="ad"))


def to_local_date(value: date | datetime) -> date:
    """The Bangkok calendar date of a date or (aware or naive) datetime."""
    if isinstance(value, datetime):
        # A naive datetime is taken to be Bangkok local time already.
        if value.tzinfo is not None and value.utcoffset() is not None:
            value = value.astimezone(BANGKOK)
        return value.date()
    return value


def fiscal_year_of(d: date) -> int:
    """Fiscal year (พ.ศ.) containing ``d``; October starts the next one."""
    return be_year(d.year + 1 if d.month >= 10 else d.year)


def fiscal_quarter_of(d: date) -> int:
    """Fiscal quarter (1-4) containing ``d``."""
    # Shift months so October is 0, then three months per quarter.
    return (d.month - 10) % 12 // 3 + 1


def fiscal_year_bounds(fiscal_year: int) -> tuple[date, date]:
    """First and last day of a fiscal year."""
    return Quarter(fiscal_year, 1).start, Quarter(fiscal_year, 4).end


def _check_quarter(quarter: int) -> None:
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1-4, got {quarter!r}")


@dataclass(frozen=True, order=True)
class Quarter:
    """A fiscal quarter (reporting round), e.g. ``Quarter(2567, 2)`` = Jan-Mar 2024."""

    fiscal_year: int
    quarter: int

    def __post_init__(self) -> None:
        _check_quarter(self.quarter)

    def __str__(self) -> str:
        return self.label

    @classmethod
    def of(cls, d: date) -> Quarter:
        """The fiscal quarter containing ``d``."""
        return cls(fiscal_year_of(d), fiscal_quarter_of(d))

    @property
    def start(self) -> date:
        """First day of the quarter."""
        month = (self.quarter * 3 + 6) % 12 + 1  # Q1 → 10, Q2 → 1, Q3 → 4, Q4 → 7
        year = ce_year(self.fiscal_year) - (1 if self.quarter == 1 else 0)
        return date(year, month, 1)

    @property
    def end(self) -> date:
        """Last day of the quarter."""
        return self.next().start - timedelta(days=1)

    def _shift(self, quarters: int) -> Quarter:
        fiscal_year, index = divmod(self.fiscal_year * 4 + self.quarter - 1 + quarters, 4)
        return Quarter(fiscal_year, index + 1)

    def next(self) -> Quarter:
        """The following quarter (Q4 rolls over to Q1 of the next fiscal year)."""
        return self._shift(1)

    def previous(self) -> Quarter:
        """The preceding quarter (Q1 rolls back to Q4 of the previous fiscal year)."""
        return self._shift(-1)

    def contains(self, d: date) -> bool:
        """Whether ``d`` falls within the quarter."""
        return self.start <= d <= self.end

    def overlaps(self, start: date, end: date | None) -> bool:
        """Whether the inclusive period ``start``..``end`` (None: open-ended) touches the quarter."""
        return start <= self.end and (end is None or end >= self.start)

    @property
    def label(self) -> str:
        """e.g. "ไตรมาส 1/2566"."""
        return f"ไตรมาส {self.short_label}"

    @property
    def key(self) -> str:
        """ "2567-1": the quarter as a form value."""
        return f"{self.fiscal_year}-{self.quarter}"

    @property
    def short_label(self) -> str:
        """e.g. "1/2566"."""
        return f"{self.quarter}/{self.fiscal_year}"


def quarters_between(start: date, end: date) -> list[Quarter]:
    """Every fiscal quarter overlapping the inclusive period, in order ([] if end < start)."""
    quarters: list[Quarter] = []
    if end < start:
        return quarters
    current, last = Quarter.of(start), Quarter.of(end)
    while current <= last:
        quarters.append(current)
        current = current.next()
    return quarters


def fiscal_years_between(start: date, end: date) -> list[int]:
    """Every fiscal year overlapping the inclusive period, in order ([] if end < start)."""
    if end < start:
        return []
    return list(range(fiscal_year_of(start), fiscal_year_of(end) + 1))


def calendar_quarter_of(d: date) -> int:
    """Calendar quarter (1-4: Jan-Mar … Oct-Dec) containing ``d``."""
    return (d.month - 1) // 3 + 1


def round_of_calendar_quarter(year: int, quarter: int) -> Quarter:
    """Fiscal round in which calendar quarter ``quarter`` of ``year`` is reported."""
    _check_quarter(quarter)
    # Calendar and fiscal quarters cover the same months, one position apart.
    return Quarter(year + 1, 1) if quarter == 4 else Quarter(year, quarter + 1)


def calendar_quarter_in_round(round: Quarter) -> tuple[int, int]:
    """(calendar year, calendar quarter) reported in a fiscal round; inverse of the above."""
    if round.quarter == 1:
        return round.fiscal_year - 1, 4
    return round.fiscal_year, round.quarter - 1


def calendar_quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of calendar quarter ``quarter`` of ``year``."""
    same_months = round_of_calendar_quarter(year, quarter)
    return same_months.start, same_months.end


def cycle_label(round: Quarter, cycle: str) -> str:
    """A round's label as a unit on ``cycle`` knows it, e.g. "ไตรมาส 4/2565 (ปีปฏิทิน)"."""
    if cycle == CYCLE_FISCAL:
        return round.label
    if cycle == CYCLE_CALENDAR:
        year, quarter = calendar_quarter_in_round(round)
        return f"ไตรมาส {quarter}/{year} (ปีปฏิทิน)"
    raise ValueError(f"unknown planning cycle {cycle!r}")


def thai_digits(value: object) -> str:
    """``str(value)`` with Arabic digits replaced by Thai digits."""
    return arabic_digit_to_thai_digit(str(value))


def arabic_digits(text: str) -> str:
    """``text`` with Thai digits replaced by Arabic digits (what officials type, read)."""
    return thai_digit_to_arabic_digit(text)


_DIGITS_IN_TEXT = re.compile(r"(?<![A-Za-z])[0-9]+")


def thai_digits_in_text(text: object) -> str:
    """Thai digits for the numbers of a Thai text, keeping those that belong to a Latin
    name or code (M7, Q1, eMENSCR's "M1 - M5"), as official letters print them."""
    return _DIGITS_IN_TEXT.sub(lambda m: thai_digits(m.group()), str(text))


def format_thai_date(
    d: date | datetime | None, *, style: str = "full", thai_numerals: bool = False
) -> str:
    """Thai date with พ.ศ. year; styles: full, abbr, abbr_full_year, month_year."""
    if d is None:
        return ""
    try:
        fmt = _DATE_FORMATS[style]
    except KeyError:
        raise ValueError(f"unknown Thai date style {style!r}") from None
    return thai_strftime(to_local_date(d), fmt, thaidigit=thai_numerals)


def _rounded(value: Decimal | int | float, decimals: int) -> Decimal:
    # str() first so a float rounds as written (0.125 → 0.13), not as its binary value;
    # half-up is how Thai budget reports round.
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_baht(amount: Decimal | int | float | None, *, decimals: int = 2) -> str:
    """Amount with thousands separators, e.g. "1,234,567.50"; None → ""."""
    if amount is None:
        return ""
    return f"{_rounded(amount, decimals):,.{decimals}f}"


def format_percent(value: Decimal | int | float | None, *, decimals: int = 2) -> str:
    """A percentage (already ×100) as e.g. "12.82"; None → ""."""
    if value is None:
        return ""
    return f"{_rounded(value, decimals):.{decimals}f}"
