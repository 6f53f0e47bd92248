"""Forms of the project editor. They parse and validate input; services save."""

import calendar
import re
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms

from core import fiscal
from core.clock import today
from core.validation import NUL_MESSAGE, has_nul, valid_id

from .inputs import (
    FIXED_SOURCES,
    ActivitiesInput,
    ActivityInputRow,
    AreaRow,
    BudgetInput,
    DetailInput,
    GeneralInput,
    LinksInput,
    OtherSourceRow,
    TargetRow,
)
from .models import Level3Plan, PlanLevel, PlanNode, Project, ProjectKind
from .selectors import split_codes
from .services.entry import GENERAL_FIELDS

MONEY_ERRORS = {
    "invalid": "กรุณากรอกจำนวนเงินเป็นตัวเลข เช่น 1,250,000.50",
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
    """The fields are `project_create`'s arguments (the API passes cleaned_data on)."""

    unit = forms.ModelChoiceField(label="หน่วยงานรับผิดชอบ", queryset=None, empty_label=None)
    fiscal_year = forms.TypedChoiceField(label="ปีงบประมาณ (พ.ศ.)", coerce=int)
    name = forms.CharField(label="ชื่อโครงการ/การดำเนินงาน", max_length=500)
    kind = forms.ChoiceField(
        label="ลักษณะการดำเนินงาน", choices=ProjectKind.choices, widget=forms.RadioSelect
    )
    gfmis_code = forms.CharField(
        label="รหัส GFMIS ของโครงการ",
        max_length=64,
        required=False,
        help_text="ถ้ามี: ใช้ตรวจหาโครงการที่อาจซ้ำกันก่อนออกรหัส กรอกภายหลังใน M2 ได้",
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        current = fiscal.fiscal_year_of(today())
        self.fields["fiscal_year"].choices = [(y, y) for y in (current, current + 1, current - 1)]
        self.fields["fiscal_year"].initial = current
        self.fields["kind"].initial = ProjectKind.PROJECT

    def distinct_from(self) -> list[str]:
        """The codes of the likely duplicates the user saw and called different projects
        (posted with the "เป็นคนละโครงการ สร้างต่อ" button); [] for the plain create button."""
        getlist = getattr(self.data, "getlist", None)
        if not getlist or not self.data.get("confirm_distinct"):
            return []
        return [code.strip() for code in getlist("distinct_from") if code.strip()]


class GeneralForm(forms.ModelForm):
    """M2: ข้อมูลทั่วไป. Parses the page into a GeneralInput; its rules (a name, e-mail
    addresses, the end after the start) are `GeneralInput`'s, shared with the API."""

    start_date = ThaiMonthField(label="เดือนที่เริ่มต้น")
    end_date = ThaiMonthField(label="เดือนที่สิ้นสุด", end=True)

    class Meta:
        model = Project
        fields = GENERAL_FIELDS
        # E-mail addresses are checked by GeneralInput (the same words for the API).
        field_classes = {"director_email": forms.CharField, "director_email_alt": forms.CharField}
        widgets = {
            "kind": forms.RadioSelect,
            "cycle": forms.RadioSelect,
            "uses_budget": forms.RadioSelect(
                choices=[(True, "โครงการที่ใช้งบประมาณ"), (False, "โครงการที่ไม่ใช้งบประมาณ")]
            ),
            "director_email": forms.EmailInput,
            "director_email_alt": forms.EmailInput,
        }
        labels = {"uses_budget": "ลักษณะโครงการ", "cycle": "รอบปีของโครงการ"}
        error_messages = {"name": {"required": "กรุณากรอกชื่อโครงการ"}}

    def _post_clean(self):
        # The service validates the model (with the row lock held); the form only parses.
        pass

    def general_input(self) -> GeneralInput:
        """What was parsed; a field that could not be parsed is left at its default."""
        values = {n: self.cleaned_data.get(n) for n in GENERAL_FIELDS}
        values.update({n: values[n] or "" for n in ("name", "kind", "cycle")})
        return GeneralInput(**{n: v for n, v in values.items() if v is not None})


class IdsField(forms.ModelMultipleChoiceField):
    """Checkboxes drawn from a queryset, cleaned to ids only: which ids may be chosen is
    LinksInput's rule (the API names ids too)."""

    def clean(self, value) -> list[int]:
        values = [] if value in self.empty_values else value
        if not isinstance(values, (list, tuple)):
            raise forms.ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        ids = [valid_id(str(v)) for v in values]
        if None in ids:
            raise forms.ValidationError("ตัวเลือกที่ส่งมาไม่ถูกต้อง กรุณาเลือกจากรายการ")
        return ids


class LinksForm(forms.Form):
    """M1: targets typed or picked, reform areas and level-3 plans."""

    target_codes = forms.CharField(
        label="รหัสเป้าหมายแผนแม่บท (Y2) / เป้าหมายแผนย่อย (Y1)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "เช่น 110401; 010201"}),
        help_text="พิมพ์รหัส หรือเลือกจากยุทธศาสตร์ชาติด้านล่าง คั่นหลายรหัสด้วย ;",
    )
    reform_areas = IdsField(
        label="แผนการปฏิรูปประเทศ",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        queryset=PlanNode.objects.filter(level=PlanLevel.REFORM_AREA, is_active=True).order_by(
            "code"
        ),
    )
    level3_plans = IdsField(
        label="แผนระดับที่ ๓",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        queryset=Level3Plan.objects.none(),
        help_text="เฉพาะแผนที่อนุมัติแล้ว ครอบคลุมปีงบประมาณของโครงการ ของหน่วยงานหรือหน่วยงานต้นสังกัด",
    )

    def __init__(self, *args, level3_plans=None, **kwargs):
        super().__init__(*args, **kwargs)
        if level3_plans is not None:
            self.fields["level3_plans"].queryset = level3_plans

    def links_input(self) -> LinksInput:
        data = self.cleaned_data
        return LinksInput(
            target_codes=split_codes(data.get("target_codes", "")),
            reform_areas=data.get("reform_areas", []),
            level3_plans=data.get("level3_plans", []),
        )

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

    def detail_input(self, targets: list[TargetRow], areas: list[AreaRow]) -> DetailInput:
        texts = {n: self.cleaned_data.get(n) or "" for n in self.Meta.fields}
        return DetailInput(**texts, targets=targets, areas=areas)


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


# "1,250,000.50", "1250000.5", "๑๒๕๐๐๐๐": commas only between thousands, a point for
# decimals. Not "1.000,5" (a European comma), "1,00", "12abc" or "1e5".
NUMBER_TEXT = re.compile(r"(-?)([0-9]{1,3}(?:,[0-9]{3})+|[0-9]*)(?:\.([0-9]*))?")
TOO_PRECISE = "ทศนิยมได้ไม่เกิน ๒ ตำแหน่ง (ระบบไม่ปัดเศษให้)"


def parse_number(text: str) -> Decimal | None:
    """A number as officials type it, in Arabic or Thai digits, exactly as typed (never
    rounded: how many decimals are allowed is the caller's rule); None when it is not
    one. static/js/editor.js reads the live totals with the same pattern."""
    match = NUMBER_TEXT.fullmatch(fiscal.arabic_digits(text.strip()))
    if not match or not (match[2] or match[3]):
        return None
    sign, whole, fraction = match.groups()
    decimals = f".{fraction}" if fraction else ""
    return Decimal(f"{sign}{whole.replace(',', '') or '0'}{decimals}")


def decimal_places(value: Decimal) -> int:
    return max(0, -value.normalize().as_tuple().exponent)


def parse_decimal(row: PostedRow, name: str, *, required: bool = False, money: bool = False):
    """The row's number, or None with a message in `row.errors`. Money is returned as
    typed (BudgetInput refuses more than two decimals, naming the row); other numbers
    with more than two decimals are refused here."""
    text = row.get(name)
    if not text:
        if required:
            row.errors[name] = "กรุณากรอกตัวเลข"
        return None
    value = parse_number(text)
    if value is None:
        row.errors[name] = MONEY_ERRORS["invalid"] if money else "กรุณากรอกเป็นตัวเลข"
        return None
    if abs(value) >= Decimal("1e13"):
        row.errors[name] = "ตัวเลขไม่ถูกต้องหรือมากเกินไป"
        return None
    if value < 0:
        row.errors[name] = "ต้องไม่ติดลบ"
        return None
    if not money and decimal_places(value) > 2:
        row.errors[name] = TOO_PRECISE
        return None
    return value


def _row_id(row: PostedRow, existing: set[int]) -> int | None:
    try:
        pk = int(row.get("id"))
    except ValueError:
        return None
    return pk if pk in existing else None


def _posted_id(row: PostedRow) -> int | None:
    """The row's id as posted (LinksInput and the other inputs keep only the project's)."""
    text = row.get("id")
    return int(text) if text.isascii() and text.isdigit() else None


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

# The rows below are parsed here (numbers, ids); what makes a row acceptable is the
# typed input's rule (projects.inputs), which the editor shows beside each field.


def clean_targets(data) -> tuple[list[PostedRow], list[TargetRow]]:
    rows = posted_rows(data, "target", TARGET_FIELDS)
    return rows, [
        TargetRow(
            kind=row.get("kind"),
            description=row.get("description"),
            target_value=parse_decimal(row, "target_value"),
            unit_of_measure=row.get("unit_of_measure"),
            id=_posted_id(row),
        )
        for row in rows
    ]


def clean_areas(data) -> tuple[list[PostedRow], list[AreaRow]]:
    rows = posted_rows(data, "area", AREA_FIELDS)
    texts = ["level", "region", "province", "district", "subdistrict", "village", "detail"]
    return rows, [
        AreaRow(
            **{n: row.get(n) for n in texts},
            latitude=_coordinate(row, "latitude", 90),
            longitude=_coordinate(row, "longitude", 180),
            id=_posted_id(row),
        )
        for row in rows
    ]


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


def clean_activities(data) -> tuple[list[PostedRow], ActivitiesInput]:
    """M4 rows; `q` holds "2567-1" keys of the ticked quarters."""
    rows = posted_rows(data, "activity", ["id", "name", "depth"], multi=("q",))
    activities = []
    for row in rows:
        depth = int(row.get("depth")) if row.get("depth").isdigit() else 0
        activities.append(
            ActivityInputRow(
                name=row.get("name"),
                depth=min(depth, 5),
                quarters=list(row.get("q", [])),
                id=_posted_id(row),
            )
        )
    return rows, ActivitiesInput(activities=activities)


@dataclass
class BudgetPage:
    """M5 as typed on the page (text), with the messages beside each field."""

    fixed: dict  # kind → text typed
    via_agency: str
    others: list[PostedRow]
    plan: dict  # "2567-1" → text typed
    errors: dict = field(default_factory=dict)


def clean_budget(data, allowed: list[fiscal.Quarter]) -> tuple[BudgetPage, BudgetInput]:
    """M5: five fixed sources, named other sources, and the quarterly plan."""
    page = BudgetPage(
        fixed={k: data.get(f"source-{k}", "").strip() for k in FIXED_SOURCES},
        via_agency=data.get("via_agency", "").strip(),
        others=posted_rows(data, "other", ["name", "amount"]),
        plan={q.key: data.get(f"plan-{q.key}", "").strip() for q in allowed},
    )
    holder = PostedRow("fixed", {**page.fixed, **page.plan})
    budget = BudgetInput(
        sources={k: parse_decimal(holder, k, money=True) for k in FIXED_SOURCES},
        via_agency=page.via_agency,
        others=[
            OtherSourceRow(row.get("name"), parse_decimal(row, "amount", money=True))
            for row in page.others
        ],
        plan={q.key: parse_decimal(holder, q.key, money=True) for q in allowed},
    )
    page.errors = holder.errors
    return page, budget
