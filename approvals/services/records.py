"""Approval records made outside the chain's own moves: revisions and imports."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from emenscr.clock import now
from orgs.models import User

from ..models import Action, Approval, ItemStatus, Transition
from ..selectors import chain_for, levels_for


def approval_for(*, item, unit) -> Approval:
    """The Approval row of the item's current revision (made on first use)."""
    approval, _ = Approval.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        revision=item.revision,
        defaults={"unit": unit, "chain": chain_for(unit)},
    )
    return approval


def item_open_revision(*, item, actor: User) -> None:
    """An approved item is being changed: start revision n+1 as a draft.

    The approved revision's Approval and its trail stay as they are; the
    caller holds the item's row lock.
    """
    if item.status != ItemStatus.APPROVED:
        raise ValueError("เปิดฉบับแก้ไขได้เฉพาะรายการที่อนุมัติแล้ว")
    item.revision += 1
    item.status = ItemStatus.DRAFT
    item.save(update_fields=["revision", "status"])


def item_record_imported_approval(*, item, unit, actor: User, comment: str) -> Approval:
    """Mark an item approved by a workbook import, with the importer in the trail."""
    approval = approval_for(item=item, unit=unit)
    _save_one_import(approval, item, _import_approval(approval, item, actor, now()), comment)
    return approval


def item_record_imported_submission(*, item, unit, actor: User, comment: str) -> Approval:
    """Mark an item submitted by a workbook import: it waits at the chain's first step."""
    approval = approval_for(item=item, unit=unit)
    if approval.status == ItemStatus.SUBMITTED:
        return approval
    first = levels_for(unit=unit, chain=approval.chain)[0]
    move = _import_submission(approval, item, first, actor, now())
    _save_one_import(approval, item, move, comment)
    return approval


def _save_one_import(approval: Approval, item, move: Transition | None, comment: str) -> None:
    """One item's import move (from _import_submission / _import_approval), saved."""
    if move is None:
        return
    move.comment = comment
    move.save()
    approval.save(update_fields=[*_IMPORTED_FIELDS, "updated_at"])
    item.save(update_fields=["status"])


def items_record_imported(*, entries: list[tuple], actor: User, comment: str) -> None:
    """The bulk form of item_record_imported_submission / _approval, for a workbook import.

    `entries` holds (item, unit, target) with target ItemStatus.SUBMITTED or
    APPROVED. The moves and trail rows are those of calling, item by item,
    item_record_imported_submission when the item is neither submitted nor
    approved, then item_record_imported_approval when the target is approved
    and the item is not; but in a fixed number of queries per batch, plus a
    few per distinct unit (its chain and steps). The caller holds the items'
    row locks.
    """
    entries = [
        (item, unit, target)
        for item, unit, target in entries
        if item.status not in (ItemStatus.SUBMITTED, ItemStatus.APPROVED)
        or (target == ItemStatus.APPROVED and item.status != ItemStatus.APPROVED)
    ]
    if not entries:
        return
    approvals = _approvals_for_items([(item, unit) for item, unit, _ in entries])
    steps = _FirstSteps()
    moment = now()
    trail: list[Transition] = []
    changed: dict[tuple, Approval] = {}
    moved: dict[str, list] = {ItemStatus.SUBMITTED: [], ItemStatus.APPROVED: []}
    for item, unit, target in entries:
        key = _approval_key(item)
        approval, start = approvals[key], item.status
        moves = []
        if start not in (ItemStatus.SUBMITTED, ItemStatus.APPROVED):
            first = steps.first(unit, approval.chain)
            moves.append(_import_submission(approval, item, first, actor, moment))
        if target == ItemStatus.APPROVED and item.status != ItemStatus.APPROVED:
            moves.append(_import_approval(approval, item, actor, moment))
        moves = [m for m in moves if m is not None]
        if moves:
            trail.extend(moves)
            changed[key] = approval
        if item.status != start:
            moved[item.status].append(item)
    for transition in trail:
        transition.comment = comment
    _save_imported(list(approvals.values()), list(changed.values()), trail, moved)


# What an import move changes on an approval (_import_submission, _import_approval).
_IMPORTED_FIELDS = ["status", "current_level", "submitted_by", "submitted_at", "finished_at"]


def _approval_key(item) -> tuple:
    return (ContentType.objects.get_for_model(item).pk, item.pk, item.revision)


def _approvals_for_items(pairs: list[tuple]) -> dict[tuple, Approval]:
    """The Approval of each item's current revision: loaded, or new and unsaved (as
    approval_for would create it, with the chain of the item's unit)."""
    found: dict[tuple, Approval] = {}
    by_type: dict[int, list[int]] = {}
    for item, _ in pairs:
        by_type.setdefault(_approval_key(item)[0], []).append(item.pk)
    for type_id, ids in by_type.items():
        for start in range(0, len(ids), 5000):
            for approval in Approval.objects.filter(
                content_type_id=type_id, object_id__in=ids[start : start + 5000]
            ).select_related("chain", "current_level"):
                found[(type_id, approval.object_id, approval.revision)] = approval
    chains: dict[int, object] = {}
    for item, unit in pairs:
        if unit.pk not in chains:
            chains[unit.pk] = chain_for(unit)  # approval_for asks for it even when one exists
        key = _approval_key(item)
        if key not in found:
            found[key] = Approval(
                content_type_id=key[0],
                object_id=item.pk,
                revision=item.revision,
                unit=unit,
                chain=chains[unit.pk],
            )
    return found


class _FirstSteps:
    """levels_for(...)[0], asked once per unit and chain."""

    def __init__(self):
        self.cache: dict[tuple, object] = {}

    def first(self, unit, chain):
        key = (unit.pk, chain.pk)
        if key not in self.cache:
            self.cache[key] = levels_for(unit=unit, chain=chain)[0]
        return self.cache[key]


def _import_submission(approval, item, first, actor, moment) -> Transition | None:
    if approval.status == ItemStatus.SUBMITTED:
        return None
    move = Transition(
        approval=approval,
        action=Action.IMPORT,
        from_status=approval.status,
        to_status=ItemStatus.SUBMITTED,
        to_level=first,
        actor=actor,
    )
    approval.status, approval.current_level = ItemStatus.SUBMITTED, first
    approval.submitted_by, approval.submitted_at = actor, moment
    item.status = ItemStatus.SUBMITTED
    return move


def _import_approval(approval, item, actor, moment) -> Transition | None:
    if approval.status == ItemStatus.APPROVED:
        return None
    move = Transition(
        approval=approval,
        action=Action.IMPORT,
        from_status=approval.status,
        to_status=ItemStatus.APPROVED,
        from_level=approval.current_level,
        actor=actor,
    )
    approval.status, approval.current_level, approval.finished_at = (
        ItemStatus.APPROVED,
        None,
        moment,
    )
    item.status = ItemStatus.APPROVED
    return move


def _save_imported(approvals: list, changed: list, trail: list, moved: dict) -> None:
    """New approvals inserted, changed ones updated, the trail appended, statuses set."""
    existing = [a for a in changed if a.pk is not None]
    Approval.objects.bulk_create([a for a in approvals if a.pk is None], batch_size=2000)
    stamp = timezone.now()
    for approval in existing:
        approval.updated_at = stamp
    Approval.objects.bulk_update(existing, [*_IMPORTED_FIELDS, "updated_at"], batch_size=1000)
    Transition.objects.bulk_create(trail, batch_size=2000)
    for status, items in moved.items():
        for model in {type(item) for item in items}:
            ids = [item.pk for item in items if type(item) is model]
            for start in range(0, len(ids), 5000):
                model.objects.filter(pk__in=ids[start : start + 5000]).update(status=status)
