from decimal import Decimal, InvalidOperation

from django import forms

from core.clock import today
from core.forms import ThaiDateField
from core.validation import NUL_MESSAGE, has_nul
from orgs.models import OrgUnit

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

    from .selectors import current_round

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
