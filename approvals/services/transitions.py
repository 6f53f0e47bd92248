"""The M7 engine's moves: single moves and bulk approval, planned by `planning`.

A single move locks the item and its Approval row, plans, saves and appends
the trail row; bulk approval batches the locking, loading and saving of many
items but plans each with the same planner. Notices go out after commit.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction

from core.bulk import update_in_groups
from core.clock import now
from orgs.models import User
from orgs.permissions import can

from ..items import ItemKind, kind_of
from ..models import Action, Approval, ItemStatus, Transition
from ..selectors import (
    chain_for,
    last_action_of,
    levels_by_unit,
    levels_for,
)
from ..signals import items_approved
from .errors import (
    ChecklistIncomplete,
    Refusal,
    StaleItem,
)
from .notifications import transitions_notify
from .planning import (  # noqa: F401  (ALLOWED_FROM, CHECKLIST, STALE: the engine's names)
    ALLOWED_FROM,
    BULK_REFUSED,
    CHECKLIST,
    DRAFTING,
    SENDER_MOVES,
    STALE,
    SenderFacts,
    Step,
    passes,
    plan_move,
    step_record,
)

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
        transitions_notify([transition])
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
            "window": kind.windows_of([locked])[locked.pk],
        },
    )
    approval = (
        Approval.objects.select_for_update(of=("self",))
        .select_related("current_level", "chain", "unit")
        .get(pk=approval.pk)
    )
    if approval.status in DRAFTING and approval.unit_id != unit.pk:
        # A draft follows its item to another unit before it goes up that unit's chain.
        approval.unit, approval.chain = unit, chain_for(unit)
        approval.save(update_fields=["unit", "chain", "updated_at"])
    if approval.status in DRAFTING and approval.window_id is None:
        # Rows made before items knew their window take it when they are sent again.
        approval.window = kind.windows_of([locked])[locked.pk]
        approval.save(update_fields=["window", "updated_at"])
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
    if passes(step):
        items_mark_passed([(kind.model, item.pk, transition.created_at)])
    if step.to_status == ItemStatus.APPROVED:
        _approved(kind, [item], actor)
    return transition


def _approved(kind: ItemKind, items: list, actor: User | None) -> None:
    """The final approval of items: their kind's hook, then the news for the floors above."""
    kind.on_approved(items, actor)
    items_approved.send(sender=kind.model, items=items, actor=actor)


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
        transitions_notify(transitions)
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
    update_in_groups(approvals, sorted(fields))
    created = Transition.objects.bulk_create(trail, batch_size=1000)
    _bulk_update_items(approvals, steps, actor, moment)
    return created


def _bulk_update_items(approvals: list[Approval], steps: list[Step], actor: User, moment) -> None:
    """The items' statuses and, for those that passed their first step, the moment."""
    moved: dict[tuple, list[int]] = {}
    passed = []
    for approval, step in zip(approvals, steps, strict=True):
        model = ContentType.objects.get_for_id(approval.content_type_id).model_class()
        moved.setdefault((model, approval.status), []).append(approval.object_id)
        if passes(step):
            passed.append((model, approval.object_id, moment))
    items_write_status(moved=moved, actor=actor)
    items_mark_passed(passed)


def items_write_status(*, moved: dict[tuple, list[int]], actor: User) -> None:
    """Set the statuses of many items that moved, `moved` mapping (model, status) to
    item ids, and run their kind's on_approved hook for those now approved, as a
    single move does (bulk approval, imports). A few queries per 5,000 items."""
    for (model, status), ids in moved.items():
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            model.objects.filter(pk__in=chunk).update(status=status)
            if status == ItemStatus.APPROVED:
                _approved(kind_of(model), list(model.objects.filter(pk__in=chunk)), actor)


def items_mark_passed(passed: list[tuple[type, int, object]]) -> None:
    """Note when items first got past the step they were sent to (`planning.passes`):
    (model, item id, the move's moment) for each move that passed; a moment already
    noted stays. One query per model, moment and 5,000 items (a bulk approval or a
    workbook has one moment; imported trails have one a day)."""
    earliest: dict[tuple[type, int], object] = {}
    for model, pk, moment in passed:
        key = (model, pk)
        earliest[key] = min(moment, earliest.get(key, moment))
    groups: dict[tuple[type, object], list[int]] = {}
    for (model, pk), moment in earliest.items():
        groups.setdefault((model, moment), []).append(pk)
    for (model, moment), ids in groups.items():
        for start in range(0, len(ids), 5000):
            model.objects.filter(
                pk__in=ids[start : start + 5000], first_passed_at__isnull=True
            ).update(first_passed_at=moment)
