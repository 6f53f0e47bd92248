"""Form fields shared by the apps' forms."""

import re
from datetime import date, datetime

from django import forms
from django.db import models

from core import fiscal
from core.widgets import ThaiDateInput, UnitPicker

# พ.ศ. years a date may carry; a four-digit year below them is taken for ค.ศ. and refused.
BE_YEARS = range(2400, 2701)

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})")
_MONTH_NAME = re.compile(r"(\d{1,2})\s*([^\d\s]+)\s*(\d{2}|\d{4})")
# A full month name less this ending is how it is often typed: "มกรา", "เมษา", "กุมภา".
_SPOKEN_ENDING = re.compile(r"(คม|ยน|พันธ์)$")


def _month_numbers() -> dict[str, int]:
    """Each way a month's name is typed (full, short with or without dots, spoken)."""
    names: dict[str, int] = {}
    for number, (full, abbr) in enumerate(
        zip(fiscal.THAI_MONTHS, fiscal.THAI_MONTHS_ABBR, strict=True), start=1
    ):
        for name in (full, abbr.replace(".", ""), _SPOKEN_ENDING.sub("", full)):
            names[name] = number
    return names


MONTH_NUMBERS = _month_numbers()

INVALID = "กรุณากรอกวันที่เป็น วัน/เดือน/ปี พ.ศ. เช่น 1/1/2570 หรือ 1 ม.ค. 2570"


def _be_year(digits: str) -> int:
    """The พ.ศ. year typed: two digits are 25xx, as in "28 มี.ค. 66"."""
    year = int(digits)
    if len(digits) == 2:
        return 2500 + year
    if year not in BE_YEARS:
        raise forms.ValidationError(
            "กรุณากรอกปีเป็น พ.ศ. (เช่น %(be)s แทน %(ce)s)",
            code="ce_year",
            params={"be": year + 543, "ce": year},
        )
    return year


def _day(day: int, month: int, be_year: int) -> date:
    try:
        return date(fiscal.ce_year(be_year), month, day)
    except ValueError:
        pass
    if not 1 <= month <= 12:
        raise forms.ValidationError(INVALID, code="invalid")
    raise forms.ValidationError(
        "ไม่มีวันที่ %(day)s %(month)s %(year)s ในปฏิทิน",
        code="invalid_date",
        params={"day": day, "month": fiscal.THAI_MONTHS[month - 1], "year": be_year},
    )


def parse_thai_date(text: str) -> date:
    """A date typed as ISO (ค.ศ.), as 1/1/2570 or 01-01-70, or as 1 มกราคม 2570 / 1 ม.ค. 2570
    (Thai digits too); raises ValidationError with a Thai message."""
    text = fiscal.arabic_digits(text).replace("พ.ศ.", " ").replace("วันที่", " ")
    text = " ".join(text.split())
    if match := _ISO.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        # ISO is ค.ศ.; "2570-01-01" is a พ.ศ. year typed in ISO order.
        be_year = year if year in BE_YEARS else year + 543
        if be_year not in BE_YEARS:
            raise forms.ValidationError(INVALID, code="invalid")
        return _day(day, month, be_year)
    if match := _NUMERIC.fullmatch(text):
        day, month, year = match.groups()
        return _day(int(day), int(month), _be_year(year))
    if match := _MONTH_NAME.fullmatch(text):
        day, name, year = match.groups()
        month = MONTH_NUMBERS.get(name.replace(".", "").replace(" ", ""))
        if month is None:
            raise forms.ValidationError(INVALID, code="invalid")
        return _day(int(day), month, _be_year(year))
    raise forms.ValidationError(INVALID, code="invalid")


class ThaiDateField(forms.DateField):
    """A date typed or picked in พ.ศ. (ThaiDateInput) or sent as ISO."""

    widget = ThaiDateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        return parse_thai_date(str(value).strip())

    def prepare_value(self, value):
        # A form shown again shows a date it understood as พ.ศ., whatever was typed.
        if isinstance(value, str) and value.strip():
            try:
                return parse_thai_date(value.strip())
            except forms.ValidationError:
                return value
        return value


class ThaiDateAdminMixin:
    """Admin classes (inlines too) whose date fields use the พ.ศ. widget."""

    formfield_overrides = {models.DateField: {"form_class": ThaiDateField, "widget": ThaiDateInput}}


class UnitFilterField(forms.ModelChoiceField):
    """A unit filter: not required, shown as the searchable UnitPicker. The unit it
    cleans is handed to its widget, which then shows it without asking the database
    again; the form sets the queryset (the units the user may see)."""

    widget = UnitPicker

    def __init__(self, *, label="หน่วยงาน", empty_label="ทุกหน่วยงาน", **kwargs):
        super().__init__(
            queryset=None, label=label, empty_label=empty_label, required=False, **kwargs
        )

    def clean(self, value):
        unit = super().clean(value)
        self.widget.chosen = unit
        return unit
