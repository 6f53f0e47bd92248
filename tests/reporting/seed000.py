"""Seed 000's round Q1/2566 rebuilt as data: 189 projects, 156 of them reported.

The counts are the memo's (ที่ รง ๐๒๑๔/๗๕, 28 มี.ค. 2566): per department the
reported projects in each band, plus 18 fiscal-year projects not yet due and
15 calendar-year projects of สปส. outside the round. สปส. reports its calendar
year 2565, whose fourth quarter (Oct–Dec 2022) falls in round Q1/2566.
"""

from datetime import date
from decimal import Decimal

from orgs.models import OrgUnit
from projects.models import Project
from reporting.models import QuarterlyReport

FISCAL_YEAR, QUARTER = 2566, 1
# Reported projects per department and band: 100, 75-99, 50-74, 25-49, 0-24.
REPORTED = {
    "OPS": (5, 1, 3, 17, 13),
    "DOE": (0, 0, 2, 11, 4),
    "DSD": (3, 3, 10, 18, 19),
    "DLPW": (0, 1, 0, 11, 10),
    "SSO": (21, 1, 3, 0, 0),
}
# A progress figure inside each band (edges are tested separately).
BAND_PROGRESS = (Decimal(100), Decimal(80), Decimal(60), Decimal(30), Decimal(10))
NOT_DUE, CALENDAR_NOT_IN_ROUND = 18, 15
FISCAL_PERIOD = (date(2022, 10, 1), date(2023, 9, 30))
CALENDAR_2565 = (date(2022, 1, 1), date(2022, 12, 31))
CALENDAR_2566 = (date(2023, 1, 1), date(2023, 12, 31))


def _project(n: int, unit: OrgUnit, fiscal_year: int, period, cycle: str = "fiscal") -> Project:
    return Project(
        code=f"รง S000-{n:04d}",
        name=f"โครงการตามบันทึก ๗๕ ลำดับ {n}",
        owner_unit=unit,
        fiscal_year=fiscal_year,
        cycle=cycle,
        start_date=period[0],
        end_date=period[1],
        status="approved",
    )


def build_seed_000_round(*, problems: str = "การจัดซื้อจัดจ้างล่าช้า") -> dict[str, list[Project]]:
    """Create the round's 189 projects and 156 submitted reports; returns projects by kind."""
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=[*REPORTED, "0209"])}
    reported, counter = [], iter(range(1, 1000))
    for code, counts in REPORTED.items():
        calendar = code == "SSO"
        for count, progress in zip(counts, BAND_PROGRESS, strict=True):
            for _ in range(count):
                if calendar:
                    p = _project(next(counter), units[code], 2565, CALENDAR_2565, "calendar")
                else:
                    p = _project(next(counter), units[code], FISCAL_YEAR, FISCAL_PERIOD)
                p.progress = progress
                reported.append(p)
    not_due = [
        _project(next(counter), units["0209"], FISCAL_YEAR, (date(2023, 1, 1), FISCAL_PERIOD[1]))
        for _ in range(NOT_DUE)
    ]
    calendar_out = [
        _project(next(counter), units["SSO"], FISCAL_YEAR, CALENDAR_2566, "calendar")
        for _ in range(CALENDAR_NOT_IN_ROUND)
    ]
    Project.objects.bulk_create([*reported, *not_due, *calendar_out])
    QuarterlyReport.objects.bulk_create(
        QuarterlyReport(
            project=p,
            fiscal_year=FISCAL_YEAR,
            quarter=QUARTER,
            progress_percent=p.progress,
            result="ดำเนินการตามแผน",
            problems="" if p.progress == 100 else problems,
            status="submitted",
        )
        for p in reported
    )
    return {"reported": reported, "not_due": not_due, "calendar_not_in_round": calendar_out}
