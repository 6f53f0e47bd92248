from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import Count, Q, QuerySet

from orgs.models import Delegation, OrgUnit, Role, RoleAssignment, User
from orgs.permissions import Grant, can, grant_over, grants_for

from .items import kind_of, kinds
from .models import Action, Approval, Chain, ChainLevel, ItemStatus, Transition


def _waiting_q(grant: Grant) -> Q:
    return Q(current_level__role=grant.role, unit__path__startswith=grant.unit_path)


def approvals_waiting_for(user: User) -> QuerySet[Approval]:
    """Submitted items whose current step is one of the user's roles over their unit."""
    q = Q()
    for grant in grants_for(user):
        q |= _waiting_q(grant)
    if not q:
        return Approval.objects.none()
    return Approval.objects.filter(q, status=ItemStatus.SUBMITTED)


def waiting_count_for_grant(grant: Grant) -> int:
    return Approval.objects.filter(_waiting_q(grant), status=ItemStatus.SUBMITTED).count()


def trail_for(item) -> list[Transition]:
    """Every transition of every revision of an item, oldest first (two queries)."""
    return list(
        Transition.objects.filter(
            approval__content_type=ContentType.objects.get_for_model(item),
            approval__object_id=item.pk,
        )
        .select_related("approval", "actor", "acting_for", "from_level", "to_level")
        .order_by("created_at", "pk")
    )


def last_return(item) -> Transition | None:
    """Why the item is "returned": the newest RETURN of its current revision, with who
    returned it and at which step (one query; None when the item is not returned)."""
    if item.status != ItemStatus.RETURNED:
        return None
    return (
        Transition.objects.filter(
            approval__content_type=ContentType.objects.get_for_model(item),
            approval__object_id=item.pk,
            approval__revision=item.revision,
            action=Action.RETURN,
        )
        .select_related("actor", "acting_for", "from_level")
        .order_by("-created_at", "-pk")
        .first()
    )


@dataclass(frozen=True)
class Step:
    name: str
    holders: list[str]
    state: str  # "done", "current" or "todo"


def next_steps(item) -> list[Step]:
    """Who acts on the item, in order, and where it stands now (a few queries)."""
    unit = item.owner_unit
    levels = levels_for(unit=unit)
    holders: dict[str, list[str]] = {}
    assignments = (
        RoleAssignment.objects.active()
        .filter(
            unit_id__in=unit.ancestor_ids,
            role__in=[Role.STAFF] + [level.role for level in levels],
        )
        .select_related("user")
    )
    for assignment in assignments:
        holders.setdefault(assignment.role, []).append(str(assignment.user))
    current = _current_level_index(item, levels)
    drafting = item.status in (ItemStatus.DRAFT, ItemStatus.RETURNED)
    steps = [
        Step(
            "เจ้าหน้าที่กรอกข้อมูลและส่งขออนุมัติ",
            holders.get(Role.STAFF, []),
            "current" if drafting else "done",
        )
    ]
    for index, level in enumerate(levels):
        if item.status == ItemStatus.APPROVED or (current is not None and index < current):
            state = "done"
        else:
            state = "current" if index == current else "todo"
        steps.append(Step(level.name_th, holders.get(level.role, []), state))
    return steps


def _current_level_index(item, levels) -> int | None:
    if item.status != ItemStatus.SUBMITTED:
        return None
    approval = Approval.objects.filter(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        revision=item.revision,
    ).first()
    ids = [level.pk for level in levels]
    return (
        ids.index(approval.current_level_id)
        if approval and approval.current_level_id in ids
        else None
    )


def chain_for(unit) -> Chain:
    """The approval chain of the ministry the unit belongs to."""
    root = unit.ancestors().filter(parent__isnull=True).first()
    chain = Chain.objects.filter(root_unit=root).first()
    if chain is None:
        raise ValueError(f"ไม่มีสายการอนุมัติสำหรับ {root}")
    return chain


def levels_for(*, unit, chain: Chain | None = None) -> list[ChainLevel]:
    """The chain's steps that apply to items of `unit`, in order (applicable_levels)."""
    chain = chain or chain_for(unit)
    ancestors = list(unit.ancestors())
    return applicable_levels(
        chain.levels.prefetch_related("skip_for_units").order_by("order"),
        ancestor_ids={a.pk for a in ancestors},
        ancestor_kinds={a.kind for a in ancestors},
    )


def applicable_levels(
    chain_levels: Iterable[ChainLevel], *, ancestor_ids: set[int], ancestor_kinds: set[str]
) -> list[ChainLevel]:
    """The one rule of which steps apply, on data loaded for one unit or many.

    A step applies when the unit lies under a unit of the step's
    `approver_unit_kind` and not under one of its `skip_for_units`
    (`ancestor_*` include the unit itself; `skip_for_units` prefetched).
    """
    return [
        level
        for level in chain_levels
        if (not level.approver_unit_kind or level.approver_unit_kind in ancestor_kinds)
        and not ancestor_ids & {u.pk for u in level.skip_for_units.all()}
    ]


def levels_by_unit(pairs: Iterable[tuple[OrgUnit, int]]) -> dict[tuple[int, int], list]:
    """levels_for of many (unit, chain id) pairs, keyed by (unit id, chain id): the same
    answer from two queries, whatever the number of pairs (bulk approval, imports)."""
    pairs = list(pairs)
    levels = list(
        ChainLevel.objects.filter(chain_id__in={chain_id for _, chain_id in pairs})
        .prefetch_related("skip_for_units")
        .order_by("order")
    )
    ids = {unit.pk: set(unit.ancestor_ids) for unit, _ in pairs}
    kinds_of = dict(
        OrgUnit.objects.filter(pk__in=set().union(*ids.values())).values_list("pk", "kind")
    )
    return {
        (unit.pk, chain_id): applicable_levels(
            [level for level in levels if level.chain_id == chain_id],
            ancestor_ids=ids[unit.pk],
            ancestor_kinds={kinds_of[i] for i in ids[unit.pk]},
        )
        for unit, chain_id in pairs
    }


def holders_by_level(pairs: list[tuple]) -> dict[tuple[int, int], list[int]]:
    """User ids who may act at each (level, unit): holders of the level's role
    over the unit, and whoever acts for them today. Two queries in all."""
    pairs = [(level, unit) for level, unit in pairs if level is not None]
    if not pairs:
        return {}
    ancestor_ids = set().union(*(unit.ancestor_ids for _, unit in pairs))
    assignments = list(
        RoleAssignment.objects.active()
        .filter(
            role__in={level.role for level, _ in pairs},
            unit_id__in=ancestor_ids,
            user__is_active=True,
        )
        .select_related("unit")
    )
    delegates: dict[int, list[int]] = {}
    for d in Delegation.objects.active().filter(
        assignment__in=assignments, delegate__is_active=True
    ):
        delegates.setdefault(d.assignment_id, []).append(d.delegate_id)
    result: dict[tuple[int, int], list[int]] = {}
    for level, unit in pairs:
        users = []
        for a in assignments:
            if a.role == level.role and unit.path.startswith(a.unit.path):
                users += [a.user_id] + delegates.get(a.pk, [])
        result[(level.pk, unit.pk)] = sorted(set(users))
    return result


@dataclass(frozen=True)
class ItemActions:
    approval: Approval | None
    can_submit: bool
    can_withdraw: bool
    can_decide: bool  # approve / check / return at the current step
    is_check: bool


def actions_for(user: User, item) -> ItemActions:
    """What `user` may do to `item` now (the page shows only these buttons)."""
    kind = kind_of(item)
    unit = kind.unit_of(item)
    approval = (
        Approval.objects.filter(
            content_type=ContentType.objects.get_for_model(kind.model),
            object_id=item.pk,
            revision=item.revision,
        )
        .select_related("current_level", "unit", "chain")
        .first()
    )
    may_edit = can(user, f"{kind.model._meta.model_name}.edit", item)
    level = approval.current_level if approval and item.status == ItemStatus.SUBMITTED else None
    # The engine's own rules (may_withdraw, withdrawable), so no button offers a refused move.
    can_withdraw = bool(
        level is not None
        and may_withdraw(user, approval, approval.unit)
        and withdrawable(
            approval,
            levels_for(unit=approval.unit, chain=approval.chain),
            last_action_of(approval),
        )
    )
    return ItemActions(
        approval=approval,
        can_submit=may_edit and item.status in (ItemStatus.DRAFT, ItemStatus.RETURNED),
        can_withdraw=can_withdraw,
        can_decide=level is not None and grant_over(user, unit, roles=[level.role]) is not None,
        is_check=bool(level and level.is_check),
    )


def may_withdraw(user: User, approval: Approval, unit) -> bool:
    """Withdrawing is the sender's: whoever submitted, or the unit's staff."""
    return (
        approval.submitted_by_id == user.pk
        or grant_over(user, unit, roles=[Role.STAFF]) is not None
    )


def withdrawable(approval: Approval, levels: list[ChainLevel], last_action: str | None) -> bool:
    """Nobody has acted since the item was sent: it waits at its first step and the
    last row of its trail is the submission."""
    return (
        approval.status == ItemStatus.SUBMITTED
        and bool(levels)
        and approval.current_level_id == levels[0].pk
        and last_action == Action.SUBMIT
    )


def last_action_of(approval: Approval) -> str | None:
    """The action of the approval's newest trail row (one query)."""
    return (
        approval.transitions.order_by("-created_at", "-pk").values_list("action", flat=True).first()
    )


def inbox_rows(user: User, *, filters: dict) -> QuerySet[Approval]:
    """What waits for the user, filtered; items prefetched (one query per item type)."""
    rows = approvals_waiting_for(user)
    if unit := filters.get("unit"):
        rows = rows.filter(unit__path__startswith=unit.path)
    if content_type := filters.get("kind"):
        rows = rows.filter(content_type=content_type)
    if window := filters.get("window"):
        rows = rows.filter(window=window)
    return (
        rows.select_related("unit", "current_level", "window", "content_type", "submitted_by")
        .prefetch_related(items_with_their_units())
        .order_by("window__chain_deadline", "unit__path", "pk")
    )


def items_with_their_units():
    """Prefetch each approval's item with the path to its unit (a report's project, a
    plan's unit), so describing items in a list costs one query per item type."""
    return GenericPrefetch(
        "item", [kind.model.objects.select_related(kind.unit_path) for kind in kinds()]
    )


def inbox_groups(rows: QuerySet[Approval]) -> list[dict]:
    """Counts by window, unit and item type (one aggregate query)."""
    return list(
        rows.order_by()
        .values(
            "window__name", "window__chain_deadline", "unit__name_th", "unit__abbr", "content_type"
        )
        .annotate(count=Count("pk"))
        .order_by("window__chain_deadline", "unit__name_th")
    )
