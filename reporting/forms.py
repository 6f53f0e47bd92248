from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms

from core.clock import today
from core.fiscal import Quarter
from core.forms import ThaiDateField
from core.validation import NUL_MESSAGE, has_nul
from orgs.models import OrgUnit, UnitKind

from .compare import DEFAULT_YEARS, MAX_YEARS, comparable_units, rounds_between
from .selectors import current_round

MAX_WORKBOOK_BYTES = 20 * 1024 * 1024


class WorkbookUploadForm(forms.Form):
    file = forms.FileField(
        label="ไฟล์สมุดงานโครงการ (.xlsx)", help_text="ชีต projects และ progress ตามรูปแบบแลกเปลี่ยนข้อมูล"
    )
    dry_run = forms.BooleanField(label="ตรวจสอบอย่างเดียว ยังไม่บันทึก", required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("ไฟล์ต้องเป็น Excel นามสกุล .xlsx")
        if upload.size > MAX_WORKBOOK_BYTES:
            raise forms.ValidationError("ไฟล์ใหญ่เกิน ๒๐ MB กรุณาแบ่งไฟล์")
        return upload


class ReportForm(forms.ModelForm):
    """M6: the report's own fields; target and activity rows are parsed beside it."""

    class Meta:
        from .models import QuarterlyReport

        model = QuarterlyReport
        fields = [
            "progress_percent",
            "disbursed",
            "contribution_level1",
            "contribution_level2",
            "contribution_level3",
            "result",
            "problems",
            "suggestions",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields[2:]}
        error_messages = {
            "progress_percent": {
                "invalid": "กรุณากรอกเป็นตัวเลข",
                "max_value": "ต้องไม่เกิน ๑๐๐",
                "min_value": "ต้องไม่ติดลบ",
                "max_digits": "ตัวเลขยาวเกินไป",
            },
            "disbursed": {"invalid": "กรุณากรอกจำนวนเงินเป็นตัวเลข", "max_digits": "จำนวนเงินมากเกินไป"},
        }

    def _post_clean(self):
        pass  # the service validates with the row lock held


class RoundForm(forms.Form):
    fiscal_year = forms.IntegerField(label="ปีงบประมาณ", min_value=2500, max_value=2700)
    quarter = forms.TypedChoiceField(
        label="ไตรมาส", coerce=int, choices=[(q, q) for q in (1, 2, 3, 4)]
    )


def round_from_request(request) -> tuple[RoundForm, int, int]:
    """(form, fiscal year, quarter): the round the query string names, or the one
    being reported today."""

    form = RoundForm(request.GET)
    if form.is_valid():
        return form, form.cleaned_data["fiscal_year"], form.cleaned_data["quarter"]
    # No round asked for (or none that exists): the boxes show the round the page shows,
    # not blanks that a browser draws as quarter 1.
    fiscal_year, quarter = current_round(today())
    form = RoundForm(initial={"fiscal_year": fiscal_year, "quarter": quarter})
    return form, fiscal_year, quarter


class WindowDatesForm(forms.Form):
    opens_on = ThaiDateField(label="วันเปิดระบบ")
    unit_deadline = ThaiDateField(label="กำหนดส่งของหน่วยงาน (รวม M7 ผู้บริหารหน่วยงาน)")
    chain_deadline = ThaiDateField(label="กำหนดอนุมัติครบทุกขั้น")


class ExtensionForm(forms.Form):
    unit = forms.ModelChoiceField(label="หน่วยงานที่ขยายเวลาให้ (รวมหน่วยงานในสังกัด)", queryset=None)
    until = ThaiDateField(label="ขยายถึงวันที่")
    reason = forms.CharField(
        label="เหตุผล",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "กรุณาระบุเหตุผลการขยายเวลา"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(is_active=True).order_by("path")


def parse_decimal(text: str, errors: list, label: str):
    """A typed number ("1,250.5" is fine), or None with a Thai message in `errors`."""
    text = (text or "").replace(",", "").strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        errors.append(f"{label}: กรุณากรอกเป็นตัวเลข")
        return None
    if not value.is_finite() or abs(value) >= Decimal("1e15"):
        errors.append(f"{label}: ตัวเลขไม่ถูกต้อง")
        return None
    return value.quantize(Decimal("0.01"))


def parse_text(text: str, errors: list, label: str) -> str:
    """A typed note, or "" with a Thai message in `errors` when it cannot be stored."""
    text = (text or "").strip()
    if has_nul(text):
        errors.append(f"{label}: {NUL_MESSAGE}")
        return ""
    return text


class CompareForm(forms.Form):
    """The comparison's choice: units (the five-band summary's groups), a span of fiscal
    years and the quarters, each defaulting when left out: the ministry and its
    departments, the last three fiscal years up to `last_round` (the round being
    reported now), every quarter. The page and the API parse with it."""

    units = forms.MultipleChoiceField(
        label="หน่วยงาน",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "ไม่มีหน่วยงาน %(value)s ให้เปรียบเทียบ"},
    )
    fiscal_year_from = forms.IntegerField(
        label="ตั้งแต่ปีงบประมาณ", min_value=2500, max_value=2700, required=False
    )
    fiscal_year_to = forms.IntegerField(
        label="ถึงปีงบประมาณ", min_value=2500, max_value=2700, required=False
    )
    quarters = forms.TypedMultipleChoiceField(
        label="ไตรมาส",
        coerce=int,
        choices=[(q, f"ไตรมาส {q}") for q in (1, 2, 3, 4)],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "ไตรมาสต้องเป็น ๑ ถึง ๔"},
    )

    def __init__(self, *args, units: list[OrgUnit], last_round: Quarter, **kwargs):
        super().__init__(*args, **kwargs)
        self.units_offered, self.last_round = units, last_round
        self.fields["units"].choices = [(u.code, _unit_choice(u)) for u in units]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        chosen = set(data.get("units") or [])
        data["units"] = [u for u in self.units_offered if u.code in chosen] or [
            u for u in self.units_offered if u.kind in (UnitKind.MINISTRY, UnitKind.DEPARTMENT)
        ]
        last = data.get("fiscal_year_to") or self.last_round.fiscal_year
        first = data.get("fiscal_year_from") or last - DEFAULT_YEARS + 1
        if first > last:
            raise forms.ValidationError("ปีงบประมาณเริ่มต้นต้องไม่หลังปีสุดท้าย")
        if last - first + 1 > MAX_YEARS:
            raise forms.ValidationError(f"เปรียบเทียบได้ครั้งละไม่เกิน {MAX_YEARS} ปีงบประมาณ")
        data["fiscal_year_from"], data["fiscal_year_to"] = first, last
        data["quarters"] = sorted(set(data.get("quarters") or [1, 2, 3, 4]))
        data["rounds"] = rounds_between(
            first_year=first, last_year=last, quarters=data["quarters"], last=self.last_round
        )
        return data


def compare_form(data, *, on: date) -> CompareForm:
    """The comparison's form over `data` (a query string), each choice left out shown
    with its default (checked boxes, filled years)."""
    last_round = Quarter(*current_round(on))
    units = comparable_units()
    defaults = {
        "units": [u.code for u in units if u.kind in (UnitKind.MINISTRY, UnitKind.DEPARTMENT)],
        "fiscal_year_from": last_round.fiscal_year - DEFAULT_YEARS + 1,
        "fiscal_year_to": last_round.fiscal_year,
        "quarters": [1, 2, 3, 4],
    }
    if "fiscal_year_to" in data and "fiscal_year_from" not in data:
        defaults.pop("fiscal_year_from")  # the span ends where asked: CompareForm counts back
    multiple = {"units", "quarters"}
    merged = {
        name: (data.getlist(name) if name in multiple and hasattr(data, "getlist") else data[name])
        if name in data
        else value
        for name, value in defaults.items()
    }
    return CompareForm(merged, units=units, last_round=last_round)


def _unit_choice(unit: OrgUnit) -> str:
    prefix = {UnitKind.CLUSTER: "กลุ่มภารกิจ: ", UnitKind.MINISTRY: "ทั้งกระทรวง: "}.get(unit.kind, "")
    return f"{prefix}{unit.abbr or unit.name_th}"
