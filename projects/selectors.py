from django.db.models import Prefetch, QuerySet

from orgs.models import User
from orgs.permissions import Grant, filter_by_units

from .models import Activity, PlanLevel, PlanNode, Project


def projects_visible_to(user: User) -> QuerySet[Project]:
    """The projects of every unit the user's roles cover."""
    return filter_by_units(Project.objects.all(), user, field="owner_unit")


def project_count_for_grant(grant: Grant) -> int:
    """How many projects lie in the subtree one grant covers."""
    return Project.objects.filter(owner_unit__path__startswith=grant.unit_path).count()


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
            code__in=codes, level__in=[PlanLevel.MASTER_PLAN_TARGET, PlanLevel.SUB_PLAN_TARGET],
            is_active=True,
        )
    }
    return [found[c] for c in codes if c in found], [c for c in codes if c not in found]
