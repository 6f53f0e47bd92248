from decimal import Decimal

from django import forms

from orgs.models import OrgUnit, UnitKind
from reporting.forms import WorkbookUploadForm

from .models import is_percent_unit
from .periods import MONTHS, month_label
from .selectors import report_root


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


class ReportForm(ReportPeriodForm):
    """The period and the unit whose report it is (its root: OPS unless chosen)."""

    unit = forms.ChoiceField(label="หน่วยงาน", required=False)

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("unit"):
            data = data.copy()
            data["unit"] = report_root().code
        super().__init__(data, *args, **kwargs)
        self.fields["unit"].choices = [
            (u.code, f"{'· ' * max(u.depth - 1, 0)}{u.name_th}") for u in report_units()
        ]


def report_units():
    """Units a report may be of: the tree down to divisions (groups are its rows)."""
    kinds = [UnitKind.MINISTRY, UnitKind.CLUSTER, UnitKind.DEPARTMENT, UnitKind.DIVISION]
    return OrgUnit.objects.filter(kind__in=kinds, is_active=True).order_by("path")


class KpiWorkbookUploadForm(WorkbookUploadForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = "ไฟล์ตัวชี้วัดรายเดือน (.xlsx)"
        self.fields[
            "file"
        ].help_text = "ชีต kpis และ kpi_results (และ projects ถ้ามี) ตามรูปแบบแลกเปลี่ยนข้อมูล"


class EntryPeriodForm(ReportPeriodForm):
    unit = forms.TypedChoiceField(label="หน่วยงาน", coerce=int)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.display_name) for u in units]


class MonthResultsForm(forms.Form):
    """Two fields per KPI of the unit: what it achieved in the month (blank: not reported)
    and, when that leaves it below plan, why (หมายเหตุ; the service requires it)."""

    def __init__(self, *args, kpis, **kwargs):
        super().__init__(*args, **kwargs)
        self.kpis = list(kpis)
        for kpi in self.kpis:
            self.fields[self.field_name(kpi)] = self._field(kpi)
            self.fields[self.remark_name(kpi)] = forms.CharField(
                label=f"หมายเหตุ: {kpi.name}",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2, "class": "remark"}),
                error_messages={"max_length": "หมายเหตุยาวได้ไม่เกิน 2,000 ตัวอักษร"},
            )
            if kpi.result_this_month is not None:
                self.initial.setdefault(self.field_name(kpi), kpi.result_this_month)
            if kpi.remark_this_month:
                self.initial.setdefault(self.remark_name(kpi), kpi.remark_this_month)

    @staticmethod
    def field_name(kpi) -> str:
        return f"kpi_{kpi.pk}"

    @staticmethod
    def remark_name(kpi) -> str:
        return f"kpi_{kpi.pk}_remark"

    def clean(self):
        cleaned = super().clean()
        for kpi in self.kpis:
            value = cleaned.get(self.field_name(kpi))
            if (
                cleaned.get(self.remark_name(kpi))
                and value is None
                and not self.has_error(self.field_name(kpi))
            ):
                self.add_error(self.field_name(kpi), "กรอกผลของเดือนนี้ (0 หากยังไม่มีผล) เพื่อบันทึกหมายเหตุ")
        return cleaned

    def add_remark_errors(self, by_kpi: dict[int, str]) -> None:
        """The service's refusals (services.RemarksMissing), each on its KPI's remark."""
        for kpi in self.kpis:
            if kpi.pk in by_kpi:
                self.add_error(self.remark_name(kpi), by_kpi[kpi.pk])

    def _field(self, kpi) -> AmountField:
        is_percent = is_percent_unit(kpi.unit_of_measure)
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

    def remarks(self) -> dict[int, str]:
        return {kpi.pk: self.cleaned_data[self.remark_name(kpi)] for kpi in self.kpis}

    def rows(self):
        """(KPI, value field, remark field) for the template."""
        return [(kpi, self[self.field_name(kpi)], self[self.remark_name(kpi)]) for kpi in self.kpis]
