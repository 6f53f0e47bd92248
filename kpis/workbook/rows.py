"""The KPI sheets' rows checked cell by cell into typed rows, every error named in Thai.

These checks need nothing but the file (and the units table); what depends on
the KPIs already in the product (a result's KPI, whose unit it is) is checked
under lock when the import plans its writes (`importing`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from orgs.models import OrgUnit
from projects.models import Project
from reporting.workbook.cells import CellError, bool_of, text_of, year_of
from reporting.workbook.sheets import RowError, SheetRow

from ..models import Kpi, is_percent_unit
from ..periods import MONTHS
from .sheets import KPIS, RESULTS, TARGET_KEYS

CODE_MAX_LENGTH = Kpi._meta.get_field("code").max_length
MEASURE_MAX_LENGTH = Kpi._meta.get_field("unit_of_measure").max_length
LIMIT = Decimal("1e14")  # the fields' 16 digits, two of them decimals
CENT = Decimal("0.01")


@dataclass
class KpiRow:
    number: int
    code: str
    fiscal_year: int
    unit: OrgUnit
    project_code: str  # "" for none
    name: str
    unit_of_measure: str
    quantitative: bool
    annual_target: Decimal
    targets: dict[int, Decimal]  # month -> cumulative target; months left empty are absent

    @property
    def key(self) -> tuple[int, str]:
        return self.fiscal_year, self.code


@dataclass
class ResultRow:
    number: int
    kpi_code: str
    fiscal_year: int
    month: int
    value: Decimal
    remark: str | None  # None: the sheet has no remark column

    @property
    def key(self) -> tuple[int, str]:
        return self.fiscal_year, self.kpi_code


def amount_of(value, *, required: bool = False) -> Decimal | None:
    """A figure that is not negative ("1,234" as typed, or a number), to two decimals."""
    text = text_of(value).replace(",", "")
    if not text:
        if required:
            raise CellError("ต้องกรอกตัวเลข")
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise CellError(f"“{text}” ไม่ใช่ตัวเลข") from None
    if not amount.is_finite() or amount < 0:
        raise CellError("ต้องเป็นตัวเลขที่ไม่ติดลบ")
    if amount >= LIMIT:
        raise CellError("ตัวเลขยาวเกิน ๑๔ หลัก")
    return amount.quantize(CENT)


def month_of(value) -> int:
    text = text_of(value)
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    whole = number is not None and number.is_finite() and number == number.to_integral_value()
    if not whole or int(number) not in MONTHS:
        raise CellError("ต้องเป็นเดือนของปีงบประมาณ 1–12 (ต.ค. = 1 … ก.ย. = 12)")
    return int(number)


class _Checker:
    """Collects RowErrors while parsing each cell of a row."""

    def __init__(self, sheet: str, errors: list[RowError]):
        self.sheet, self.errors = sheet, errors

    def cell(self, row: SheetRow, column: str, parse, *args, **kwargs):
        try:
            return parse(row.values.get(column), *args, **kwargs)
        except CellError as exc:
            self.fail(row, column, str(exc))
            return None

    def fail(self, row: SheetRow, column: str, message: str) -> None:
        self.errors.append(RowError(self.sheet, row.number, column, message))


def kpi_rows(
    rows: list[SheetRow], *, project_codes: set[str], errors: list[RowError]
) -> list[KpiRow]:
    """The `kpis` sheet's rows; a project code must be in the file or in the product."""
    check = _Checker(KPIS, errors)
    units = {u.code: u for u in OrgUnit.objects.all()}
    wanted = {text_of(r.values["project"]) for r in rows} - {""}
    known = project_codes | set(
        Project.objects.filter(code__in=wanted).values_list("code", flat=True)
    )
    seen: dict[tuple, int] = {}
    parsed = []
    for row in rows:
        before = len(errors)
        code = _code(check, row, "code")
        year = check.cell(row, "fiscal_year", year_of)
        if code and year and (year, code) in seen:
            check.fail(row, "code", f"รหัสตัวชี้วัด {code} ปี {year} ซ้ำกับแถวที่ {seen[(year, code)]}")
        seen.setdefault((year, code), row.number)
        unit = units.get(text_of(row.values["unit"]))
        if unit is None:
            check.fail(row, "unit", f"ไม่พบหน่วยงานรหัส “{text_of(row.values['unit'])}”")
        project = text_of(row.values["project"])
        if project and project not in known:
            check.fail(row, "project", f"ไม่พบโครงการรหัส “{project}” ในชีต projects หรือในระบบ")
        name = text_of(row.values["name"])
        if not name:
            check.fail(row, "name", "ต้องมีชื่อตัวชี้วัด")
        measure = _measure(check, row)
        quantitative = check.cell(row, "quantitative", bool_of)
        annual = check.cell(row, "annual_target", amount_of, required=True)
        targets = _targets(check, row, percent=is_percent_unit(measure or ""))
        if len(errors) == before:
            parsed.append(
                KpiRow(
                    row.number,
                    code,
                    year,
                    unit,
                    project,
                    name,
                    measure,
                    quantitative,
                    annual,
                    targets,
                )
            )
    return parsed


def _code(check: _Checker, row: SheetRow, column: str) -> str:
    code = text_of(row.values[column])
    if not code:
        check.fail(row, column, "ต้องมีรหัสตัวชี้วัด")
    elif len(code) > CODE_MAX_LENGTH:
        check.fail(row, column, f"รหัสตัวชี้วัดยาวได้ไม่เกิน {CODE_MAX_LENGTH} ตัวอักษร")
    return code


def _measure(check: _Checker, row: SheetRow) -> str:
    measure = text_of(row.values["unit_of_measure"])
    if not measure:
        check.fail(row, "unit_of_measure", "ต้องมีหน่วยนับ เช่น คน เรื่อง ร้อยละ")
    elif len(measure) > MEASURE_MAX_LENGTH:
        check.fail(row, "unit_of_measure", f"หน่วยนับยาวได้ไม่เกิน {MEASURE_MAX_LENGTH} ตัวอักษร")
    return measure


def _targets(check: _Checker, row: SheetRow, *, percent: bool) -> dict[int, Decimal]:
    """The cumulative targets the row plans; each at least the one planned before it."""
    targets: dict[int, Decimal] = {}
    for month, key in zip(MONTHS, TARGET_KEYS, strict=True):
        value = check.cell(row, key, amount_of)
        if value is None:
            continue
        if percent and value > 100:
            check.fail(row, key, "ตัวชี้วัดที่เป็นร้อยละมีเป้าหมายได้ไม่เกิน 100")
        earlier = list(targets.values())[-1:]  # the months come in order
        if earlier and value < earlier[0]:
            check.fail(
                row, key, f"เป้าหมายสะสมต้องไม่น้อยกว่าเดือนก่อนหน้า ({earlier[0]:,}) เพราะเป็นยอดสะสม"
            )
        targets[month] = value
    return targets


def result_rows(
    rows: list[SheetRow], *, remarks_given: bool, errors: list[RowError]
) -> list[ResultRow]:
    check = _Checker(RESULTS, errors)
    seen: dict[tuple, int] = {}
    parsed = []
    for row in rows:
        before = len(errors)
        code = _code(check, row, "kpi_code")
        year = check.cell(row, "fiscal_year", year_of)
        month = check.cell(row, "month", month_of)
        value = check.cell(row, "value", amount_of, required=True)
        key = (year, code, month)
        if code and year and month and key in seen:
            check.fail(row, "month", f"ผลของตัวชี้วัดและเดือนนี้ซ้ำกับแถวที่ {seen[key]}")
        seen.setdefault(key, row.number)
        remark = text_of(row.values.get("remark")) if remarks_given else None
        if len(errors) == before:
            parsed.append(ResultRow(row.number, code, year, month, value, remark))
    return parsed
