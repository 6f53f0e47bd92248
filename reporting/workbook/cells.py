"""Cell parsers of the workbook: each returns the value or raises CellError (Thai)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation


class CellError(Exception):
    pass


def text_of(value) -> str:
    return "" if value is None else str(value).strip()


def year_of(value) -> int:
    text = text_of(value)
    try:
        year = int(float(text))
    except (ValueError, OverflowError):  # "abc", "nan"; "inf", "1e400"
        raise CellError("ต้องเป็นปี พ.ศ. ๔ หลัก เช่น 2567") from None
    if 1900 <= year <= 2200:
        raise CellError(f"ปี {year} เป็นปี ค.ศ.: กรุณากรอกเป็น พ.ศ. (เช่น {year + 543})")
    if not 2400 <= year <= 2700:
        raise CellError("ต้องเป็นปี พ.ศ. ๔ หลัก เช่น 2567")
    return year


def date_of(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = text_of(value)
    try:
        parsed = date.fromisoformat(text)
    except ValueError:
        raise CellError(f"“{text}” ไม่ใช่วันที่: ใช้รูปแบบ YYYY-MM-DD (ค.ศ.) เช่น 2023-10-01") from None
    if parsed.year > 2300:
        raise CellError(
            f"ปี {parsed.year} ในวันที่เป็น พ.ศ.: วันที่ในไฟล์ต้องเป็น ค.ศ. (เช่น {parsed.year - 543})"
        )
    return parsed


def money_of(value, *, required: bool = False) -> Decimal | None:
    text = text_of(value).replace(",", "")
    if not text:
        if required:
            raise CellError("ต้องกรอกจำนวนเงิน")
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise CellError(f"“{text}” ไม่ใช่จำนวนเงิน") from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e13"):
        raise CellError("จำนวนเงินต้องไม่ติดลบและไม่เกิน ๑๓ หลัก")
    return amount.quantize(Decimal("0.01"))


def bool_of(value) -> bool:
    if isinstance(value, bool):
        return value
    text = text_of(value).upper()
    if text in {"TRUE", "1"}:
        return True
    if text in {"FALSE", "0"}:
        return False
    raise CellError("ต้องเป็น TRUE หรือ FALSE")


def choice_of(value, choices: list[str]) -> str:
    text = text_of(value).lower()
    if text not in choices:
        raise CellError(f"ต้องเป็นค่าใดค่าหนึ่ง: {', '.join(choices)}")
    return text
