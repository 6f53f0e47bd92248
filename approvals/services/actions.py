"""One move on one item, named as the item page's buttons and the API name it.

The page (approvals.views) and the API (approvals.api.views) parse their input
into these arguments and call `item_act`; the engine decides and refuses with
its typed refusals (approvals.services.errors).
"""

from django.core.exceptions import ValidationError

from orgs.models import User

from ..models import Action, ItemStatus, Transition
from .transitions import item_approve, item_return, item_submit, item_withdraw

# The moves a user asks for by name; at the ป.ย.ป. step "approve" is the check.
ACTIONS = (Action.SUBMIT, Action.WITHDRAW, Action.APPROVE, Action.RETURN)
UNKNOWN = "ไม่รู้จักการดำเนินการนี้"
DONE = {
    Action.SUBMIT: "ส่งขออนุมัติแล้ว",
    Action.WITHDRAW: "ดึงรายการกลับเป็นร่างแล้ว",
    Action.RETURN: "ส่งกลับแก้ไขแล้ว",
}


def item_act(
    *,
    item,
    action: str,
    actor: User,
    comment: str = "",
    checklist: dict | None = None,
    expected_level_id: int | None = None,
) -> Transition:
    """Make the move named `action` on `item` through the engine.

    `comment` is the note of a submission or an approval, and the reason of a
    return; `checklist` and `expected_level_id` (the step the user saw) apply
    to the approver's moves.
    """
    if action == Action.SUBMIT:
        return item_submit(item=item, actor=actor, comment=comment)
    if action == Action.WITHDRAW:
        return item_withdraw(item=item, actor=actor)
    if action == Action.APPROVE:
        return item_approve(
            item=item,
            actor=actor,
            comment=comment,
            checklist=checklist,
            expected_level_id=expected_level_id,
        )
    if action == Action.RETURN:
        return item_return(
            item=item, actor=actor, reason=comment, expected_level_id=expected_level_id
        )
    raise ValidationError(UNKNOWN)


def done_message(transition: Transition) -> str:
    """What the user is told after a move: a check passes and goes on, an approval goes
    on to the next step, the last approval finishes the chain."""
    if transition.to_status == ItemStatus.APPROVED:
        return "อนุมัติครบทุกขั้นแล้ว"
    if transition.action in (Action.CHECK, Action.APPROVE):
        done = "ตรวจสอบผ่านแล้ว" if transition.action == Action.CHECK else "อนุมัติแล้ว"
        return f"{done} ส่งต่อ {transition.to_level.name_th}"
    return DONE.get(transition.action, "บันทึกแล้ว")
