"""The M7 engine: every move of every approvable item goes through here.

One function per move. Each locks the item and its Approval row
(select_for_update), checks that the move is allowed for this user now,
saves, appends a Transition, and queues notifications after commit. Moves as
data (ALLOWED_FROM) and one place that refuses every other, in the manner of
django-oscar's order pipeline and Wagtail's workflow tasks.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction

from emenscr.clock import now
from orgs.models import User
from orgs.permissions import Grant, can, grant_over, grants_for

from ..items import ItemKind, kind_of
from ..models import Action, Approval, ChainLevel, ItemStatus, Transition
from ..selectors import chain_for, holders_by_level, levels_for, may_withdraw
from .notifications import Notice, notify_many

ALLOWED_FROM = {
    Action.SUBMIT: {ItemStatus.DRAFT, ItemStatus.RETURNED},
    Action.WITHDRAW: {ItemStatus.SUBMITTED},
    Action.APPROVE: {ItemStatus.SUBMITTED},
    Action.CHECK: {ItemStatus.SUBMITTED},
    Action.RETURN: {ItemStatus.SUBMITTED},
}
# The ป.ย.ป. check (seed 002 step 4): every box ticked, or the item goes back.
CHECKLIST = [
    ("linkage", "ความเชื่อมโยงกับแผนระดับ ๑ ๒ ๓ ถูกต้อง"),
    ("budget", "งบประมาณ แผนการใช้จ่าย และรหัส GFMIS ถูกต้อง"),
    ("duplicates", "ไม่ซ้ำกับโครงการอื่น"),
    ("content", "ข้อมูลครบถ้วนและถูกต้อง"),
]
STALE = "รายการนี้มีผู้ดำเนินการไปแล้ว (สถานะเปลี่ยนไปตั้งแต่คุณเปิดหน้านี้) กรุณาโหลดหน้าใหม่"


@dataclass
class _Move:
    item: object
    kind: ItemKind
    approval: Approval
    unit: object
    grant: Grant | None


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
        move = _lock(kind, item)
        if expected_level_id is not None and move.approval.current_level_id != expected_level_id:
            raise ValidationError(STALE)
        if move.approval.status not in ALLOWED_FROM[action]:
            raise ValidationError(_refusal(action, move.approval.status))
        move.grant = _authorise(action, move, actor)
        levels = levels_for(unit=move.unit, chain=move.approval.chain)
        if action == Action.SUBMIT:
            _check_submittable(move)
        if action == Action.WITHDRAW:
            _check_withdrawable(move, levels)
        if action == Action.APPROVE and move.approval.current_level.is_check:
            action = Action.CHECK
            checklist = _complete_checklist(checklist)
        to_status, to_level = _destination(action, move.approval, levels)
        transition = _apply(move, action, actor, to_status, to_level, comment, checklist or {})
        _notify([transition])
    return transition


def _lock(kind: ItemKind, item) -> _Move:
    locked = kind.model.objects.select_for_update().get(pk=item.pk)
    unit = kind.unit_of(locked)
    content_type = ContentType.objects.get_for_model(kind.model)
    approval, _ = Approval.objects.get_or_create(
        content_type=content_type,
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
    return _Move(locked, kind, approval, unit, None)


def _refusal(action: str, status: str) -> str:
    label = ItemStatus(status).label
    if action == Action.SUBMIT:
        return f"ส่งขออนุมัติไม่ได้: รายการนี้มีสถานะ “{label}” อยู่แล้ว"
    return f"ดำเนินการไม่ได้: รายการนี้มีสถานะ “{label}”"


def _authorise(action: str, move: _Move, actor: User) -> Grant | None:
    if action in (Action.SUBMIT, Action.WITHDRAW):
        if not can(actor, f"{move.kind.model._meta.model_name}.edit", move.item):
            raise ValidationError("คุณไม่มีสิทธิ์ส่งหรือดึงกลับรายการของหน่วยงานนี้")
        if action == Action.WITHDRAW and not may_withdraw(actor, move.approval, move.unit):
            raise ValidationError("ดึงกลับได้เฉพาะผู้ส่งหรือเจ้าหน้าที่ของหน่วยงาน")
        return grant_over(actor, move.unit)
    level = move.approval.current_level
    grant = grant_over(actor, move.unit, roles=[level.role])
    if grant is None:
        raise ValidationError(f"รายการนี้รอ “{level.name_th}” คุณไม่ได้รับบทบาทนี้สำหรับหน่วยงานของรายการ")
    return grant


def _check_submittable(move: _Move) -> None:
    problems = move.kind.submit_checks(move.item)
    if problems:
        raise ValidationError(["ส่งขออนุมัติไม่ได้:"] + problems)


def _check_withdrawable(move: _Move, levels: list[ChainLevel]) -> None:
    last = move.approval.transitions.order_by("-created_at", "-pk").first()
    if (
        move.approval.current_level_id != levels[0].pk
        or last is None
        or last.action != Action.SUBMIT
    ):
        raise ValidationError("ดึงกลับไม่ได้: มีผู้พิจารณาดำเนินการกับรายการนี้แล้ว")


def _complete_checklist(checklist: dict | None) -> dict:
    ticked = {key: bool((checklist or {}).get(key)) for key, _ in CHECKLIST}
    missing = [label for key, label in CHECKLIST if not ticked[key]]
    if missing:
        raise ValidationError(
            ["ตรวจสอบไม่ผ่านทุกข้อ: หากพบข้อผิดพลาดให้ส่งกลับแก้ไขพร้อมเหตุผล"]
            + [f"ยังไม่ได้ยืนยัน: {m}" for m in missing]
        )
    return ticked


def _destination(action: str, approval: Approval, levels: list[ChainLevel]):
    if action == Action.SUBMIT:
        return ItemStatus.SUBMITTED, levels[0]
    if action == Action.WITHDRAW:
        return ItemStatus.DRAFT, None
    if action == Action.RETURN:
        return ItemStatus.RETURNED, None
    ids = [level.pk for level in levels]
    index = ids.index(approval.current_level_id)
    if index + 1 < len(levels):
        return ItemStatus.SUBMITTED, levels[index + 1]
    return ItemStatus.APPROVED, None


def _apply(move: _Move, action, actor, to_status, to_level, comment, checklist) -> Transition:
    approval, moment = move.approval, now()
    transition = Transition.objects.create(
        approval=approval,
        action=action,
        from_status=approval.status,
        to_status=to_status,
        from_level=approval.current_level,
        to_level=to_level,
        actor=actor,
        acting_for_id=move.grant.acting_for_id if move.grant else None,
        acting_kind=move.grant.acting_kind if move.grant else "",
        comment=comment,
        checklist=checklist,
    )
    fields = ["status", "current_level", "updated_at"]
    if action == Action.SUBMIT:
        approval.submitted_by, approval.submitted_at = actor, moment
        fields += ["submitted_by", "submitted_at"]
    if to_status == ItemStatus.APPROVED:
        approval.finished_at = moment
        fields.append("finished_at")
    approval.status, approval.current_level = to_status, to_level
    approval.save(update_fields=fields)
    move.item.status = to_status
    move.item.save(update_fields=["status"])
    if to_status == ItemStatus.APPROVED:
        move.kind.on_approved([move.item], actor)
    return transition


# --- bulk approval -----------------------------------------------------------------


def items_bulk_approve(
    *, approval_ids: list[int], actor: User, comment: str = "", checklist: dict | None = None
) -> list[Transition]:
    """Approve many items at once: all or nothing, in a fixed number of queries.

    Every item must wait at a step the actor holds for its unit; at the
    ป.ย.ป. check step the checklist, confirmed once, applies to all.
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
            raise ValidationError("บางรายการไม่พบ กรุณาโหลดหน้าใหม่")
        plan = _bulk_plan(approvals, actor, checklist)
        transitions = _bulk_apply(approvals, plan, actor, comment)
        _notify(transitions)
    return transitions


@dataclass
class _BulkStep:
    action: str
    grant: Grant
    to_status: str
    to_level: ChainLevel | None
    checklist: dict


def _bulk_plan(
    approvals: list[Approval], actor: User, checklist: dict | None
) -> dict[int, _BulkStep]:
    grants = grants_for(actor)
    levels_of = _levels_by_unit(approvals)
    plan, problems = {}, []
    for approval in approvals:
        level = approval.current_level
        if approval.status != ItemStatus.SUBMITTED or level is None:
            problems.append(f"รายการ #{approval.pk} ไม่ได้รอพิจารณาแล้ว")
            continue
        own = [
            g for g in grants if g.role == level.role and approval.unit.path.startswith(g.unit_path)
        ]
        if not own:
            problems.append(
                f"รายการ #{approval.pk} ของ {approval.unit} รอ “{level.name_th}” ซึ่งไม่ใช่บทบาทของคุณ"
            )
            continue
        action, ticked = Action.APPROVE, {}
        if level.is_check:
            action, ticked = Action.CHECK, _complete_checklist(checklist)
        to_status, to_level = _destination(action, approval, levels_of[approval.unit_id])
        plan[approval.pk] = _BulkStep(
            action,
            sorted(own, key=lambda g: g.acting_for_id is not None)[0],
            to_status,
            to_level,
            ticked,
        )
    if problems:
        raise ValidationError(["อนุมัติพร้อมกันไม่ได้ ไม่มีรายการใดถูกบันทึก:"] + problems[:20])
    return plan


def _levels_by_unit(approvals: list[Approval]) -> dict[int, list[ChainLevel]]:
    """levels_for every unit involved, from two queries whatever the number of items."""
    from orgs.models import OrgUnit

    chains = {a.chain_id for a in approvals}
    levels = list(
        ChainLevel.objects.filter(chain_id__in=chains)
        .prefetch_related("skip_for_units")
        .order_by("order")
    )
    ancestor_ids = {int(x) for a in approvals for x in a.unit.path.strip("/").split("/") if x}
    kinds = dict(OrgUnit.objects.filter(pk__in=ancestor_ids).values_list("pk", "kind"))
    result = {}
    for approval in approvals:
        ids = {int(x) for x in approval.unit.path.strip("/").split("/") if x}
        unit_kinds = {kinds[i] for i in ids}
        result[approval.unit_id] = [
            level
            for level in levels
            if level.chain_id == approval.chain_id
            and (not level.approver_unit_kind or level.approver_unit_kind in unit_kinds)
            and not ids & {u.pk for u in level.skip_for_units.all()}
        ]
    return result


def _bulk_apply(approvals, plan, actor, comment) -> list[Transition]:
    moment = now()
    transitions = []
    for approval in approvals:
        step = plan[approval.pk]
        transitions.append(
            Transition(
                approval=approval,
                action=step.action,
                from_status=approval.status,
                to_status=step.to_status,
                from_level=approval.current_level,
                to_level=step.to_level,
                actor=actor,
                acting_for_id=step.grant.acting_for_id,
                acting_kind=step.grant.acting_kind,
                comment=comment,
                checklist=step.checklist,
                created_at=moment,
            )
        )
        approval.status, approval.current_level = step.to_status, step.to_level
        if step.to_status == ItemStatus.APPROVED:
            approval.finished_at = moment
    Approval.objects.bulk_update(
        approvals, ["status", "current_level", "finished_at"], batch_size=1000
    )
    Approval.objects.filter(pk__in=[a.pk for a in approvals]).update(updated_at=moment)
    created = Transition.objects.bulk_create(transitions, batch_size=1000)
    _bulk_update_items(approvals, actor)
    return created


def _bulk_update_items(approvals: list[Approval], actor: User) -> None:
    by_model: dict[tuple, list[int]] = {}
    for approval in approvals:
        by_model.setdefault((approval.content_type_id, approval.status), []).append(
            approval.object_id
        )
    for (content_type_id, status), ids in by_model.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        model.objects.filter(pk__in=ids).update(status=status)
        if status == ItemStatus.APPROVED:
            kind_of(model).on_approved(list(model.objects.filter(pk__in=ids)), actor)


# --- notifications ---------------------------------------------------------------


def _sender_urls(*groups: dict[int, list[Transition]]):
    """Where a sender's notice leads: the item's own page when one item moved, else the
    project list. The single items are fetched together (one query per item type)."""
    from django.db.models import prefetch_related_objects

    from ..selectors import items_with_their_units

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
