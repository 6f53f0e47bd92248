from decimal import Decimal

from django import forms

from .periods import MONTHS, month_label

PERCENT_UNITS = {"ร้อยละ", "%"}


class AmountField(forms.DecimalField):
    """A decimal that accepts thousands separators as officials type them ("142,843")."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(",", "").replace(" ", "")
        return super().to_python(value)


def month_choices(fiscal_year: int) -> list[tuple[int, str]]:
    return [(m, f"{m} เดือน (ถึง {month_label(fiscal_year, m)})") for m in MONTHS]


class ReportPeriodForm(forms.Form):
    """The report's fiscal year and month ("รอบ N เดือน")."""

    fiscal_year = forms.IntegerField(
        label="ปีงบประมาณ",
        min_value=2500,
        max_value=2700,
        error_messages={"invalid": "กรุณากรอกปีงบประมาณ พ.ศ. เป็นตัวเลข"},
    )
    month = forms.TypedChoiceField(label="รอบ", coerce=int, choices=month_choices(2500))

    def __init__(self, *args, fiscal_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = month_choices(fiscal_year)


class EntryPeriodForm(ReportPeriodForm):
    unit = forms.TypedChoiceField(label="หน่วยงาน", coerce=int)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.display_name) for u in units]


class MonthResultsForm(forms.Form):
    """One field per KPI of the unit: what it achieved in the month (blank: not reported)."""

    def __init__(self, *args, kpis, **kwargs):
        super().__init__(*args, **kwargs)
        self.kpis = list(kpis)
        for kpi in self.kpis:
            self.fields[self.field_name(kpi)] = self._field(kpi)
            if kpi.result_this_month is not None:
                self.initial.setdefault(self.field_name(kpi), kpi.result_this_month)

    @staticmethod
    def field_name(kpi) -> str:
        return f"kpi_{kpi.pk}"

    def _field(self, kpi) -> AmountField:
        is_percent = kpi.unit_of_measure.strip() in PERCENT_UNITS
        return AmountField(
            label=kpi.name,
            required=False,
            min_value=Decimal(0),
            max_value=Decimal(100) if is_percent else None,
            max_digits=16,
            decimal_places=2,
            error_messages={
                "invalid": "กรุณากรอกผลการดำเนินงานเป็นตัวเลข",
                "min_value": "ผลการดำเนินงานต้องไม่ติดลบ",
                "max_value": "ร้อยละต้องไม่เกิน 100",
                "max_digits": "ตัวเลขยาวเกินไป",
                "max_decimal_places": "ทศนิยมได้ไม่เกิน 2 ตำแหน่ง",
                "max_whole_digits": "ตัวเลขยาวเกินไป",
            },
            widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "number"}),
        )

    def values(self) -> dict[int, Decimal | None]:
        return {kpi.pk: self.cleaned_data[self.field_name(kpi)] for kpi in self.kpis}

    def rows(self):
        """(KPI, bound field) pairs for the template."""
        return [(kpi, self[self.field_name(kpi)]) for kpi in self.kpis]
