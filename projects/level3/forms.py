"""Forms of the level-3 plan pages: they parse and validate input; services save."""

import re

from django import forms

from approvals.models import ItemStatus
from core import fiscal
from core.clock import today
from core.forms import ThaiDateField, UnitFilterField
from orgs.models import OrgUnit, User
from orgs.permissions import visible_units

from ..forms import (
    PostedRow,
    _row_id,
    new_row_key,
    parse_decimal,
    posted_rows,
)
from ..models import Level3Plan, Level3PlanType, PlanLevel, PlanNode
from ..selectors import split_codes
from .services import LINKABLE_LEVELS, MAX_PERIOD_YEARS, IndicatorInput, PlanInput, pdf_problem

YEAR_ERRORS = {
    "invalid": "กรุณากรอกปี พ.ศ. เป็นตัวเลข (เช่น 2567)",
    "required": "กรุณากรอกปี พ.ศ.",
    "min_value": "กรุณากรอกปีเป็น พ.ศ. (เช่น 2567)",
    "max_value": "กรุณากรอกปีเป็น พ.ศ. (เช่น 2567)",
}


class PlanForm(forms.Form):
    unit = forms.ModelChoiceField(label="หน่วยงานเจ้าของแผน", queryset=None, empty_label=None)
    name = forms.CharField(
        label="ชื่อแผน",
        max_length=500,
        error_messages={"required": "กรุณากรอกชื่อแผน"},
        help_text="เช่น แผนปฏิบัติการด้าน… ระยะที่ … (พ.ศ. …–…)",
    )
    plan_type = forms.ChoiceField(
        label="ประเภทแผน",
        choices=Level3PlanType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "กรุณาเลือกประเภทแผน"},
    )
    start_year = forms.IntegerField(
        label="ปีเริ่มต้น (พ.ศ.)", min_value=2500, max_value=2700, error_messages=YEAR_ERRORS
    )
    end_year = forms.IntegerField(
        label="ปีสิ้นสุด (พ.ศ.)", min_value=2500, max_value=2700, error_messages=YEAR_ERRORS
    )
    announced_on = ThaiDateField(label="วันที่ประกาศใช้", required=False)
    co_units = forms.ModelMultipleChoiceField(
        label="หน่วยงานร่วมรับผิดชอบ",
        required=False,
        queryset=OrgUnit.objects.filter(is_active=True).order_by("path"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="กรณีแผนดำเนินการโดยหลายส่วนราชการ ผู้ใช้ของหน่วยงานร่วมดูแผนได้ แต่แก้ไขไม่ได้ (กด Ctrl ค้างเพื่อเลือกหลายหน่วยงาน)",
        error_messages={"invalid_choice": "ไม่พบหน่วยงานที่เลือก"},
    )
    target_codes = forms.CharField(
        label="รหัสเป้าหมายแผนแม่บท (Y2) / เป้าหมายแผนย่อย (Y1) ที่แผนสนับสนุน",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "เช่น 110401; 010201"}),
        help_text="พิมพ์รหัส หรือเลือกจากยุทธศาสตร์ชาติด้านบน คั่นหลายรหัสด้วย ;",
    )
    reform_areas = forms.ModelMultipleChoiceField(
        label="แผนการปฏิรูปประเทศ",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        queryset=PlanNode.objects.filter(level=PlanLevel.REFORM_AREA, is_active=True).order_by(
            "code"
        ),
    )

    def __init__(self, data=None, *, units=None, plan: Level3Plan | None = None, **kwargs):
        if plan is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(plan)
        super().__init__(data, **kwargs)
        self.target_nodes: list[PlanNode] = []
        if plan is not None:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units
            year = fiscal.fiscal_year_of(today())
            self.fields["start_year"].initial = year
            self.fields["end_year"].initial = year

    @staticmethod
    def initial_for(plan: Level3Plan) -> dict:
        nodes = list(plan.plan_nodes.all())
        return {
            "name": plan.name,
            "plan_type": plan.plan_type,
            "start_year": plan.start_year,
            "end_year": plan.end_year,
            "announced_on": plan.announced_on,
            "co_units": list(plan.co_units.all()),
            "target_codes": "; ".join(n.code for n in nodes if n.level != PlanLevel.REFORM_AREA),
            "reform_areas": [n for n in nodes if n.level == PlanLevel.REFORM_AREA],
        }

    def clean_target_codes(self):
        nodes, problems = nodes_for_codes(split_codes(self.cleaned_data["target_codes"]))
        if problems:
            raise forms.ValidationError(problems)
        self.target_nodes = nodes
        return self.cleaned_data["target_codes"]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", "ปีสิ้นสุดต้องไม่ก่อนปีเริ่มต้น")
        elif start and end and end - start >= MAX_PERIOD_YEARS:
            self.add_error("end_year", f"ระยะเวลาของแผนต้องไม่เกิน {MAX_PERIOD_YEARS} ปี")
        return data

    def period(self, plan: Level3Plan | None = None) -> list[int]:
        """The years the indicator table shows: the typed period when it is valid."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        start = data.get("start_year") or (plan.start_year if plan else None)
        end = data.get("end_year") or (plan.end_year if plan else None)
        if not self.is_bound and plan is None:
            start = end = self.fields["start_year"].initial
        if not (start and end) or end < start or end - start >= MAX_PERIOD_YEARS:
            return []
        return list(range(start, end + 1))

    def plan_input(self, indicators: list[IndicatorInput]) -> PlanInput:
        data = self.cleaned_data
        return PlanInput(
            name=data["name"],
            plan_type=data["plan_type"],
            start_year=data["start_year"],
            end_year=data["end_year"],
            announced_on=data.get("announced_on"),
            co_units=list(data["co_units"]),
            nodes=self.target_nodes + list(data["reform_areas"]),
            indicators=indicators,
        )


def nodes_for_codes(codes: list[str]) -> tuple[list[PlanNode], list[str]]:
    """The level-1/2 targets with these codes, and a Thai problem for each code
    that matches nothing or names a node that is not a target (a sub-plan, …)."""
    by_code: dict[str, list[PlanNode]] = {}
    for node in PlanNode.objects.filter(code__in=codes, is_active=True):
        by_code.setdefault(node.code, []).append(node)
    found, problems = [], []
    for code in codes:
        nodes = by_code.get(code, [])
        targets = [n for n in nodes if n.level in LINKABLE_LEVELS]
        if targets:
            found.append(targets[0])
        elif nodes:
            problems.append(
                f"รหัส {code} เป็น{nodes[0].get_level_display()} ไม่ใช่เป้าหมายของแผนระดับที่ ๑ หรือ ๒ (ใช้รหัสเป้าหมาย Y1/Y2)"
            )
        else:
            problems.append(f"ไม่พบรหัสเป้าหมาย {code} ในยุทธศาสตร์ชาติ")
    return found, problems


# --- indicator rows ----------------------------------------------------------------
# One row per indicator: `ind` carries the row key, then `ind-<key>-goal`, `-name`,
# `-unit_of_measure`, `-id` and one `-y<พ.ศ. year>` per year of the period.

INDICATOR_FIELDS = ["id", "goal", "name", "unit_of_measure"]
_YEAR_FIELD = re.compile(r"^ind-(?P<key>[\w-]+)-y(?P<year>\d{4})$")


def clean_indicators(
    data, existing: set[int], period: list[int]
) -> tuple[list[PostedRow], list[IndicatorInput], list[int]]:
    """Posted indicator rows, their values, and the years typed outside the period."""
    rows = posted_rows(data, "ind", INDICATOR_FIELDS)
    posted_years = _posted_years(data)
    outside: set[int] = set()
    cleaned = []
    for row in rows:
        for year in posted_years.get(row.key, []):
            row.values[f"y{year}"] = data.get(f"ind-{row.key}-y{year}", "").strip()
        _check_row(row)
        targets = {}
        for year in posted_years.get(row.key, []):
            value = parse_decimal(row, f"y{year}")
            if value is None:
                continue
            if year not in period:
                outside.add(year)
                row.errors[f"y{year}"] = "ปีนี้อยู่นอกระยะเวลาของแผน"
            targets[year] = value
        cleaned.append(
            IndicatorInput(
                id=_row_id(row, existing),
                goal=row.get("goal"),
                name=row.get("name"),
                unit_of_measure=row.get("unit_of_measure")[:64],
                targets=targets,
            )
        )
    return rows, cleaned, sorted(outside)


def _check_row(row: PostedRow) -> None:
    if not row.get("goal"):
        row.errors["goal"] = "กรุณากรอกเป้าหมาย"
    if not row.get("name"):
        row.errors["name"] = "กรุณากรอกตัวชี้วัด"


def _posted_years(data) -> dict[str, list[int]]:
    years: dict[str, list[int]] = {}
    for name in data:
        if match := _YEAR_FIELD.match(name):
            years.setdefault(match["key"], []).append(int(match["year"]))
    return {key: sorted(set(values)) for key, values in years.items()}


def indicator_rows(plan: Level3Plan) -> list[PostedRow]:
    """The plan's indicators as editable rows (targets prefetched)."""
    rows = []
    for indicator in plan.indicators.all():
        values = {
            "id": str(indicator.pk),
            "goal": indicator.goal,
            "name": indicator.name,
            "unit_of_measure": indicator.unit_of_measure,
        }
        values.update({f"y{t.year}": f"{t.value:f}" for t in indicator.targets.all()})
        rows.append(PostedRow(new_row_key(), values))
    return rows


class DocumentForm(forms.Form):
    file = forms.FileField(
        label="ไฟล์แผน (PDF)",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        error_messages={"required": "กรุณาเลือกไฟล์แผน (PDF)", "empty": "ไฟล์ว่างเปล่า"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if problem := pdf_problem(upload):
            raise forms.ValidationError(problem)
        return upload


class PlanFilterForm(forms.Form):
    q = forms.CharField(label="ค้นหาชื่อแผน", required=False)
    year = forms.TypedChoiceField(label="ปี พ.ศ.", required=False, coerce=int, empty_value=None)
    unit = UnitFilterField()
    plan_type = forms.ChoiceField(
        label="ประเภทแผน", required=False, choices=[("", "ทุกประเภท")] + Level3PlanType.choices
    )
    status = forms.ChoiceField(
        label="สถานะ", required=False, choices=[("", "ทุกสถานะ")] + ItemStatus.choices
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_units(user).order_by("path")
        current = fiscal.fiscal_year_of(today())
        self.fields["year"].choices = [("", "ทุกปี")] + [
            (y, y) for y in range(current + 5, current - 6, -1)
        ]

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
