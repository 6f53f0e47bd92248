"""The editor's modules M1–M5 as typed inputs, and the rules they share.

The HTML editor (`projects.forms`, `projects.editor`) and the API (`projects.api.entry`)
each parse their own input (a browser's POST, a JSON body) into one of these
dataclasses: values of the right types, nothing more. The rules beyond parsing live
here, once: `for_service(project=...)` returns the module service's keyword arguments
and the problems found, each named by a field path with one Thai message:
"name", "targets.0.description", "plan.2568-1". Both paths then save through
`projects.services.modules.project_save_module`.
"""

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from core import fiscal
from core.validation import NUL_MESSAGE, has_nul, valid_id

from .level3.selectors import level3_plans_for_project
from .models import AreaLevel, PlanLevel, PlanNode, Project, SourceKind, TargetKind
from .provinces import province_name
from .selectors import split_codes, target_nodes_for_codes
from .services.entry import ActivityRow

Problems = dict[str, str]  # field path → one Thai message
QUARTER_KEY = re.compile(r"\d{4}-[1-4]")
LEVEL3_NOT_OFFERED = "แผนระดับที่ ๓ ที่เลือกยังไม่อนุมัติ ไม่ครอบคลุมปีงบประมาณของโครงการ หรือไม่ใช่แผนของหน่วยงาน"
FIXED_SOURCES = [
    SourceKind.STATE_DIRECT,
    SourceKind.STATE_VIA_AGENCY,
    SourceKind.OWN_REVENUE,
    SourceKind.DOMESTIC_LOAN,
    SourceKind.FOREIGN_LOAN,
]
AREA_NAMES = ["region", "province", "district", "subdistrict", "village"]
AREA_NEEDS = {
    AreaLevel.PROVINCE: ["province"],
    AreaLevel.DISTRICT: ["province", "district"],
    AreaLevel.SUBDISTRICT: ["province", "district", "subdistrict"],
    AreaLevel.VILLAGE: ["province", "district", "subdistrict", "village"],
    AreaLevel.REGION: ["region"],
}


def too_long(value: str, limit: int) -> str:
    """The message for text longer than its column (refused rather than cut)."""
    return f"ยาวได้ไม่เกิน {limit} ตัวอักษร (ที่กรอกมี {len(value)})"


def too_precise(value: Decimal | None) -> bool:
    """More than two decimals (money and target values are kept to the satang)."""
    return value is not None and value.is_finite() and value != value.quantize(Decimal("0.01"))


def raise_problems(problems: Problems) -> None:
    if problems:
        raise ValidationError({path: [message] for path, message in problems.items()})


def _check_texts(problems: Problems, prefix: str, values: dict, limits: dict) -> None:
    """NUL (which PostgreSQL refuses) and column lengths of a row's texts."""
    for name, value in values.items():
        if has_nul(value):
            problems[f"{prefix}{name}"] = NUL_MESSAGE
        elif name in limits and len(value) > limits[name]:
            problems[f"{prefix}{name}"] = too_long(value, limits[name])


def _kept_id(pk: int | None, existing: set[int]) -> int | None:
    """A row id only when it is one of this project's rows (never another project's)."""
    return pk if pk in existing else None


def _ids(values: list[int]) -> set[int]:
    return {v for v in values if valid_id(v) is not None}


def _period_keys(project: Project) -> dict[str, tuple[int, int]]:
    if not (project.start_date and project.end_date):
        return {}
    return {
        q.key: (q.fiscal_year, q.quarter)
        for q in fiscal.quarters_between(project.start_date, project.end_date)
    }


# --- M1 ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinksInput:
    """M1: target codes (Y1/Y2), reform areas and level-3 plans by id."""

    target_codes: list[str] = field(default_factory=list)
    reform_areas: list[int] = field(default_factory=list)
    level3_plans: list[int] = field(default_factory=list)

    def for_service(self, *, project: Project) -> tuple[dict, Problems]:
        problems: Problems = {}
        nodes = self._targets(problems)
        wanted = _ids(self.reform_areas)
        reforms = list(
            PlanNode.objects.filter(level=PlanLevel.REFORM_AREA, is_active=True, pk__in=wanted)
        )
        if len(reforms) != len(set(self.reform_areas)):
            problems["reform_areas"] = "แผนการปฏิรูปประเทศที่เลือกไม่มีในระบบหรือยกเลิกแล้ว"
        wanted = _ids(self.level3_plans)
        plans = list(level3_plans_for_project(project=project).filter(pk__in=wanted))
        if len(plans) != len(set(self.level3_plans)):
            problems["level3_plans"] = LEVEL3_NOT_OFFERED
        return {"nodes": nodes + reforms, "level3_plans": plans}, problems

    def _targets(self, problems: Problems) -> list[PlanNode]:
        codes = split_codes(";".join(self.target_codes))
        if any(has_nul(code) for code in codes):
            problems["target_codes"] = NUL_MESSAGE
            return []
        nodes, unknown = target_nodes_for_codes(codes)
        if unknown:
            problems["target_codes"] = (
                f"ไม่พบรหัสเป้าหมาย {', '.join(unknown)} ในยุทธศาสตร์ชาติ (ใช้รหัส ๖ หลักของเป้าหมาย Y1/Y2)"
            )
        return nodes


# --- M2 ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GeneralInput:
    """M2: the project's general data (`services.entry.GENERAL_FIELDS`)."""

    name: str
    kind: str
    cycle: str
    programme: str = ""
    uses_budget: bool = True
    in_house: bool = True
    contracted: bool = False
    gfmis_code: str = ""
    director_title: str = ""
    director_first_name: str = ""
    director_last_name: str = ""
    director_email: str = ""
    director_email_alt: str = ""
    director_phone: str = ""
    director_fax: str = ""
    start_date: date | None = None
    end_date: date | None = None

    def for_service(self, *, project: Project) -> tuple[dict, Problems]:
        """The model's own rules (lengths, choices, budget) run in the service."""
        problems: Problems = {}
        if not self.name.strip():
            problems["name"] = "กรุณากรอกชื่อโครงการ"
        for name in ("director_email", "director_email_alt"):
            try:
                if value := getattr(self, name):
                    validate_email(value)
            except ValidationError:
                problems[name] = "รูปแบบอีเมลไม่ถูกต้อง"
        if self.start_date and self.end_date and self.end_date < self.start_date:
            problems["end_date"] = "วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่มต้น"
        return {"data": asdict(self)}, problems


# --- M3 ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetRow:
    kind: str
    description: str
    target_value: Decimal | None = None
    unit_of_measure: str = ""
    id: int | None = None


@dataclass(frozen=True)
class AreaRow:
    level: str
    region: str = ""
    province: str = ""
    district: str = ""
    subdistrict: str = ""
    village: str = ""
    detail: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    id: int | None = None


@dataclass(frozen=True)
class DetailInput:
    """M3: texts, targets/KPIs and operating areas (rows in display order)."""

    rationale: str = ""
    objectives: str = ""
    expected_results: str = ""
    target_groups: str = ""
    targets: list[TargetRow] = field(default_factory=list)
    areas: list[AreaRow] = field(default_factory=list)

    def for_service(self, *, project: Project) -> tuple[dict, Problems]:
        problems: Problems = {}
        for number, row in enumerate(self.targets):
            problems.update(target_problems(row, f"targets.{number}."))
        for number, row in enumerate(self.areas):
            problems.update(area_problems(row, f"areas.{number}."))
        texts = ("rationale", "objectives", "expected_results", "target_groups")
        _check_texts(problems, "", {n: getattr(self, n) for n in texts}, {})
        have_targets = {t.pk for t in project.targets.all()}
        stored_provinces = {a.pk: a.province for a in project.areas.all()}
        areas = []
        for number, row in enumerate(self.areas):
            area = {**asdict(row), "id": _kept_id(row.id, set(stored_provinces))}
            province = _area_province(row, stored_provinces.get(area["id"]))
            if province is None:
                problems.setdefault(f"areas.{number}.province", "กรุณาเลือกจังหวัดจากรายการ ๗๗ จังหวัด")
            else:
                area["province"] = province
            areas.append(area)
        arguments = {
            "data": {n: getattr(self, n) for n in texts},
            "targets": [{**asdict(t), "id": _kept_id(t.id, have_targets)} for t in self.targets],
            "areas": areas,
        }
        return arguments, problems


def _area_province(row: AreaRow, stored: str | None) -> str | None:
    """The province as listed; a free-text value entered before the list existed is kept
    while the row keeps it unchanged. None: not a province."""
    text = row.province.strip()
    if not text or (stored is not None and text == stored):
        return text
    return province_name(text)


def target_problems(row: TargetRow, prefix: str) -> Problems:
    problems: Problems = {}
    if too_precise(row.target_value):
        problems[f"{prefix}target_value"] = "ค่าเป้าหมายมีทศนิยมได้ไม่เกิน ๒ ตำแหน่ง"
    texts = {"description": row.description, "unit_of_measure": row.unit_of_measure}
    _check_texts(problems, prefix, texts, {"unit_of_measure": 64})
    if not row.description.strip():
        problems[f"{prefix}description"] = "กรุณากรอกรายละเอียดเป้าหมาย/ตัวชี้วัด"
    if row.kind not in TargetKind.values:
        problems[f"{prefix}kind"] = "กรุณาเลือกประเภท"
    return problems


def area_problems(row: AreaRow, prefix: str) -> Problems:
    problems: Problems = {}
    texts = {n: getattr(row, n) for n in AREA_NAMES + ["detail"]}
    _check_texts(problems, prefix, texts, dict.fromkeys(AREA_NAMES, 128))
    if row.level not in AreaLevel.values:
        problems[f"{prefix}level"] = "กรุณาเลือกขอบเขตพื้นที่"
    for name in AREA_NEEDS.get(row.level, []):
        if not getattr(row, name).strip():
            problems[f"{prefix}{name}"] = "กรุณากรอก"
    return problems


# --- M4 ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActivityInputRow:
    """One activity in display order: depth 0 is a main activity; quarters as "2567-1"."""

    name: str
    depth: int = 0
    quarters: list[str] = field(default_factory=list)
    id: int | None = None


@dataclass(frozen=True)
class ActivitiesInput:
    """M4: the activity tree and the quarters each runs in."""

    activities: list[ActivityInputRow] = field(default_factory=list)

    def for_service(self, *, project: Project) -> tuple[dict, Problems]:
        problems: Problems = {}
        keys = _period_keys(project)
        existing = {a.pk for a in project.activities.all()}
        rows = []
        for number, row in enumerate(self.activities):
            prefix = f"activities.{number}."
            _check_texts(problems, prefix, {"name": row.name}, {"name": 500})
            if not row.name.strip():
                problems[f"{prefix}name"] = "กรุณากรอกชื่อกิจกรรม"
            if any(k not in keys for k in row.quarters):
                problems[f"{prefix}quarters"] = "ไตรมาสที่เลือกอยู่นอกระยะเวลาโครงการ"
            quarters = [keys[k] for k in dict.fromkeys(row.quarters) if k in keys]
            rows.append(ActivityRow(row.name, row.depth, quarters, _kept_id(row.id, existing)))
        return {"rows": rows}, problems


# --- M5 ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OtherSourceRow:
    name: str
    amount: Decimal | None


@dataclass(frozen=True)
class BudgetInput:
    """M5: amounts of the fixed sources by kind, other sources, and the plan by quarter
    ("2567-1" → amount). Amounts are already numbers (not negative: each parser says so
    in its own words)."""

    sources: dict[str, Decimal | None] = field(default_factory=dict)
    via_agency: str = ""
    others: list[OtherSourceRow] = field(default_factory=list)
    plan: dict[str, Decimal | None] = field(default_factory=dict)

    def for_service(self, *, project: Project) -> tuple[dict, Problems]:
        problems = self._via_agency_problems()
        keys = _period_keys(project)
        for key in self.plan:
            if not QUARTER_KEY.fullmatch(key):
                problems[f"plan.{key}"] = "รูปแบบไตรมาสไม่ถูกต้อง ใช้ ปีงบประมาณ-ไตรมาส เช่น 2567-1"
            elif key not in keys:
                problems[f"plan.{key}"] = "ไตรมาสนี้อยู่นอกระยะเวลาโครงการ (กำหนดเดือนเริ่มต้นและสิ้นสุดใน M2)"
        for number, row in enumerate(self.others):
            problems.update(other_source_problems(row, f"others.{number}."))
        for path, message in self._precision_problems().items():
            problems.setdefault(path, message)
        plan = {quarter: self.plan.get(key) or Decimal(0) for key, quarter in keys.items()}
        return {"sources": self._sources(), "plan": plan}, problems

    def _precision_problems(self) -> Problems:
        """Amounts are refused, never rounded, past the satang; each message names its row."""
        problems: Problems = {}
        for kind, amount in self.sources.items():
            if too_precise(amount):
                label = SourceKind(kind).label if kind in SourceKind.values else kind
                problems[f"sources.{kind}"] = _too_precise_amount(label, amount)
        for number, row in enumerate(self.others, start=1):
            if too_precise(row.amount):
                label = f"งบประมาณจากแหล่งอื่นแถวที่ {number}" + (
                    f" “{row.name.strip()}”" if row.name.strip() else ""
                )
                problems[f"others.{number - 1}.amount"] = _too_precise_amount(label, row.amount)
        for key, amount in self.plan.items():
            if too_precise(amount) and QUARTER_KEY.fullmatch(key):
                year, quarter = key.split("-")
                label = f"แผนการใช้จ่าย ปีงบประมาณ {year} ไตรมาสที่ {quarter}"
                problems[f"plan.{key}"] = _too_precise_amount(label, amount)
        return problems

    def _via_agency_problems(self) -> Problems:
        problems: Problems = {}
        if self.sources.get(SourceKind.STATE_VIA_AGENCY) is not None and not self.via_agency:
            problems["via_agency"] = "กรุณาระบุหน่วยงานที่ขอผ่าน"
        if has_nul(self.via_agency):
            problems["via_agency"] = NUL_MESSAGE
        if len(self.via_agency) > 255:
            problems["via_agency"] = "ชื่อหน่วยงานที่ขอผ่านยาวได้ไม่เกิน 255 ตัวอักษร"
        return problems

    def _sources(self) -> list[dict]:
        sources = []
        for kind in FIXED_SOURCES:
            if amount := self.sources.get(kind):
                name = self.via_agency if kind == SourceKind.STATE_VIA_AGENCY else ""
                sources.append({"kind": kind, "source_name": name, "amount": amount})
        sources += [
            {"kind": SourceKind.OTHER, "source_name": row.name, "amount": row.amount}
            for row in self.others
            if row.amount is not None
        ]
        return sources


def _too_precise_amount(label: str, amount: Decimal) -> str:
    return f"{label}: จำนวนเงิน {amount:,} มีทศนิยมเกิน ๒ ตำแหน่ง กรุณากรอกไม่เกิน ๒ ตำแหน่ง (ระบบไม่ปัดเศษให้)"


def other_source_problems(row: OtherSourceRow, prefix: str) -> Problems:
    problems: Problems = {}
    _check_texts(problems, prefix, {"name": row.name}, {"name": 255})
    if not row.name.strip():
        problems[f"{prefix}name"] = "กรุณาระบุที่มาของงบประมาณ"
    if row.amount is None:
        problems[f"{prefix}amount"] = "กรุณากรอกตัวเลข"
    return problems


ModuleInput = LinksInput | GeneralInput | DetailInput | ActivitiesInput | BudgetInput
