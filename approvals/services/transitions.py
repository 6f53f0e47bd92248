"""The M7 engine: every move of every approvable item goes through here.

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
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import prefetch_related_objects

from emenscr.clock import now
from orgs.models import User
from orgs.permissions import Grant, can, grant_over

from ..items import ItemKind, kind_of
from ..models import Action, Approval, ChainLevel, ItemStatus, Transition
from ..selectors import (
    chain_for,
    holders_by_level,
    items_with_their_units,
    last_action_of,
    levels_by_unit,
    levels_for,
    may_withdraw,
    withdrawable,
)
from .errors import (
    ChecklistIncomplete,
    MoveNotAllowed,
    NotSubmittable,
    NotYourStep,
    Refusal,
    StaleItem,
)
from .notifications import Notice, notify_many

_DRAFTING = frozenset({ItemStatus.DRAFT, ItemStatus.RETURNED})
_IN_CHAIN = frozenset({ItemStatus.SUBMITTED})
ALLOWED_FROM: dict[str, frozenset[str]] = {
    Action.SUBMIT: _DRAFTING,
    Action.WITHDRAW: _IN_CHAIN,
    Action.APPROVE: _IN_CHAIN,
    Action.CHECK: _IN_CHAIN,
    Action.RETURN: _IN_CHAIN,
    # An import records what was decided outside the system: into the chain from a
    # draft, to approved from any step; never over an approved revision.
    Action.IMPORT: _DRAFTING | _IN_CHAIN,
}
# How far up the chain each status is: an import only ever moves an item forward.
PROGRESS = {
    ItemStatus.DRAFT: 0,
    ItemStatus.RETURNED: 0,
    ItemStatus.SUBMITTED: 1,
    ItemStatus.APPROVED: 2,
}
SENDER_MOVES = (Action.SUBMIT, Action.WITHDRAW)
# The ป.ย.ป. check (seed 002 step 4): every box ticked, or the item goes back.
CHECKLIST = [
    ("linkage", "ความเชื่อมโยงกับแผนระดับ ๑ ๒ ๓ ถูกต้อง"),
    ("budget", "งบประมาณ แผนการใช้จ่าย และรหัส GFMIS ถูกต้อง"),
    ("duplicates", "ไม่ซ้ำกับโครงการอื่น"),
    ("content", "ข้อมูลครบถ้วนและถูกต้อง"),
]
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
    `sender`. An approval at a check step is a check, and needs the checklist.
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
        ticked = complete_checklist(checklist) if action == Action.CHECK else {}
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


def complete_checklist(checklist: dict | None) -> dict:
    """Every point of the ป.ย.ป. check ticked (as recorded in the trail), or a refusal."""
    ticked = {key: bool((checklist or {}).get(key)) for key, _ in CHECKLIST}
    missing = [label for key, label in CHECKLIST if not ticked[key]]
    if missing:
        raise ChecklistIncomplete(
            ["ตรวจสอบไม่ผ่านทุกข้อ: หากพบข้อผิดพลาดให้ส่งกลับแก้ไขพร้อมเหตุผล"]
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


# --- single moves ------------------------------------------------------------------


def item_submit(*, item, actor: User, comment: str = "") -> Transition:
    """Staff send a draft or returned item up the chain."""
    return _move(item, Action.SUBMIT, actor, comment=comment)


def item_withdraw(*, item, actor: User) -> Transition:
    """Staff take back an item nobody has acted on yet."""
    return _move(item, Action.WITHDRAW, actor)


def item_approve(
    *,
    item,
    actor: User,
    comment: str = "",
    checklist: dict | None = None,
    expected_level_id: int | None = None,
) -> Transition:
    """The holder of the current step approves (or, at a check step, passes the check)."""
    return _move(
        item,
        Action.APPROVE,
        actor,
        comment=comment,
        checklist=checklist,
        expected_level_id=expected_level_id,
    )


def item_return(
    *, item, actor: User, reason: str, expected_level_id: int | None = None
) -> Transition:
    """The holder of the current step sends the item back to staff with a reason."""
    if not reason.strip():
        raise ValidationError({"comment": "กรุณาระบุเหตุผลที่ส่งกลับแก้ไข"})
    return _move(
        item, Action.RETURN, actor, comment=reason.strip(), expected_level_id=expected_level_id
    )


def _move(item, action, actor, *, comment="", checklist=None, expected_level_id=None) -> Transition:
    kind = kind_of(item)
    with transaction.atomic():
        locked, approval = _lock(kind, item)
        step = plan_move(
            action=action,
            approval=approval,
            levels=levels_for(unit=approval.unit, chain=approval.chain),
            actor=actor,
            checklist=checklist,
            expected_level_id=expected_level_id,
            sender=_sender_facts(action, kind, locked, approval, actor),
        )
        transition = _save_step(kind, locked, approval, step, actor, comment)
        _notify([transition])
    return transition


def _lock(kind: ItemKind, item) -> tuple[object, Approval]:
    """The item and the Approval of its revision, locked in that order (made on first use)."""
    locked = kind.model.objects.select_for_update().get(pk=item.pk)
    unit = kind.unit_of(locked)
    approval, _ = Approval.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(kind.model),
        object_id=locked.pk,
        revision=locked.revision,
        defaults={
            "unit": unit,
            "chain": chain_for(unit),
            "window": getattr(locked, "window", None),
        },
    )
    approval = (
        Approval.objects.select_for_update(of=("self",))
        .select_related("current_level", "chain", "unit")
        .get(pk=approval.pk)
    )
    if approval.status in _DRAFTING and approval.unit_id != unit.pk:
        # A draft follows its item to another unit before it goes up that unit's chain.
        approval.unit, approval.chain = unit, chain_for(unit)
        approval.save(update_fields=["unit", "chain", "updated_at"])
    return locked, approval


def _sender_facts(action: str, kind: ItemKind, item, approval, actor) -> SenderFacts | None:
    if action not in SENDER_MOVES:
        return None
    return SenderFacts(
        may_edit=can(actor, f"{kind.model._meta.model_name}.edit", item),
        problems=kind.submit_checks(item) if action == Action.SUBMIT else [],
        last_action=last_action_of(approval) if action == Action.WITHDRAW else None,
    )


def _save_step(kind: ItemKind, item, approval: Approval, step: Step, actor, comment) -> Transition:
    transition, fields = step_record(
        approval=approval, step=step, actor=actor, comment=comment, moment=now()
    )
    transition.save()
    approval.save(update_fields=fields)
    item.status = step.to_status
    item.save(update_fields=["status"])
    if step.to_status == ItemStatus.APPROVED:
        kind.on_approved([item], actor)
    return transition


# --- bulk approval -----------------------------------------------------------------


def items_bulk_approve(
    *, approval_ids: list[int], actor: User, comment: str = "", checklist: dict | None = None
) -> list[Transition]:
    """Approve many items at once: all or nothing, in a fixed number of queries.

    Each item is planned by plan_move as a single approval would be; only the
    locking, loading and saving are batched. Every item must wait at a step the
    actor holds for its unit (the ids come from the actor's inbox, so one that
    no longer does has moved on: StaleItem); at the ป.ย.ป. check step the
    checklist, confirmed once, applies to all.
    """
    ids = sorted(set(approval_ids))
    if not ids:
        raise ValidationError("ยังไม่ได้เลือกรายการ")
    with transaction.atomic():
        approvals = list(
            Approval.objects.select_for_update(of=("self",))
            .filter(pk__in=ids)
            .select_related("current_level", "unit", "content_type", "chain")
            .order_by("pk")
        )
        if len(approvals) != len(ids):
            raise StaleItem("บางรายการไม่พบ กรุณาโหลดหน้าใหม่")
        steps = _bulk_plan(approvals, actor, checklist)
        transitions = _bulk_apply(approvals, steps, actor, comment)
        _notify(transitions)
    return transitions


def _bulk_plan(approvals: list[Approval], actor: User, checklist: dict | None) -> list[Step]:
    """plan_move for every approval, their levels loaded at once; all or none."""
    levels = levels_by_unit((a.unit, a.chain_id) for a in approvals)
    steps, problems = [], []
    for approval in approvals:
        try:
            step = plan_move(
                action=Action.APPROVE,
                approval=approval,
                levels=levels[(approval.unit_id, approval.chain_id)],
                actor=actor,
                checklist=checklist,
            )
        except ChecklistIncomplete:
            raise  # one checklist for them all: said once
        except Refusal as refusal:
            problems.append(
                f"รายการ #{approval.pk} ของ {approval.unit}: {' '.join(refusal.messages)}"
            )
        else:
            steps.append(step)
    if problems:
        raise StaleItem([BULK_REFUSED, *problems[:20]])
    return steps


def _bulk_apply(approvals: list[Approval], steps: list[Step], actor, comment) -> list[Transition]:
    moment = now()
    trail, fields = [], set()
    for approval, step in zip(approvals, steps, strict=True):
        transition, changed = step_record(
            approval=approval, step=step, actor=actor, comment=comment, moment=moment
        )
        trail.append(transition)
        fields.update(changed)
    Approval.objects.bulk_update(approvals, sorted(fields), batch_size=1000)
    created = Transition.objects.bulk_create(trail, batch_size=1000)
    _bulk_update_items(approvals, actor)
    return created


def _bulk_update_items(approvals: list[Approval], actor: User) -> None:
    moved: dict[tuple, list[int]] = {}
    for approval in approvals:
        model = ContentType.objects.get_for_id(approval.content_type_id).model_class()
        moved.setdefault((model, approval.status), []).append(approval.object_id)
    items_write_status(moved=moved, actor=actor)


def items_write_status(*, moved: dict[tuple, list[int]], actor: User) -> None:
    """Set the statuses of many items that moved, `moved` mapping (model, status) to
    item ids, and run their kind's on_approved hook for those now approved, as a
    single move does (bulk approval, imports). A few queries per 5,000 items."""
    for (model, status), ids in moved.items():
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            model.objects.filter(pk__in=chunk).update(status=status)
            if status == ItemStatus.APPROVED:
                kind_of(model).on_approved(list(model.objects.filter(pk__in=chunk)), actor)


# --- notifications ---------------------------------------------------------------


def _sender_urls(*groups: dict[int, list[Transition]]):
    """Where a sender's notice leads: the item's own page when one item moved, else the
    project list. The single items are fetched together (one query per item type)."""
    singles = [ts[0].approval for group in groups for ts in group.values() if len(ts) == 1]
    prefetch_related_objects(singles, items_with_their_units())

    def url(moved: list[Transition]) -> str:
        if len(moved) != 1 or moved[0].approval.item is None:
            return "/projects/"
        item = moved[0].approval.item
        return kind_of(item).url(item)

    return url


def _notify(transitions: list[Transition]) -> None:
    """One notice per recipient per action: who must act next, or whose item moved."""
    approvals = {t.approval_id: t.approval for t in transitions}
    holders = holders_by_level(
        [(a.current_level, a.unit) for a in approvals.values() if a.current_level]
    )
    waiting: dict[int, int] = {}
    returned: dict[int, list[Transition]] = {}
    approved: dict[int, list[Transition]] = {}
    for t in transitions:
        approval = approvals[t.approval_id]
        if t.to_status == ItemStatus.SUBMITTED:
            for user_id in holders.get((approval.current_level_id, approval.unit_id), []):
                waiting[user_id] = waiting.get(user_id, 0) + 1
        elif t.to_status == ItemStatus.RETURNED and approval.submitted_by_id:
            returned.setdefault(approval.submitted_by_id, []).append(t)
        elif t.to_status == ItemStatus.APPROVED and approval.submitted_by_id:
            approved.setdefault(approval.submitted_by_id, []).append(t)
    url = _sender_urls(returned, approved)
    stamp = transitions[0].pk if transitions else 0
    notices = [
        Notice(
            u,
            "waiting",
            f"มีรายการรอพิจารณา {n} รายการ",
            url="/approvals/",
            dedupe_key=f"t{stamp}:wait:{u}",
        )
        for u, n in waiting.items()
    ]
    notices += [
        Notice(
            u,
            "returned",
            f"รายการถูกส่งกลับแก้ไข {len(r)} รายการ",
            body="\n".join(t.comment for t in r),
            url=url(r),
            dedupe_key=f"t{stamp}:ret:{u}",
        )
        for u, r in returned.items()
    ]
    notices += [
        Notice(
            u,
            "approved",
            f"อนุมัติครบทุกขั้นแล้ว {len(a)} รายการ",
            url=url(a),
            dedupe_key=f"t{stamp}:ok:{u}",
        )
        for u, a in approved.items()
    ]
    notify_many(notices)
