"""Reads of the portal: published projects, frozen rounds, and the years they cover.

Only `PublishedProject` rows (last approved revisions) and `RoundSnapshot` rows
(frozen rounds) are read; nothing here touches a live project or report.
"""

from django.db.models import Max, Q, QuerySet

from orgs.models import OrgUnit, UnitKind
from reporting.models import RoundSnapshot

from .models import PublishedProject


def published_projects(*, filters: dict | None = None) -> QuerySet[PublishedProject]:
    """Published projects with their unit, filtered by text, fiscal year, unit (with its
    subtree) and M1 target code, in year and code order."""
    filters = filters or {}
    rows = PublishedProject.objects.select_related("unit")
    if text := filters.get("q"):
        rows = rows.filter(Q(code__icontains=text) | Q(name__icontains=text))
    if year := filters.get("fiscal_year"):
        rows = rows.filter(fiscal_year=year)
    if unit := filters.get("unit"):
        rows = rows.filter(unit__path__startswith=unit.path)
    if target := filters.get("target"):
        rows = rows.filter(target_codes__contains=f" {target} ")
    return rows.order_by("-fiscal_year", "code")


def published_years() -> list[int]:
    """Fiscal years with published projects, latest first."""
    return list(
        PublishedProject.objects.order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
        .distinct()
    )


def filter_units() -> QuerySet[OrgUnit]:
    """The units a visitor may filter by: the ministry, its clusters and departments."""
    kinds = [UnitKind.MINISTRY, UnitKind.CLUSTER, UnitKind.DEPARTMENT]
    return OrgUnit.objects.filter(kind__in=kinds, is_active=True).order_by("path")


def frozen_rounds() -> QuerySet[RoundSnapshot]:
    """Every frozen round, latest first, without its figures."""
    return RoundSnapshot.objects.order_by("-fiscal_year", "-quarter").only(
        "fiscal_year", "quarter", "taken_at"
    )


def frozen_round_figures(*, fiscal_year: int | None = None):
    """Frozen rounds with their figures, oldest first, one at a time (downloads)."""
    rows = RoundSnapshot.objects.order_by("fiscal_year", "quarter")
    if fiscal_year:
        rows = rows.filter(fiscal_year=fiscal_year)
    return rows.iterator(chunk_size=20)


def frozen_round(*, fiscal_year: int, quarter: int) -> RoundSnapshot | None:
    return RoundSnapshot.objects.filter(fiscal_year=fiscal_year, quarter=quarter).first()


def last_changes() -> dict:
    """When each dataset last changed (the catalogue's `modified`)."""
    return {
        "projects": PublishedProject.objects.aggregate(m=Max("approved_at"))["m"],
        "rounds": RoundSnapshot.objects.aggregate(m=Max("taken_at"))["m"],
    }
