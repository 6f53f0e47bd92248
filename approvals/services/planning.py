"""The M7 engine's planner: every move of every approvable item is decided here.

One planner decides every move (`plan_move` for the chain's own moves,
`plan_import` for what a workbook records): the allowed-from table
(ALLOWED_FROM), who may move the item now (`step_grant`, `_check_sender`), the
ป.ย.ป. checklist (`complete_checklist`) and where it goes (`destination`). It
reads nothing from the database, so a single move, bulk approval and the
import records (`records.py`) all call it: they differ only in how they lock
and load (one item, or many in a fixed number of queries) and how they save
(`step_record`). Every refusal is a typed `errors.Refusal`. In the manner of
django-oscar's order pipeline and Wagtail's workflow tasks.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType

from orgs.models import User
from orgs.permissions import Grant, grant_over

from ..items import PROJECT_CHECKLIST, ItemKind, kind_of
from ..models import Action, Approval, ChainLevel, ItemStatus, Transition
from ..selectors import (
    may_withdraw,
    withdrawable,
)
from .errors import (
    ChecklistIncomplete,
    MoveNotAllowed,
    NotSubmittable,
    NotYourStep,
    StaleItem,
)

DRAFTING = frozenset({ItemStatus.DRAFT, ItemStatus.RETURNED})
_IN_CHAIN = frozenset({ItemStatus.SUBMITTED})
ALLOWED_FROM: dict[str, frozenset[str]] = {
    Action.SUBMIT: DRAFTING,
    Action.WITHDRAW: _IN_CHAIN,
    Action.APPROVE: _IN_CHAIN,
    Action.CHECK: _IN_CHAIN,
    Action.RETURN: _IN_CHAIN,
    # An import records what was decided outside the system: into the chain from a
    # draft, to approved from any step; never over an approved revision.
    Action.IMPORT: DRAFTING | _IN_CHAIN,
}
# How far up the chain each status is: an import only ever moves an item forward.
PROGRESS = {
    ItemStatus.DRAFT: 0,
    ItemStatus.RETURNED: 0,
    ItemStatus.SUBMITTED: 1,
    ItemStatus.APPROVED: 2,
}
SENDER_MOVES = (Action.SUBMIT, Action.WITHDRAW)
# The moves that take a submitted item past the step it waits at (an import stands for
# the chain): the first of them is when the item passed its unit's own step.
PASSING_ACTIONS = frozenset({Action.APPROVE, Action.CHECK, Action.IMPORT})
# The ป.ย.ป. check (seed 002 step 4): every box ticked, or the item goes back.
# A project's points; each kind's are its ItemKind.checklist.
CHECKLIST = list(PROJECT_CHECKLIST)
STALE = "รายการนี้มีผู้ดำเนินการไปแล้ว (สถานะเปลี่ยนไปตั้งแต่คุณเปิดหน้านี้) กรุณาโหลดหน้าใหม่"
BULK_REFUSED = "อนุมัติพร้อมกันไม่ได้ ไม่มีรายการใดถูกบันทึก:"


# --- the planner -------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One planned move of one approval: the trail row it writes and where it leaves it."""

    action: str
    from_status: str
    from_level: ChainLevel | None
    to_status: str
    to_level: ChainLevel | None
    grant: Grant | None = None
    checklist: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SenderFacts:
    """What a sender's move (submit, withdraw) needs to know of the item itself."""

    may_edit: bool  # the actor may edit the item (its unit's staff)
    problems: list[str] = field(default_factory=list)  # the kind's submit_checks
    last_action: str | None = None  # the newest trail row's (withdraw: nobody acted since)


def plan_move(
    *,
    action: str,
    approval: Approval,
    levels: list[ChainLevel],
    actor: User,
    checklist: dict | None = None,
    expected_level_id: int | None = None,
    sender: SenderFacts | None = None,
) -> Step:
    """Where `action` by `actor` takes the approval now, or a typed refusal saying why not.

    The rule book of every chain move, single or bulk. It reads nothing from the
    database: the caller locks and loads `approval` (with its unit, chain and
    current level), `levels` (levels_for its unit) and, to submit or withdraw,
    `sender`. An approval at a check step is a check, and needs the checklist of
    the item's kind (its ItemKind.checklist).
    """
    if expected_level_id is not None and approval.current_level_id != expected_level_id:
        raise StaleItem(STALE)
    check_allowed(action, approval.status)
    if action in SENDER_MOVES:
        grant = _check_sender(action, approval, levels, actor, sender)
    else:
        grant = step_grant(actor=actor, approval=approval)
    ticked = {}
    if action in (Action.APPROVE, Action.CHECK):
        action = Action.CHECK if approval.current_level.is_check else Action.APPROVE
        ticked = (
            complete_checklist(checklist, kind=kind_of_approval(approval))
            if action == Action.CHECK
            else {}
        )
    to_status, to_level = destination(action, approval.status, approval.current_level_id, levels)
    return Step(action, approval.status, approval.current_level, to_status, to_level, grant, ticked)


def plan_import(*, approval: Approval, levels: list[ChainLevel], target: str) -> list[Step]:
    """The moves that record an item as `target` (submitted or approved) by an import:
    into the chain at its first step, then approved; forward only, from the table."""
    check_allowed(Action.IMPORT, approval.status)
    if PROGRESS.get(target, 0) <= PROGRESS[approval.status]:
        raise MoveNotAllowed(
            f"นำเข้าไม่ได้: รายการนี้มีสถานะ “{ItemStatus(approval.status).label}” ในระบบ "
            f"จึงบันทึกเป็น “{ItemStatus(target).label}” ไม่ได้ (บันทึกได้เฉพาะสถานะที่ก้าวหน้ากว่า)"
        )
    steps, status, level = [], approval.status, approval.current_level
    while status != target:
        to_status, to_level = destination(Action.IMPORT, status, level and level.pk, levels)
        steps.append(Step(Action.IMPORT, status, level, to_status, to_level))
        status, level = to_status, to_level
    return steps


def check_allowed(action: str, status: str) -> None:
    """Refuse a move that the ALLOWED_FROM table does not list from `status`."""
    if status in ALLOWED_FROM[action]:
        return
    label = ItemStatus(status).label
    if action == Action.SUBMIT:
        raise MoveNotAllowed(f"ส่งขออนุมัติไม่ได้: รายการนี้มีสถานะ “{label}” อยู่แล้ว")
    if action == Action.IMPORT:
        raise MoveNotAllowed(f"นำเข้าไม่ได้: รายการนี้มีสถานะ “{label}” ในระบบ")
    raise MoveNotAllowed(f"ดำเนินการไม่ได้: รายการนี้มีสถานะ “{label}”")


def step_grant(*, actor: User, approval: Approval) -> Grant:
    """The actor's grant for the step the approval waits at (own before acting-for)."""
    level = approval.current_level
    if level is None:
        raise MoveNotAllowed("ดำเนินการไม่ได้: รายการนี้ไม่ได้รอพิจารณาที่ขั้นตอนใด")
    grant = grant_over(actor, approval.unit, roles=[level.role])
    if grant is None:
        raise NotYourStep(f"รายการนี้รอ “{level.name_th}” คุณไม่ได้รับบทบาทนี้สำหรับหน่วยงานของรายการ")
    return grant


def _check_sender(action, approval, levels, actor, sender: SenderFacts | None) -> Grant | None:
    """Submitting and withdrawing are the unit staff's (withdrawing, the sender's too)."""
    if sender is None or not sender.may_edit:
        raise NotYourStep("คุณไม่มีสิทธิ์ส่งหรือดึงกลับรายการของหน่วยงานนี้")
    if action == Action.WITHDRAW:
        if not may_withdraw(actor, approval, approval.unit):
            raise NotYourStep("ดึงกลับได้เฉพาะผู้ส่งหรือเจ้าหน้าที่ของหน่วยงาน")
        if not withdrawable(approval, levels, sender.last_action):
            raise StaleItem("ดึงกลับไม่ได้: มีผู้พิจารณาดำเนินการกับรายการนี้แล้ว")
    if action == Action.SUBMIT and sender.problems:
        raise NotSubmittable(["ส่งขออนุมัติไม่ได้:", *sender.problems])
    return grant_over(actor, approval.unit)


def kind_of_approval(approval: Approval) -> ItemKind:
    """The kind of the approval's item (content types are cached: no query after the first)."""
    return kind_of(ContentType.objects.get_for_id(approval.content_type_id).model_class())


def complete_checklist(checklist: dict | None, *, kind: ItemKind | None = None) -> dict:
    """Every point of the ป.ย.ป. check of the item's kind (a project's when None)
    ticked, as recorded in the trail, or a refusal naming the kind (bulk checks mix kinds)."""
    points = kind.checklist if kind else CHECKLIST
    ticked = {key: bool((checklist or {}).get(key)) for key, _ in points}
    missing = [label for key, label in points if not ticked[key]]
    if missing:
        of = f" ({kind.label})" if kind else ""
        raise ChecklistIncomplete(
            [f"ตรวจสอบไม่ผ่านทุกข้อ{of}: หากพบข้อผิดพลาดให้ส่งกลับแก้ไขพร้อมเหตุผล"]
            + [f"ยังไม่ได้ยืนยัน: {m}" for m in missing]
        )
    return ticked


def destination(
    action: str, status: str, level_id: int | None, levels: list[ChainLevel]
) -> tuple[str, ChainLevel | None]:
    """Where an allowed move leaves an approval: its status and the step it waits at."""
    if action == Action.SUBMIT or (action == Action.IMPORT and status != ItemStatus.SUBMITTED):
        return ItemStatus.SUBMITTED, levels[0]
    if action == Action.IMPORT:  # approved outside the system, from whatever step it reached
        return ItemStatus.APPROVED, None
    if action == Action.WITHDRAW:
        return ItemStatus.DRAFT, None
    if action == Action.RETURN:
        return ItemStatus.RETURNED, None
    index = [level.pk for level in levels].index(level_id)
    if index + 1 < len(levels):
        return ItemStatus.SUBMITTED, levels[index + 1]
    return ItemStatus.APPROVED, None


def passes(step: Step) -> bool:
    """The step takes a submitted item past the step it waited at."""
    return step.from_status == ItemStatus.SUBMITTED and step.action in PASSING_ACTIONS


def step_record(
    *, approval: Approval, step: Step, actor: User, comment: str, moment
) -> tuple[Transition, list[str]]:
    """Apply a planned step to the approval in memory: the unsaved trail row, and the
    approval's fields it changed (the caller saves one approval or many)."""
    transition = Transition(
        approval=approval,
        action=step.action,
        from_status=step.from_status,
        to_status=step.to_status,
        from_level=step.from_level,
        to_level=step.to_level,
        actor=actor,
        acting_for_id=step.grant.acting_for_id if step.grant else None,
        acting_kind=step.grant.acting_kind if step.grant else "",
        comment=comment,
        checklist=step.checklist,
        created_at=moment,
    )
    fields = ["status", "current_level", "updated_at"]
    if step.to_status == ItemStatus.SUBMITTED and step.from_status != ItemStatus.SUBMITTED:
        approval.submitted_by, approval.submitted_at = actor, moment
        fields += ["submitted_by", "submitted_at"]
    if step.to_status == ItemStatus.APPROVED:
        approval.finished_at = moment
        fields.append("finished_at")
    approval.status, approval.current_level = step.to_status, step.to_level
    approval.updated_at = moment
    return transition, fields
