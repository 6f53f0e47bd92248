from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from approvals.models import ItemStatus
from orgs.models import ENTRY_ROLES, OrgUnit, User
from orgs.permissions import (
    Grant,
    can_view_unit,
    filter_by_units,
    roles_of,
    sees_everything,
    unit_scope_q,
)

from .models import Activity, PlanLevel, PlanNode, Project, ProjectRevision, ProjectTally


def projects_visible_to(user: User) -> QuerySet[Project]:
    """The projects of every unit the user's roles cover."""
    return filter_by_units(Project.objects.all(), user, field="owner_unit")


def project_count_for_grant(grant: Grant) -> int:
    """How many projects lie in the subtree one grant covers."""
    return Project.objects.filter(owner_unit__path__startswith=grant.unit_path).count()


def approved_project_count(*, fiscal_year: int) -> int:
    """The year's projects the chain approved to the end: approved now, or approved once
    and revised since (the approved revision still stands). One query."""
    approved_once = ProjectRevision.objects.filter(
        project=OuterRef("pk"), approved_at__isnull=False
    )
    return (
        Project.objects.filter(fiscal_year=fiscal_year)
        .filter(Q(status=ItemStatus.APPROVED) | Exists(approved_once))
        .count()
    )


def with_modules(queryset: QuerySet[Project]) -> QuerySet[Project]:
    """Projects with every M1–M5 row prefetched: a fixed number of queries."""
    return queryset.select_related("owner_unit", "created_by").prefetch_related(
        "plan_nodes__parent__parent",
        "level3_plans",
        "targets",
        "areas",
        Prefetch("activities", queryset=Activity.objects.prefetch_related("quarters")),
        "budget_sources",
        "spending_plan",
    )


def activity_tree(activities) -> list[tuple[Activity, str]]:
    """Activities as the M4 tree reads (1, 1.1, 1.2, 2, …): each followed by its
    sub-activities, with its number. The rows' own order (parent, position) puts
    sub-activities apart from their parent, and NULL parents sort differently by database."""
    children: dict = {}
    for activity in activities:
        children.setdefault(activity.parent_id, []).append(activity)
    ordered: list[tuple[Activity, str]] = []

    def walk(parent_id, prefix: str) -> None:
        for n, activity in enumerate(sorted(children.get(parent_id, []), key=_position), 1):
            number = f"{prefix}{n}"
            ordered.append((activity, number))
            walk(activity.pk, f"{number}.")

    walk(None, "")
    return ordered


def _position(activity: Activity) -> tuple[int, int]:
    return (activity.position, activity.pk)


def split_codes(text: str) -> list[str]:
    """Codes typed or pasted as `110401; 010201` (commas, spaces or new lines too)."""
    for separator in ",\n\t ":
        text = text.replace(separator, ";")
    return list(dict.fromkeys(code.strip() for code in text.split(";") if code.strip()))


def target_nodes_for_codes(codes: list[str]) -> tuple[list[PlanNode], list[str]]:
    """The Y1/Y2 target nodes with these codes, and the codes that match none."""
    found = {
        n.code: n
        for n in PlanNode.objects.filter(
            code__in=codes,
            level__in=[PlanLevel.MASTER_PLAN_TARGET, PlanLevel.SUB_PLAN_TARGET],
            is_active=True,
        )
    }
    return [found[c] for c in codes if c in found], [c for c in codes if c not in found]


SORTS = {
    "code": "code",
    "-code": "-code",
    "name": "name",
    "-name": "-name",
    "year": "fiscal_year",
    "-year": "-fiscal_year",
    "unit": "owner_unit__path",
    "-unit": "-owner_unit__path",
    "budget": "budget_total",
    "-budget": "-budget_total",
    "updated": "updated_at",
    "-updated": "-updated_at",
}


def creatable_units(user: User) -> QuerySet[OrgUnit]:
    """Units for which the user may enter projects and level-3 plans (staff or director
    roles)."""
    return filter_by_units(
        OrgUnit.objects.filter(is_active=True), user, field="", roles=ENTRY_ROLES
    )


def creates_anywhere(user: User) -> bool:
    """Whether the list pages offer "+ เพิ่ม": some creatable unit. A user without an
    entry role (most readers of the lists) is answered from their grants, without building
    a query (issue 20)."""
    if not sees_everything(user) and roles_of(user).isdisjoint(ENTRY_ROLES):
        return False
    return creatable_units(user).exists()


def _list_conditions(user: User, filters: dict) -> tuple[list[Q], list[Q]]:
    """The list's conditions in two parts: those a ProjectTally answers too (scope, unit,
    year, status and completeness: fields both models have), and those that look into a
    project (its words, its targets), which no tally counts."""
    counted = []
    unit = filters.get("unit")
    if not (unit and can_view_unit(user, unit)):
        # A chosen unit's subtree inside the user's scope needs no scope beside it.
        counted.append(unit_scope_q(user, field="owner_unit"))
    if year := filters.get("fiscal_year"):
        counted.append(Q(fiscal_year=year))
    if unit:
        counted.append(Q(owner_unit__path__startswith=unit.path))
    if status := filters.get("status"):
        counted.append(Q(status=status))
    if complete := filters.get("complete"):
        counted.append(Q(is_complete=complete == "yes"))
    searched = []
    if text := filters.get("q"):
        searched.append(Q(code__icontains=text) | Q(name__icontains=text))
    if target := filters.get("target"):
        # EXISTS rather than a join: a join needs DISTINCT, which sorts every matching
        # row before the page's 50 can be taken.
        searched.append(
            Exists(
                Project.plan_nodes.through.objects.filter(
                    project=OuterRef("pk"), plannode__code=target
                )
            )
        )
    return counted, searched


def project_list_rows(*, user: User, filters: dict, sort: str = "") -> QuerySet[Project]:
    """The list page's rows: visible projects, filtered (each with its budget_total). The
    conditions go to one filter(): each filter() copies the query, and this runs on every
    list page (issue 20)."""
    counted, searched = _list_conditions(user, filters)
    rows = Project.objects.filter(*counted, *searched).select_related("owner_unit")
    return rows.order_by(SORTS.get(sort, "-fiscal_year"), "code")


def project_list_count(*, user: User, filters: dict) -> int:
    """How many rows project_list_rows has. Without a search, added up from the tallies
    the database keeps (a row per unit, year, status and completeness, not a row per
    project); exact in the same transaction as any write, so never behind an approval."""
    counted, searched = _list_conditions(user, filters)
    if searched:
        return Project.objects.filter(*counted, *searched).count()
    tallies = ProjectTally.objects.filter(*counted)
    return tallies.aggregate(n=Coalesce(Sum("n"), 0))["n"]
