"""Writes to level-3 plans: the record with its links and indicators, document
versions, and the per-object grants of co-responsible units.

Every write checks the policy (`level3plan.create` / `level3plan.edit`),
refuses a plan that is in the chain, opens a new revision of an approved plan,
and raises ValidationError with Thai messages keyed by field.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import ProtectedError, Q
from guardian.models import UserObjectPermission
from guardian.shortcuts import assign_perm

from approvals.services.editing import item_guard_edit
from orgs.models import OrgUnit, RoleAssignment, User
from orgs.permissions import can

from ..models import (
    Level3Indicator,
    Level3IndicatorTarget,
    Level3Plan,
    Level3PlanDocument,
    PlanLevel,
    PlanNode,
)
from .permissions import VIEW_PERM

# The nodes of the strategy tree a level-3 plan may serve: targets of level-1/2 plans.
LINKABLE_LEVELS = [
    PlanLevel.MASTER_PLAN_TARGET,
    PlanLevel.SUB_PLAN_TARGET,
    PlanLevel.REFORM_AREA,
    PlanLevel.OTHER_LEVEL2,
]
MAX_PERIOD_YEARS = 20


@dataclass
class IndicatorInput:
    goal: str
    name: str
    unit_of_measure: str = ""
    targets: dict[int, Decimal] = field(default_factory=dict)  # พ.ศ. year → value
    id: int | None = None


@dataclass
class PlanInput:
    name: str
    plan_type: str
    start_year: int
    end_year: int
    announced_on: date | None = None
    co_units: list[OrgUnit] = field(default_factory=list)
    nodes: list[PlanNode] = field(default_factory=list)
    indicators: list[IndicatorInput] = field(default_factory=list)


def max_document_bytes() -> int:
    return settings.LEVEL3_DOCUMENT_MAX_MB * 1024 * 1024


def level3_plan_create(*, user: User, unit: OrgUnit, data: PlanInput) -> Level3Plan:
    """A new draft plan of `unit` with its links and indicators."""
    if not can(user, "level3plan.create", unit):
        raise PermissionDenied("คุณไม่มีสิทธิ์นำเข้าแผนระดับที่ ๓ ของหน่วยงานนี้")
    with transaction.atomic():
        plan = Level3Plan(owner_unit=unit, created_by=user)
        _write(plan, data)
        level3_sync_co_unit_grants(plan=plan)
    return plan


def level3_plan_update(*, user: User, plan: Level3Plan, data: PlanInput) -> Level3Plan:
    """Save an edit of the plan (a new revision when it was approved)."""
    with transaction.atomic():
        locked = _editable(user, plan)
        before = set(locked.co_units.values_list("pk", flat=True))
        _write(locked, data)
        removed = before - {u.pk for u in data.co_units}
        level3_sync_co_unit_grants(plan=locked, removed_unit_ids=removed)
    return locked


def _editable(user: User, plan: Level3Plan) -> Level3Plan:
    """Lock the plan and make sure this user may change it now."""
    if not can(user, "level3plan.edit", plan):
        raise PermissionDenied("เฉพาะเจ้าหน้าที่ของหน่วยงานเจ้าของแผนแก้ไขแผนนี้ได้")
    locked = Level3Plan.objects.select_for_update().select_related("owner_unit").get(pk=plan.pk)
    item_guard_edit(item=locked, actor=user)
    return locked


def _write(plan: Level3Plan, data: PlanInput) -> None:
    _check(plan, data)
    plan.name, plan.plan_type = data.name.strip(), data.plan_type
    plan.start_year, plan.end_year = data.start_year, data.end_year
    plan.announced_on = data.announced_on
    plan.full_clean(exclude=["created_by"])
    plan.save()
    plan.co_units.set([u for u in data.co_units if u.pk != plan.owner_unit_id])
    plan.plan_nodes.set(data.nodes)
    _save_indicators(plan, data.indicators)


def _check(plan: Level3Plan, data: PlanInput) -> None:
    errors: dict[str, list[str]] = {}
    if not data.name.strip():
        errors["name"] = ["กรุณากรอกชื่อแผน"]
    if data.end_year < data.start_year:
        errors["end_year"] = ["ปีสิ้นสุดต้องไม่ก่อนปีเริ่มต้น"]
    elif data.end_year - data.start_year >= MAX_PERIOD_YEARS:
        errors["end_year"] = [f"ระยะเวลาของแผนต้องไม่เกิน {MAX_PERIOD_YEARS} ปี"]
    wrong = [n for n in data.nodes if n.level not in LINKABLE_LEVELS]
    if wrong:
        errors["target_codes"] = [
            f"{n.code or n.name_th} เป็น{n.get_level_display()} ไม่ใช่เป้าหมายของแผนระดับที่ ๑ หรือ ๒"
            for n in wrong
        ]
    outside = sorted(
        {y for i in data.indicators for y in i.targets if not data.start_year <= y <= data.end_year}
    )
    if outside and "end_year" not in errors:
        years = ", ".join(str(y) for y in outside)
        errors["indicators"] = [
            f"ค่าเป้าหมายปี {years} อยู่นอกระยะเวลาของแผน ({data.start_year}–{data.end_year})"
        ]
    if any(not (i.goal.strip() and i.name.strip()) for i in data.indicators):
        errors.setdefault("indicators", []).append("ทุกแถวต้องมีทั้งเป้าหมายและตัวชี้วัด")
    if errors:
        raise ValidationError(errors)


def _save_indicators(plan: Level3Plan, rows: list[IndicatorInput]) -> None:
    """Rows keep their ids (annual reports refer to them); removed rows are deleted."""
    existing = {i.pk: i for i in plan.indicators.all()}
    kept = []
    for position, row in enumerate(rows):
        indicator = existing.get(row.id) or Level3Indicator(plan=plan)
        indicator.goal, indicator.name = row.goal.strip(), row.name.strip()
        indicator.unit_of_measure, indicator.position = row.unit_of_measure[:64], position
        indicator.save()
        kept.append(indicator)
        indicator.targets.all().delete()
        Level3IndicatorTarget.objects.bulk_create(
            Level3IndicatorTarget(indicator=indicator, year=year, value=value)
            for year, value in sorted(row.targets.items())
        )
    try:
        plan.indicators.exclude(pk__in=[i.pk for i in kept]).delete()
    except ProtectedError:
        raise ValidationError({"indicators": ["ลบตัวชี้วัดที่มีการรายงานผลสัมฤทธิ์แล้วไม่ได้"]}) from None


# --- the plan document ----------------------------------------------------------


def pdf_problem(upload: UploadedFile) -> str:
    """Why `upload` is not an acceptable plan document ("" when it is): a PDF by its
    content (the %PDF- header, a cross-reference and %%EOF at the end), not by
    its name, of at most LEVEL3_DOCUMENT_MAX_MB."""
    limit = max_document_bytes()
    if upload.size == 0:
        return "ไฟล์ว่างเปล่า กรุณาเลือกไฟล์แผนอีกครั้ง"
    if upload.size > limit:
        return f"ไฟล์มีขนาดเกิน {limit // (1024 * 1024)} เมกะไบต์"
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(max(0, upload.size - 2048))
    tail = upload.read()
    upload.seek(0)
    if not head.startswith(b"%PDF-") or b"%%EOF" not in tail or b"startxref" not in tail:
        return "ไฟล์นี้ไม่ใช่ PDF (ตรวจจากเนื้อไฟล์ ไม่ใช่ชื่อไฟล์) กรุณาแนบไฟล์แผนเป็น PDF"
    return ""


def level3_document_upload(
    *, user: User, plan: Level3Plan, upload: UploadedFile
) -> Level3PlanDocument:
    """Keep the uploaded PDF as the plan's next document version (old ones stay)."""
    if problem := pdf_problem(upload):
        raise ValidationError({"file": [problem]})
    with transaction.atomic():
        locked = _editable(user, plan)
        last = locked.documents.order_by("-version").values_list("version", flat=True).first()
        version = (last or 0) + 1
        document = Level3PlanDocument(
            plan=locked,
            version=version,
            original_name=(upload.name or "")[:255],
            size=upload.size,
            uploaded_by=user,
        )
        document.file.save(f"plan-{locked.pk}-v{version}.pdf", upload, save=False)
        document.save()
        locked.save(update_fields=["updated_at"])
    return document


# --- co-responsible units ----------------------------------------------------------


def _users_of_units(unit_ids) -> set[int]:
    """Users holding an active role at one of the units or below it."""
    paths = list(OrgUnit.objects.filter(pk__in=unit_ids).values_list("path", flat=True))
    if not paths:
        return set()
    q = Q()
    for path in paths:
        q |= Q(unit__path__startswith=path)
    return set(
        RoleAssignment.objects.active()
        .filter(q, user__is_active=True)
        .values_list("user_id", flat=True)
    )


def level3_sync_co_unit_grants(*, plan: Level3Plan, removed_unit_ids=()) -> None:
    """Give the users of every co-responsible unit the per-object view grant, and
    take it from users of units no longer co-responsible (grants made by hand
    in the admin for other users stay)."""
    wanted = _users_of_units(plan.co_units.values_list("pk", flat=True))
    held = _granted_user_ids(plan)
    dropped = _users_of_units(removed_unit_ids) - wanted
    to_add = wanted - held
    if to_add:
        assign_perm(VIEW_PERM, User.objects.filter(pk__in=to_add), plan)
    if dropped & held:
        _grants(plan).filter(user_id__in=dropped).delete()


def _grants(plan: Level3Plan):
    codename = VIEW_PERM.split(".", 1)[1]
    return UserObjectPermission.objects.filter(
        content_type=ContentType.objects.get_for_model(Level3Plan),
        object_pk=str(plan.pk),
        permission=Permission.objects.get(codename=codename, content_type__app_label="projects"),
    )


def _granted_user_ids(plan: Level3Plan) -> set[int]:
    return set(_grants(plan).values_list("user_id", flat=True))
