"""Approval records made outside the chain's own moves: imports.

An import records a status decided outside the system (a workbook, the demo
data). Its moves are planned by the engine's planner (`plan_import`: the
ALLOWED_FROM table, forward only) and written as the engine writes them
(`step_record`, `items_write_status`: an imported approval freezes the item and
runs its kind's on_approved hook like any other), in bulk; a move the table
refuses raises MoveNotAllowed and nothing is recorded.
"""

from django.contrib.contenttypes.models import ContentType

from core.bulk import update_in_groups
from core.clock import now
from orgs.models import User

from ..items import kind_of
from ..models import Approval, ItemStatus, Transition
from ..selectors import chain_for, levels_by_unit
from .errors import MoveNotAllowed, Refusal
from .planning import passes, plan_import, step_record
from .transitions import items_mark_passed, items_write_status

IMPORT_REFUSED = "นำเข้าไม่ได้ ไม่มีรายการใดถูกบันทึก:"


def approval_for(*, item, unit) -> Approval:
    """The Approval row of the item's current revision (made on first use)."""
    approval, _ = Approval.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        revision=item.revision,
        defaults={"unit": unit, "chain": chain_for(unit)},
    )
    return approval


def item_record_imported_approval(*, item, unit, actor: User, comment: str) -> Approval:
    """Record an item approved by an import (through the chain's first step when it is a
    draft), with the importer in the trail. Refuses an item already approved."""
    return _record_one(item, unit, ItemStatus.APPROVED, actor, comment)


def item_record_imported_submission(*, item, unit, actor: User, comment: str) -> Approval:
    """Record an item submitted by an import: it waits at the chain's first step.
    Refuses an item that is not a draft (or returned)."""
    return _record_one(item, unit, ItemStatus.SUBMITTED, actor, comment)


def _record_one(item, unit, target: str, actor: User, comment: str) -> Approval:
    approvals = _record_imports([(item, unit, target)], actor, comment)
    return approvals[_approval_key(item)]


def items_record_imported(*, entries: list[tuple], actor: User, comment: str) -> None:
    """Record many imported statuses at once (a workbook import); all or nothing.

    `entries` holds (item, unit, target) with target ItemStatus.SUBMITTED or
    APPROVED, or (item, unit, target, moment) for a status decided at a known moment
    (a past round's trail: the trail and the approval then tell that moment, not now).
    Each item's moves are those of item_record_imported_submission or
    _approval (plan_import): a draft goes to the chain's first step, then, for
    APPROVED, to approved. Every entry must move forward from its revision's
    status, or MoveNotAllowed lists those that do not and nothing is saved.
    Queries: a fixed number per batch, plus a few per distinct unit (its chain).
    The caller holds the items' row locks.
    """
    if entries:
        _record_imports(entries, actor, comment)


def _record_imports(entries: list[tuple], actor: User, comment: str) -> dict[tuple, Approval]:
    approvals = _approvals_for_items([(item, unit) for item, unit, *_ in entries])
    levels = levels_by_unit((a.unit, a.chain_id) for a in approvals.values())
    planned, problems = [], []
    for item, _, target, *moment in entries:
        approval = approvals[_approval_key(item)]
        try:
            steps = plan_import(
                approval=approval,
                levels=levels[(approval.unit_id, approval.chain_id)],
                target=target,
            )
        except Refusal as refusal:
            problems.append((item, refusal))
        else:
            planned.append((item, approval, steps, moment[0] if moment else None))
    if len(entries) == 1 and problems:
        raise problems[0][1]
    if problems:
        lines = [f"{item}: {' '.join(refusal.messages)}" for item, refusal in problems[:20]]
        raise MoveNotAllowed([IMPORT_REFUSED, *lines])
    _save_imported(planned, list(approvals.values()), actor, comment)
    return approvals


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
            ).select_related("chain", "current_level", "unit"):
                found[(type_id, approval.object_id, approval.revision)] = approval
    chains: dict[int, object] = {}
    windows = _windows_of([item for item, _ in pairs if _approval_key(item) not in found])
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
                window=windows.get((key[0], item.pk)),
            )
    return found


def _windows_of(items: list) -> dict[tuple, object]:
    """(content type id, pk) → the item's window, asked of each kind once for all its items."""
    by_model: dict[type, list] = {}
    for item in items:
        by_model.setdefault(type(item), []).append(item)
    windows = {}
    for model, group in by_model.items():
        type_id = ContentType.objects.get_for_model(model).pk
        for pk, window in kind_of(model).windows_of(group).items():
            windows[(type_id, pk)] = window
    return windows


def _save_imported(planned: list[tuple], approvals: list, actor: User, comment: str) -> None:
    """The planned steps applied: new approvals inserted, changed ones updated, the trail
    appended, the items' statuses set and, for those approved, the kind's on_approved
    hook run as the engine runs it (one query per batch of each)."""
    moment, trail, fields, passed = now(), [], set(), []
    moved: dict[tuple, list[int]] = {}
    for item, approval, steps, at in planned:
        for step in steps:
            transition, changed = step_record(
                approval=approval, step=step, actor=actor, comment=comment, moment=at or moment
            )
            trail.append(transition)
            fields.update(changed)
            if passes(step):
                passed.append((type(item), item.pk, at or moment))
        item.status = approval.status
        moved.setdefault((type(item), item.status), []).append(item.pk)
    existing = [approval for _, approval, *_ in planned if approval.pk is not None]
    Approval.objects.bulk_create([a for a in approvals if a.pk is None], batch_size=2000)
    update_in_groups(existing, sorted(fields))
    Transition.objects.bulk_create(trail, batch_size=2000)
    items_write_status(moved=moved, actor=actor)
    items_mark_passed(passed)
