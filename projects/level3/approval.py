"""How a level-3 plan takes part in the M7 chain (approvals.items)."""

from django.urls import reverse

from approvals.items import ItemKind, register
from approvals.services.editing import items_freeze
from core import fiscal
from core.clock import today

from ..models import Level3Plan
from . import permissions  # noqa: F401  (registers the level3plan.* rules)

# What ป.ย.ป. confirms of a level-3 plan (keys unique across kinds).
LEVEL3_PLAN_CHECKLIST = (
    ("plan_linkage", "เชื่อมโยงกับเป้าหมายแผนระดับ ๑ และ ๒ ถูกต้อง"),
    ("plan_indicators", "เป้าหมาย ตัวชี้วัด และค่าเป้าหมายรายปีครบถ้วนและวัดผลได้"),
    ("plan_document", "เอกสารแผนที่แนบตรงกับแผนที่ประกาศใช้ และวันที่ประกาศใช้ถูกต้อง"),
    ("plan_duplicates", "ไม่ซ้ำกับแผนระดับที่ ๓ อื่นของหน่วยงาน"),
)


def plan_missing(plan: Level3Plan) -> list[str]:
    """What the plan still lacks before it may be submitted (Thai, for the page too)."""
    problems = []
    if not plan.announced_on:
        problems.append("ยังไม่ได้ระบุวันที่ประกาศใช้แผน")
    if not plan.plan_nodes.exists():
        problems.append("ยังไม่ได้เชื่อมโยงเป้าหมายแผนระดับที่ ๑ หรือ ๒ อย่างน้อย ๑ เป้าหมาย")
    indicators = list(plan.indicators.all())
    if not indicators:
        problems.append("ยังไม่มีเป้าหมายและตัวชี้วัดของแผน")
    elif any(not i.targets.all() for i in indicators):
        problems.append("ตัวชี้วัดบางตัวยังไม่มีค่าเป้าหมายรายปี")
    if not plan.documents.exists():
        problems.append("ยังไม่ได้แนบเอกสารแผน (PDF)")
    return problems


def _submit_checks(plan: Level3Plan) -> list[str]:
    from .selectors import level3_window_problem

    problems = plan_missing(plan)
    if window_problem := level3_window_problem(plan=plan, on=today()):
        problems.append(window_problem)
    return problems


def plan_content(plan: Level3Plan) -> dict:
    """A plan (its related rows prefetched) as labelled JSON, for its frozen revisions."""

    return {
        "แผน": {
            "ชื่อแผน": plan.name,
            "ประเภทแผน": plan.get_plan_type_display(),
            "ระยะเวลา": f"{plan.start_year}–{plan.end_year}",
            "วันที่ประกาศใช้": fiscal.format_thai_date(plan.announced_on) if plan.announced_on else "-",
            "หน่วยงานร่วมรับผิดชอบ": sorted(str(u) for u in plan.co_units.all()),
            "เป้าหมายแผนระดับ ๑ และ ๒": sorted(
                f"{n.code} {n.name_th}".strip() for n in plan.plan_nodes.all()
            ),
            "เอกสารแผน": [
                f"ฉบับที่ {d.version} {d.original_name}".strip() for d in plan.documents.all()[:1]
            ],
        },
        "เป้าหมายและตัวชี้วัด": [
            f"{i.goal} / {i.name}: "
            + ", ".join(f"{t.year} = {fiscal.format_baht(t.value)}" for t in i.targets.all())
            + f" {i.unit_of_measure}".rstrip()
            for i in plan.indicators.all()
        ],
    }


def _with_everything(plans: list[Level3Plan]) -> list[Level3Plan]:
    return list(
        Level3Plan.objects.filter(pk__in=[p.pk for p in plans]).prefetch_related(
            "co_units", "plan_nodes", "documents", "indicators__targets"
        )
    )


def plan_current_content(plan: Level3Plan) -> dict:
    """The plan's content as it stands now (for "what changed")."""
    return plan_content(_with_everything([plan])[0])


def plans_freeze(plans: list[Level3Plan], user) -> None:
    """Freeze the plans' current (approved) revisions."""

    fresh = _with_everything(plans)
    items_freeze(items=fresh, contents={p.pk: plan_content(p) for p in fresh}, actor=user)


def register_level3_plan() -> None:
    register(
        ItemKind(
            model=Level3Plan,
            label="แผนระดับที่ ๓",
            unit_path="owner_unit",
            describe=lambda p: f"{p.name} ({p.start_year}–{p.end_year})",
            url=lambda p: reverse("projects:level3:detail", args=[p.pk]),
            submit_checks=_submit_checks,
            on_approved=plans_freeze,
            freeze=plans_freeze,
            checklist=LEVEL3_PLAN_CHECKLIST,
        )
    )
