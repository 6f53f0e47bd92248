"""Forms of the project editor. They parse and validate input; services save."""

import calendar
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms

from emenscr import fiscal
from emenscr.clock import today
from emenscr.validation import NUL_MESSAGE, has_nul

from .models import (
    AreaLevel,
    Level3Plan,
    PlanLevel,
    PlanNode,
    Project,
    ProjectKind,
    SourceKind,
    TargetKind,
)
from .selectors import split_codes, target_nodes_for_codes
from .services.entry import GENERAL_FIELDS, ActivityRow

MONEY_ERRORS = {
    "invalid": "กรุณากรอกจำนวนเงินเป็นตัวเลข",
    "min_value": "จำนวนเงินต้องไม่ติดลบ",
    "max_digits": "จำนวนเงินมากเกินไป",
    "max_decimal_places": "ทศนิยมได้ไม่เกิน ๒ ตำแหน่ง",
}


def thai_month_year_widgets() -> list[forms.Widget]:
    """A Thai month picker and a พ.ศ. year box (the month and date widgets' common part)."""
    months = [("", "— เดือน —")] + list(enumerate(fiscal.THAI_MONTHS, start=1))
    return [
        forms.Select(choices=months),
        forms.NumberInput(attrs={"min": 2500, "max": 2700, "placeholder": "พ.ศ."}),
    ]


class ThaiMonthWidget(forms.MultiWidget):
    """Month name + พ.ศ. year: eMENSCR plans projects by month."""

    template_name = "projects/widgets/thai_month.html"

    def __init__(self, attrs=None):
        super().__init__(thai_month_year_widgets(), attrs)

    def decompress(self, value):
        return [value.month, fiscal.be_year(value.year)] if value else [None, None]


class ThaiMonthField(forms.MultiValueField):
    """A month as a date: the first day, or the last day when `end=True`."""

    widget = ThaiMonthWidget

    def __init__(self, *, end: bool = False, **kwargs):
        self.end = end
        fields = [
            forms.IntegerField(min_value=1, max_value=12),
            forms.IntegerField(
                min_value=2400,
                max_value=2700,
                error_messages={
                    "min_value": "กรุณากรอกปีเป็น พ.ศ. (เช่น 2567)",
                    "max_value": "กรุณากรอกปีเป็น พ.ศ. (เช่น 2567)",
                },
            ),
        ]
        super().__init__(fields, require_all_fields=False, required=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not all(data_list):
            if data_list and any(data_list):
                raise forms.ValidationError("กรุณาเลือกทั้งเดือนและปี พ.ศ.")
            return None
        month, year_be = data_list
        year = fiscal.ce_year(year_be)
        day = calendar.monthrange(year, month)[1] if self.end else 1
        return date(year, month, day)


class ProjectCreateForm(forms.Form):
    unit = forms.ModelChoiceField(label="หน่วยงานรับผิดชอบ", queryset=None, empty_label=None)
    fiscal_year = forms.TypedChoiceField(label="ปีงบประมาณ (พ.ศ.)", coerce=int)
    name = forms.CharField(label="ชื่อโครงการ/การดำเนินงาน", max_length=500)
    kind = forms.ChoiceField(
        label="ลักษณะการดำเนินงาน", choices=ProjectKind.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        current = fiscal.fiscal_year_of(today())
        self.fields["fiscal_year"].choices = [(y, y) for y in (current, current + 1, current - 1)]
        self.fields["fiscal_year"].initial = current
        self.fields["kind"].initial = ProjectKind.PROJECT


class GeneralForm(forms.ModelForm):
    """M2: ข้อมูลทั่วไป."""

    start_date = ThaiMonthField(label="เดือนที่เริ่มต้น")
    end_date = ThaiMonthField(label="เดือนที่สิ้นสุด", end=True)

    class Meta:
        model = Project
        fields = GENERAL_FIELDS
        widgets = {
            "kind": forms.RadioSelect,
            "cycle": forms.RadioSelect,
            "uses_budget": forms.RadioSelect(
                choices=[(True, "โครงการที่ใช้งบประมาณ"), (False, "โครงการที่ไม่ใช้งบประมาณ")]
            ),
        }
        labels = {"uses_budget": "ลักษณะโครงการ", "cycle": "รอบปีของโครงการ"}
        error_messages = {
            "director_email": {"invalid": "รูปแบบอีเมลไม่ถูกต้อง"},
            "director_email_alt": {"invalid": "รูปแบบอีเมลไม่ถูกต้อง"},
            "name": {"required": "กรุณากรอกชื่อโครงการ"},
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่มต้น")
        return data

    def _post_clean(self):
        # The service validates the model (with the row lock held); the form only parses.
        pass


class LinksForm(forms.Form):
    """M1: targets typed or picked, reform areas and level-3 plans."""

    target_codes = forms.CharField(
        label="รหัสเป้าหมายแผนแม่บท (Y2) / เป้าหมายแผนย่อย (Y1)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "เช่น 110401; 010201"}),
        help_text="พิมพ์รหัส หรือเลือกจากยุทธศาสตร์ชาติด้านล่าง คั่นหลายรหัสด้วย ;",
    )
    reform_areas = forms.ModelMultipleChoiceField(
        label="แผนการปฏิรูปประเทศ",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        queryset=PlanNode.objects.filter(level=PlanLevel.REFORM_AREA, is_active=True).order_by(
            "code"
        ),
    )
    level3_plans = forms.ModelMultipleChoiceField(
        label="แผนระดับที่ ๓",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        queryset=Level3Plan.objects.none(),
        help_text="เฉพาะแผนที่อนุมัติแล้ว ครอบคลุมปีงบประมาณของโครงการ ของหน่วยงานหรือหน่วยงานต้นสังกัด",
        error_messages={
            "invalid_choice": "แผนระดับที่ ๓ ที่เลือกยังไม่อนุมัติ ไม่ครอบคลุมปีงบประมาณของโครงการ หรือไม่ใช่แผนของหน่วยงาน"
        },
    )

    def __init__(self, *args, level3_plans=None, **kwargs):
        super().__init__(*args, **kwargs)
        if level3_plans is not None:
            self.fields["level3_plans"].queryset = level3_plans

    def clean_target_codes(self):
        nodes, unknown = target_nodes_for_codes(split_codes(self.cleaned_data["target_codes"]))
        if unknown:
            raise forms.ValidationError(
                f"ไม่พบรหัสเป้าหมาย {', '.join(unknown)} ในยุทธศาสตร์ชาติ (ใช้รหัส ๖ หลักของเป้าหมาย Y1/Y2)"
            )
        self.target_nodes = nodes
        return self.cleaned_data["target_codes"]

    @classmethod
    def initial_for(cls, project: Project) -> dict:
        nodes = list(project.plan_nodes.all())
        return {
            "target_codes": "; ".join(n.code for n in nodes if n.level != PlanLevel.REFORM_AREA),
            "reform_areas": [n for n in nodes if n.level == PlanLevel.REFORM_AREA],
            "level3_plans": list(project.level3_plans.all()),
        }


class DetailForm(forms.ModelForm):
    """M3 texts."""

    class Meta:
        model = Project
        fields = ["rationale", "objectives", "expected_results", "target_groups"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}


# --- rows posted in display order -------------------------------------------
# Editable tables (targets, areas, activities, other budget sources) post one
# hidden `<prefix>` input per row carrying a row key, followed by fields named
# `<prefix>-<key>-<field>`. Browsers submit inputs in document order, so the
# rows arrive in the order the user arranged them, with no index bookkeeping.


@dataclass
class PostedRow:
    key: str
    values: dict
    errors: dict = field(default_factory=dict)

    def get(self, name, default=""):
        return self.values.get(name, default)


def posted_rows(
    data, prefix: str, names: list[str], multi: tuple[str, ...] = ()
) -> list[PostedRow]:
    rows = []
    for key in data.getlist(prefix):
        values = {n: data.get(f"{prefix}-{key}-{n}", "").strip() for n in names}
        values.update({n: data.getlist(f"{prefix}-{key}-{n}") for n in multi})
        row = PostedRow(key, values)
        # A NUL cannot be stored (PostgreSQL refuses it): said beside the field.
        # (ids and depths are parsed as numbers: a NUL there is no number.)
        row.errors.update(
            {n: NUL_MESSAGE for n in names if n not in ("id", "depth") and has_nul(values[n])}
        )
        rows.append(row)
    return rows


def new_row_key() -> str:
    return uuid.uuid4().hex[:10]


def parse_decimal(row: PostedRow, name: str, *, required: bool = False, money: bool = False):
    text = row.get(name).replace(",", "")
    if not text:
        if required:
            row.errors[name] = "กรุณากรอกตัวเลข"
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        row.errors[name] = MONEY_ERRORS["invalid"] if money else "กรุณากรอกเป็นตัวเลข"
        return None
    if not value.is_finite() or abs(value) >= Decimal("1e13"):
        row.errors[name] = "ตัวเลขไม่ถูกต้องหรือมากเกินไป"
        return None
    if value < 0:
        row.errors[name] = "ต้องไม่ติดลบ"
        return None
    return value.quantize(Decimal("0.01"))


def text_within(row: PostedRow, name: str, limit: int) -> str:
    """The typed text, with a Thai message when it is longer than the column holds
    (refused rather than cut, so what is saved is what was typed)."""
    value = row.get(name)
    if len(value) > limit:
        row.errors[name] = f"ยาวได้ไม่เกิน {limit} ตัวอักษร (ที่กรอกมี {len(value)})"
    return value


def _row_id(row: PostedRow, existing: set[int]) -> int | None:
    try:
        pk = int(row.get("id"))
    except ValueError:
        return None
    return pk if pk in existing else None


TARGET_FIELDS = ["id", "kind", "description", "target_value", "unit_of_measure"]
AREA_FIELDS = [
    "id",
    "level",
    "region",
    "province",
    "district",
    "subdistrict",
    "village",
    "detail",
    "latitude",
    "longitude",
]


def clean_targets(data, existing: set[int]) -> tuple[list[PostedRow], list[dict]]:
    rows, cleaned = posted_rows(data, "target", TARGET_FIELDS), []
    for row in rows:
        if not row.get("description"):
            row.errors["description"] = "กรุณากรอกรายละเอียดเป้าหมาย/ตัวชี้วัด"
        if row.get("kind") not in TargetKind.values:
            row.errors["kind"] = "กรุณาเลือกประเภท"
        value = parse_decimal(row, "target_value")
        cleaned.append(
            {
                "id": _row_id(row, existing),
                "kind": row.get("kind"),
                "description": row.get("description"),
                "target_value": value,
                "unit_of_measure": text_within(row, "unit_of_measure", 64),
            }
        )
    return rows, cleaned


def clean_areas(data, existing: set[int]) -> tuple[list[PostedRow], list[dict]]:
    rows, cleaned = posted_rows(data, "area", AREA_FIELDS), []
    for row in rows:
        level = row.get("level")
        if level not in AreaLevel.values:
            row.errors["level"] = "กรุณาเลือกขอบเขตพื้นที่"
        needed = {
            "province": ["province"],
            "district": ["province", "district"],
            "subdistrict": ["province", "district", "subdistrict"],
            "village": ["province", "district", "subdistrict", "village"],
            "region": ["region"],
        }
        for name in needed.get(level, []):
            if not row.get(name):
                row.errors[name] = "กรุณากรอก"
        values = {
            n: text_within(row, n, 128)
            for n in ["region", "province", "district", "subdistrict", "village"]
        }
        values.update(
            id=_row_id(row, existing),
            level=level,
            detail=row.get("detail"),
            latitude=_coordinate(row, "latitude", 90),
            longitude=_coordinate(row, "longitude", 180),
        )
        cleaned.append(values)
    return rows, cleaned


def _coordinate(row: PostedRow, name: str, bound: int):
    text = row.get(name)
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        row.errors[name] = "พิกัดต้องเป็นตัวเลขทศนิยม เช่น 13.756331"
        return None
    if not value.is_finite() or abs(value) > bound:
        row.errors[name] = f"พิกัดต้องอยู่ระหว่าง -{bound} ถึง {bound}"
        return None
    return value.quantize(Decimal("0.000001"))


def clean_activities(
    data, existing: set[int], allowed: list[fiscal.Quarter]
) -> tuple[list[PostedRow], list[ActivityRow]]:
    """M4 rows; `q` holds "2567-1" keys of the ticked quarters."""
    rows, cleaned = posted_rows(data, "activity", ["id", "name", "depth"], multi=("q",)), []
    keys = {q.key: (q.fiscal_year, q.quarter) for q in allowed}
    for row in rows:
        if not row.get("name"):
            row.errors["name"] = "กรุณากรอกชื่อกิจกรรม"
        depth = int(row.get("depth")) if row.get("depth").isdigit() else 0
        quarters = [keys[k] for k in row.get("q", []) if k in keys]
        if len(quarters) != len(row.get("q", [])):
            row.errors["q"] = "ไตรมาสที่เลือกอยู่นอกระยะเวลาโครงการ"
        cleaned.append(
            ActivityRow(
                name=text_within(row, "name", 500),
                depth=min(depth, 5),
                quarters=quarters,
                id=_row_id(row, existing),
            )
        )
    return rows, cleaned


FIXED_SOURCES = [
    SourceKind.STATE_DIRECT,
    SourceKind.STATE_VIA_AGENCY,
    SourceKind.OWN_REVENUE,
    SourceKind.DOMESTIC_LOAN,
    SourceKind.FOREIGN_LOAN,
]


@dataclass
class BudgetInput:
    fixed: dict  # kind → text typed
    via_agency: str
    others: list[PostedRow]
    plan: dict  # "2567-1" → text typed
    errors: dict = field(default_factory=dict)
    sources: list[dict] = field(default_factory=list)
    amounts: dict = field(default_factory=dict)


def clean_budget(data, allowed: list[fiscal.Quarter]) -> BudgetInput:
    """M5: five fixed sources, named other sources, and the quarterly plan."""
    budget = BudgetInput(
        fixed={k: data.get(f"source-{k}", "").strip() for k in FIXED_SOURCES},
        via_agency=data.get("via_agency", "").strip(),
        others=posted_rows(data, "other", ["name", "amount"]),
        plan={q.key: data.get(f"plan-{q.key}", "").strip() for q in allowed},
    )
    holder = PostedRow("fixed", {**{k: v for k, v in budget.fixed.items()}, **budget.plan})
    for kind in FIXED_SOURCES:
        amount = parse_decimal(holder, kind, money=True)
        if amount:
            name = budget.via_agency if kind == SourceKind.STATE_VIA_AGENCY else ""
            budget.sources.append({"kind": kind, "source_name": name, "amount": amount})
    if budget.fixed[SourceKind.STATE_VIA_AGENCY] and not budget.via_agency:
        holder.errors["via_agency"] = "กรุณาระบุหน่วยงานที่ขอผ่าน"
    if has_nul(budget.via_agency):
        holder.errors["via_agency"] = NUL_MESSAGE
    if len(budget.via_agency) > 255:
        holder.errors["via_agency"] = "ชื่อหน่วยงานที่ขอผ่านยาวได้ไม่เกิน 255 ตัวอักษร"
    for row in budget.others:
        amount = parse_decimal(row, "amount", required=True, money=True)
        if not row.get("name"):
            row.errors["name"] = "กรุณาระบุที่มาของงบประมาณ"
        if amount is not None:
            budget.sources.append(
                {
                    "kind": SourceKind.OTHER,
                    "source_name": text_within(row, "name", 255),
                    "amount": amount,
                }
            )
    for q in allowed:
        amount = parse_decimal(holder, q.key, money=True)
        budget.amounts[(q.fiscal_year, q.quarter)] = amount or Decimal(0)
    budget.errors = holder.errors
    return budget
