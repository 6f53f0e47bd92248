"""Forms of the memo pages: the archive's filters, a new draft, and the editor.

The editor's paragraphs and approval lines are rows posted in document order
(one `para_level` and one `para_text` per paragraph), so rows added, removed or
moved in the page need no index bookkeeping; the server numbers them on save.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from core import fiscal
from core.clock import today
from core.forms import ThaiDateField
from windows.models import Window, WindowKind

from . import attachments, paragraphs
from .models import Letterhead, Memo, MemoKind, MemoStatus

QUARTERLY_KINDS = {MemoKind.QUARTER_APPROVAL, MemoKind.QUARTER_CIRCULAR}
MONTHLY_KINDS = {MemoKind.KPI_REPORT}
FISCAL_MONTHS = [
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
]
YEAR_MIN, YEAR_MAX = 2500, 2700


def _year_choices(empty: str) -> list[tuple]:
    current = fiscal.fiscal_year_of(today())
    return [("", empty)] + [(y, f"พ.ศ. {y}") for y in range(current + 1, current - 6, -1)]


def _window_label(window: Window) -> str:
    return f"{window} (ปีงบประมาณ {window.fiscal_year})"


def window_choices(windows) -> list[tuple]:
    """Windows grouped as the archive's filter shows them: quarterly report windows, then others."""
    quarterly = [
        (str(w.pk), _window_label(w)) for w in windows if w.kind == WindowKind.QUARTERLY_REPORT
    ]
    others = [
        (str(w.pk), _window_label(w)) for w in windows if w.kind != WindowKind.QUARTERLY_REPORT
    ]
    return [("", "ทุกรอบ"), ("รอบรายงานรายไตรมาส", quarterly), ("รอบอื่น", others)]


class MemoArchiveForm(forms.Form):
    q = forms.CharField(label="ค้นหาเรื่องหรือเลขที่หนังสือ", required=False, max_length=100)
    fiscal_year = forms.TypedChoiceField(
        label="ปีงบประมาณ", required=False, coerce=int, empty_value=None
    )
    kind = forms.ChoiceField(label="ประเภทบันทึก", required=False)
    window = forms.TypedChoiceField(label="รอบ", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label="สถานะ", required=False, choices=[("", "ทุกสถานะ")] + MemoStatus.choices
    )

    def __init__(self, *args, windows, can_manage: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = _year_choices("ทุกปี")
        self.fields["kind"].choices = [("", "ทุกประเภท")] + MemoKind.choices
        self.fields["window"].choices = window_choices(windows)
        if not can_manage:  # readers see issued memos only
            del self.fields["status"]

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class MemoNewForm(forms.Form):
    kind = forms.ChoiceField(
        label="ประเภทบันทึก",
        choices=MemoKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "กรุณาเลือกประเภทบันทึก", "invalid_choice": "ไม่รู้จักประเภทบันทึกนี้"},
    )
    fiscal_year = forms.IntegerField(
        label="ปีงบประมาณ (พ.ศ.)",
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        error_messages={
            "required": "กรุณากรอกปีงบประมาณ (พ.ศ.)",
            "invalid": "กรุณากรอกปีงบประมาณเป็นตัวเลข พ.ศ. เช่น 2567",
            "min_value": "กรุณากรอกปีเป็น พ.ศ. (เช่น 2567) ไม่ใช่ ค.ศ.",
            "max_value": "ปีงบประมาณ (พ.ศ.) ไม่ถูกต้อง",
        },
    )
    quarter = forms.TypedChoiceField(
        label="ไตรมาส (สำหรับบันทึกรายไตรมาส)",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—")] + [(q, f"ไตรมาส {q}") for q in (1, 2, 3, 4)],
        error_messages={"invalid_choice": "ไตรมาสต้องเป็น ๑–๔"},
    )
    window = forms.ModelChoiceField(
        label="รอบ (สำหรับหนังสือแจ้งกำหนดการ; เว้นว่าง = ทุกรอบของปี)",
        required=False,
        queryset=Window.objects.none(),
        empty_label="—",
        error_messages={"invalid_choice": "ไม่พบรอบที่เลือก"},
    )
    month = forms.TypedChoiceField(
        label="รายงานถึงเดือน (สำหรับรายงานผลการดำเนินงานรายเดือน)",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—")]
        + [(n, f"รอบ {n} เดือน (ถึง {name})") for n, name in enumerate(FISCAL_MONTHS, start=1)],
        error_messages={"invalid_choice": "เดือนต้องเป็นเดือนที่ ๑–๑๒ ของปีงบประมาณ"},
    )

    def __init__(self, *args, kinds: set[str] | None = None, **kwargs):
        """`kinds`: the kinds this user may draft (memos.permissions.managed_kinds)."""
        super().__init__(*args, **kwargs)
        if kinds is not None:
            self.fields["kind"].choices = [c for c in MemoKind.choices if c[0] in kinds]
        self.fields["window"].queryset = Window.objects.order_by("-fiscal_year", "opens_on")
        self.fields["window"].label_from_instance = _window_label
        self.fields["fiscal_year"].widget.attrs.update(placeholder="เช่น 2567")

    def clean(self):
        data = super().clean()
        kind, year = data.get("kind"), data.get("fiscal_year")
        if kind in QUARTERLY_KINDS and not data.get("quarter"):
            self.add_error("quarter", "บันทึกรายไตรมาสต้องระบุไตรมาส")
        if kind not in QUARTERLY_KINDS:
            data["quarter"] = None
        if kind in MONTHLY_KINDS and not data.get("month"):
            self.add_error("month", "รายงานรายเดือนต้องระบุเดือน")
        if kind not in MONTHLY_KINDS:
            data["month"] = None
        if kind == MemoKind.WINDOW_NOTICE:
            # No window: the notice of every window of the year (seed 001's road map).
            window = data.get("window")
            if window is not None and year and window.fiscal_year != year:
                self.add_error("window", f"รอบที่เลือกเป็นของปีงบประมาณ {window.fiscal_year}")
        elif kind:
            data["window"] = None
        return data


def _required_message(label: str) -> str:
    return f"กรุณากรอก{label}"


class MemoHeaderForm(forms.ModelForm):
    """The header and closing fields of a draft; the service validates with the row lock held."""

    attachments = forms.MultipleChoiceField(
        label="เอกสารแนบท้าย", required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Memo
        fields = [
            "urgency",
            "department_line",
            "doc_prefix",
            "is_circular",
            "number",
            "memo_date",
            "subject",
            "salutation",
            "addressee",
            "closing",
            "signatory_name",
            "signatory_position",
            "contact",
        ]
        widgets = {
            "subject": forms.Textarea(attrs={"rows": 2}),
            "addressee": forms.TextInput(),
            "signatory_position": forms.Textarea(attrs={"rows": 2}),
            "contact": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"number": "เลขที่", "doc_prefix": "ที่ (รหัสหนังสือ)", "is_circular": "ว"}
        field_classes = {"memo_date": ThaiDateField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].choices = attachments.choices()
        for f in self.fields.values():
            f.error_messages["required"] = _required_message(f.label)
            f.error_messages["max_length"] = f"{f.label}ยาวเกินไป (ไม่เกิน %(limit_value)d ตัวอักษร)"
        self.fields["urgency"].error_messages["invalid_choice"] = "ชั้นความเร็วไม่ถูกต้อง"
        self.fields["number"].widget.attrs.update(placeholder="ว่าง = เลขถัดไป", inputmode="numeric")
        if self.instance.pk and not self.is_bound:
            self.initial["attachments"] = self.instance.attachments

    def clean_number(self) -> str:
        number = fiscal.arabic_digits(self.cleaned_data["number"]).strip()
        if number and not number.isdigit():
            raise ValidationError("เลขที่หนังสือต้องเป็นตัวเลข (ว่างไว้ให้ระบบออกเลขถัดไป)")
        return number

    def _post_clean(self):
        pass  # memo_update validates the whole memo under its row lock


@dataclass
class Row:
    """One typed paragraph as the editor shows it again."""

    level: str
    text: str
    label: str = ""
    error: str = ""


@dataclass
class ParagraphRows:
    rows: list[Row]
    error: str = ""
    body: list[dict] = field(default_factory=list)

    @classmethod
    def from_memo(cls, memo: Memo) -> ParagraphRows:
        numbered = paragraphs.number(memo.body)
        return cls([Row(str(p.level), p.text, p.label) for p in numbered], body=memo.body)

    @classmethod
    def from_post(cls, data) -> ParagraphRows:
        levels, texts = data.getlist("para_level"), data.getlist("para_text")
        rows = [Row(level, text) for level, text in zip(levels, texts, strict=False)]
        result = cls(rows)
        result.validate()
        return result

    def validate(self) -> None:
        """Known levels, and sub-sections under a section (๑.๑ needs a ๑. above it)."""
        seen_section = seen_subsection = False
        for row in self.rows:
            level = int(row.level) if row.level.isdigit() else -1
            if level not in paragraphs.LEVELS:
                row.error = "กรุณาเลือกระดับของย่อหน้า"
                continue
            if level == 2 and not seen_section:
                row.error = "ข้อย่อย ๑.๑ ต้องอยู่ใต้ข้อหลัก (๑.) กรุณาเพิ่มข้อหลักก่อน"
            if level == 3 and not seen_subsection:
                row.error = "ข้อย่อย ๑.๑.๑ ต้องอยู่ใต้ข้อย่อย ๑.๑ กรุณาเพิ่มข้อย่อยก่อน"
            seen_section = seen_section or level == 1
            seen_subsection = (seen_subsection or level == 2) and level != 1
        if not any(row.text.strip() for row in self.rows):
            self.error = "บันทึกต้องมีเนื้อความอย่างน้อยหนึ่งย่อหน้า"
        self._label()
        if self.is_valid():
            self.body = [{"level": int(r.level), "text": r.text} for r in self.rows]

    def _label(self) -> None:
        valid = [r for r in self.rows if r.level.isdigit() and int(r.level) in paragraphs.LEVELS]
        numbered = paragraphs.number([{"level": int(r.level), "text": r.text} for r in valid])
        for row, label in zip(valid, numbered, strict=True):
            row.label = label.label

    def is_valid(self) -> bool:
        return not self.error and not any(row.error for row in self.rows)


APPROVAL_KEYS = ("text", "name", "position")


def approval_rows_from_post(data) -> list[dict]:
    columns = [data.getlist(f"approval_{key}") for key in APPROVAL_KEYS]
    return [dict(zip(APPROVAL_KEYS, values, strict=True)) for values in zip(*columns, strict=False)]


MAX_EMBLEM_BYTES = 2 * 1024 * 1024
# An emblem is printed 1.5 cm high: 16 million pixels is far more than enough, and a
# small file that decodes to a huge image (a "decompression bomb") is refused.
MAX_EMBLEM_PIXELS = 16_000_000
EMBLEM_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".svg": "SVG"}
# SVG is drawn by WeasyPrint and may be opened in a browser: no scripts, handlers or entities.
SVG_REFUSED = re.compile(
    rb"<!DOCTYPE|<!ENTITY|<script|javascript:|<foreignObject|\son\w+\s*=", re.I
)
EMBLEM_ERROR = "ไฟล์ตราครุฑต้องเป็นรูปภาพ PNG, JPEG หรือ SVG ที่เปิดได้"
SVG_UNSAFE = "ไฟล์ SVG มีสคริปต์หรือคำสั่งที่ไม่อนุญาต กรุณาใช้ไฟล์รูปภาพล้วน"
SVG_EXTERNAL = "ไฟล์ SVG อ้างถึงไฟล์หรือเว็บไซต์ภายนอก กรุณาใช้ไฟล์ที่มีรูปภาพครบในตัว"
SVG_NS = "http://www.w3.org/2000/svg"
# Drawing elements only (no script, foreignObject, image, a, animate/set, iframe …).
SVG_ELEMENTS = {
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "style",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan",
    "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern",
    "filter", "feGaussianBlur", "feOffset", "feBlend", "feColorMatrix", "feFlood",
    "feComposite", "feMerge", "feMergeNode",
}  # fmt: skip
# What drawing programs add (Inkscape, Sodipodi, RDF metadata): never rendered.
EDITOR_NAMESPACES = {
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/",
}
# url(...) or @import that points anywhere but a fragment of the file itself.
EXTERNAL_CSS = re.compile(r"@import|url\((?!\s*['\"]?\s*#)", re.I)


def _check_bitmap(upload, expected: str) -> None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(upload) as image:
            found, pixels = image.format, image.width * image.height
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(EMBLEM_ERROR) from None
    if found != expected:
        raise ValidationError(f"นามสกุลไฟล์ไม่ตรงกับชนิดรูปภาพ (ไฟล์นี้เป็น {found})")
    if pixels > MAX_EMBLEM_PIXELS:
        raise ValidationError("รูปตราครุฑมีขนาดพิกเซลใหญ่เกินไป กรุณาย่อให้ไม่เกิน ๔,๐๐๐ × ๔,๐๐๐ พิกเซล")


def _check_svg(upload) -> None:
    content = upload.read()
    if SVG_REFUSED.search(content):
        raise ValidationError(SVG_UNSAFE)
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError:
        raise ValidationError(EMBLEM_ERROR) from None
    if root.tag.rsplit("}", 1)[-1] != "svg":
        raise ValidationError(EMBLEM_ERROR)
    for element in root.iter():
        _check_svg_element(element)


def _check_svg_element(element) -> None:
    """Drawing elements only, no handlers, and no reference outside the file: WeasyPrint
    would fetch a URL or a local file named in href or url(...)."""
    namespace, _, name = element.tag.rpartition("}")
    namespace = namespace.lstrip("{")
    if namespace in ("", SVG_NS):
        if name not in SVG_ELEMENTS:
            raise ValidationError(SVG_UNSAFE)
    elif namespace not in EDITOR_NAMESPACES:
        raise ValidationError(SVG_UNSAFE)
    if name == "style" and EXTERNAL_CSS.search(element.text or ""):
        raise ValidationError(SVG_EXTERNAL)
    for attribute, value in element.attrib.items():
        local = attribute.rsplit("}", 1)[-1].lower()
        if local.startswith("on"):
            raise ValidationError(SVG_UNSAFE)
        if local == "href" and not value.strip().startswith("#"):
            raise ValidationError(SVG_EXTERNAL)
        if EXTERNAL_CSS.search(value):
            raise ValidationError(SVG_EXTERNAL)


class LetterheadForm(forms.ModelForm):
    """The emblem upload (admin): PNG, JPEG or SVG that really is one, at most 2 MB."""

    class Meta:
        model = Letterhead
        fields = ["emblem", "is_active"]

    def clean_emblem(self):
        upload = self.cleaned_data["emblem"]
        if not isinstance(upload, UploadedFile):
            return upload  # the stored file, unchanged
        suffix = Path(upload.name).suffix.lower()
        if suffix not in EMBLEM_FORMATS:
            raise ValidationError("รองรับเฉพาะไฟล์ .png, .jpg, .jpeg หรือ .svg")
        if upload.size > MAX_EMBLEM_BYTES:
            raise ValidationError("ไฟล์ตราครุฑใหญ่เกิน ๒ MB")
        if EMBLEM_FORMATS[suffix] == "SVG":
            _check_svg(upload)
        else:
            _check_bitmap(upload, EMBLEM_FORMATS[suffix])
        upload.seek(0)
        return upload
