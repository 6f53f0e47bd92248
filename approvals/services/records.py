"""Approval records made outside the chain's own moves: revisions and imports."""

from django.contrib.contenttypes.models import ContentType

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
    if approval.status == ItemStatus.APPROVED:
        return approval
    moment = now()
    Transition.objects.create(
        approval=approval,
        action=Action.IMPORT,
        from_status=approval.status,
        to_status=ItemStatus.APPROVED,
        from_level=approval.current_level,
        actor=actor,
        comment=comment,
    )
    approval.status, approval.current_level, approval.finished_at = (
        ItemStatus.APPROVED,
        None,
        moment,
    )
    approval.save(update_fields=["status", "current_level", "finished_at", "updated_at"])
    item.status = ItemStatus.APPROVED
    item.save(update_fields=["status"])
    return approval


def item_record_imported_submission(*, item, unit, actor: User, comment: str) -> Approval:
    """Mark an item submitted by a workbook import: it waits at the chain's first step."""
    approval = approval_for(item=item, unit=unit)
    if approval.status == ItemStatus.SUBMITTED:
        return approval
    first = levels_for(unit=unit, chain=approval.chain)[0]
    moment = now()
    Transition.objects.create(
        approval=approval,
        action=Action.IMPORT,
        from_status=approval.status,
        to_status=ItemStatus.SUBMITTED,
        to_level=first,
        actor=actor,
        comment=comment,
    )
    approval.status, approval.current_level = ItemStatus.SUBMITTED, first
    approval.submitted_by, approval.submitted_at = actor, moment
    approval.save(
        update_fields=["status", "current_level", "submitted_by", "submitted_at", "updated_at"]
    )
    item.status = ItemStatus.SUBMITTED
    item.save(update_fields=["status"])
    return approval
