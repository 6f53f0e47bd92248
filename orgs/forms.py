from django import forms
from django.contrib.auth.forms import AuthenticationForm


class ThaiAuthenticationForm(AuthenticationForm):
    """Django's login form with Thai labels and messages."""

    error_messages = {
        "invalid_login": "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง กรุณาตรวจสอบแล้วลองอีกครั้ง",
        "inactive": "บัญชีนี้ถูกระงับการใช้งาน กรุณาติดต่อผู้ดูแลระบบ",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "ชื่อผู้ใช้"
        self.fields["password"].label = "รหัสผ่าน"
        self.fields["username"].widget.attrs.update({"autofocus": True, "autocomplete": "username"})
        self.fields["username"].error_messages["required"] = "กรุณากรอกชื่อผู้ใช้"
        self.fields["password"].error_messages["required"] = "กรุณากรอกรหัสผ่าน"


class UnitImportForm(forms.Form):
    file = forms.FileField(
        label="ไฟล์หน่วยงาน (CSV หรือ XLSX)",
        help_text="คอลัมน์: code, parent, kind, abbr, name_th, doc_code",
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="ชื่อโทเค็น",
        max_length=100,
        help_text="ตั้งชื่อให้รู้ว่าใช้กับระบบใด เช่น ระบบงานบุคคลของกรม",
        error_messages={"required": "กรุณาตั้งชื่อโทเค็น"},
    )
