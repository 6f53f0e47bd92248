"""The one edit guard of every editable item, and the frozen copies it keeps.

Approved means approved (DESIGN.md section 6): an item waiting in the chain
cannot be changed; an approved item is never changed in place: its approved
content is frozen (`ItemRevision`, or the kind's own store), and the change
goes into revision n+1, a draft that must climb the chain again. Pages, the
API and the workbook import all call this before they write an item.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import F

from core.clock import now
from orgs.models import User

from ..items import kind_of
from ..models import Approval, ItemRevision, ItemStatus
from .errors import ItemInChain

IN_CHAIN = "{item} อยู่ระหว่างการอนุมัติ แก้ไขไม่ได้จนกว่าจะถูกส่งกลับหรือดึงกลับ"


def item_guard_edit(*, item, actor: User) -> bool:
    """Make the locked `item` safe to change; True when it opened a new revision."""
    return bool(items_guard_edit(items=[item], actor=actor))


def items_guard_edit(*, items: list, actor: User) -> list:
    """`items_guard_edit` for many locked items at once (the workbook import).

    Refuses them all if any waits in the chain; for each approved one,
    freezes its approved content and opens the next revision as a draft.
    Returns the items that opened a revision (their `revision` and `status`
    updated in memory too).
    """
    waiting = [item for item in items if item.status == ItemStatus.SUBMITTED]
    if waiting:
        raise ItemInChain([IN_CHAIN.format(item=kind_of(i).describe(i)) for i in waiting[:20]])
    approved = [item for item in items if item.status == ItemStatus.APPROVED]
    by_model = defaultdict(list)
    for item in approved:
        by_model[type(item)].append(item)
    for model, group in by_model.items():
        kind_of(model).freeze(group, actor)
        model.objects.filter(pk__in=[i.pk for i in group]).update(
            revision=F("revision") + 1, status=ItemStatus.DRAFT
        )
        for item in group:
            item.revision, item.status = item.revision + 1, ItemStatus.DRAFT
    return approved


def approval_moments(*, items: list) -> dict:
    """When each item's current revision was finally approved (now, when unrecorded:
    an item marked approved outside the engine, as old data and factories do)."""
    if not items:
        return {}
    revisions = {item.pk: item.revision for item in items}
    found = {
        object_id: finished
        for object_id, revision, finished in Approval.objects.filter(
            content_type=ContentType.objects.get_for_model(type(items[0])),
            object_id__in=list(revisions),
            finished_at__isnull=False,
        ).values_list("object_id", "revision", "finished_at")
        if revisions[object_id] == revision
    }
    moment = now()
    return {pk: found.get(pk, moment) for pk in revisions}


def items_freeze(*, items: list, contents: dict[int, dict], actor: User | None) -> None:
    """Store each item's current revision as JSON (once: a revision frozen before stays).

    `contents` maps item pk to its labelled content (the kind's `content`).
    """
    if not items:
        return
    content_type = ContentType.objects.get_for_model(type(items[0]))
    frozen = set(
        ItemRevision.objects.filter(
            content_type=content_type, object_id__in=[i.pk for i in items]
        ).values_list("object_id", "number")
    )
    approved_at = approval_moments(items=items)
    ItemRevision.objects.bulk_create(
        ItemRevision(
            content_type=content_type,
            object_id=item.pk,
            number=item.revision,
            content=contents[item.pk],
            approved_at=approved_at.get(item.pk),
            created_by=actor,
        )
        for item in items
        if (item.pk, item.revision) not in frozen
    )
