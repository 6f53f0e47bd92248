"""Reads of level-3 plans: what a user sees, the list, one plan's page, the
plans a project may name in M1, and whether the plan window is open."""

from datetime import date

from django.db.models import (
    BooleanField,
    Case,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from guardian.shortcuts import get_objects_for_user

from approvals.models import ItemStatus
from approvals.revisions import approved_once
from orgs.models import User
from orgs.permissions import sees_everything, unit_scope_q
from windows.models import Window, WindowKind
from windows.rules import entry_open

from ..models import Level3Indicator, Level3Plan, Level3PlanDocument, Project
from .permissions import VIEW_PERM


def plans_visible_to(user: User) -> QuerySet[Level3Plan]:
    """Plans of the units the user's roles cover, plans with a co-responsible unit
    they cover, and plans granted to the user one by one (guardian)."""
    if sees_everything(user):
        return Level3Plan.objects.all()
    granted = get_objects_for_user(
        user, VIEW_PERM, klass=Level3Plan, with_superuser=False, accept_global_perms=False
    )
    co_responsible = Level3Plan.objects.filter(unit_scope_q(user, field="co_units"))
    return Level3Plan.objects.filter(
        unit_scope_q(user, field="owner_unit")
        | Q(pk__in=co_responsible.values("pk"))
        | Q(pk__in=granted.values("pk"))
    )


def plan_list_rows(*, user: User, filters: dict) -> QuerySet[Level3Plan]:
    """The list page's (and the export's) rows: visible plans, filtered, by unit then year."""
    rows = plans_visible_to(user)
    if text := filters.get("q"):
        rows = rows.filter(name__icontains=text)
    if year := filters.get("year"):
        rows = rows.filter(start_year__lte=year, end_year__gte=year)
    if unit := filters.get("unit"):
        rows = rows.filter(
            Q(owner_unit__path__startswith=unit.path)
            | Q(pk__in=Level3Plan.objects.filter(co_units__path__startswith=unit.path).values("pk"))
        )
    if status := filters.get("status"):
        rows = rows.filter(status=status)
    if plan_type := filters.get("plan_type"):
        rows = rows.filter(plan_type=plan_type)
    return (
        rows.select_related("owner_unit")
        .prefetch_related("co_units", "plan_nodes")
        .annotate(
            indicator_count=_count(Level3Indicator.objects.filter(plan=OuterRef("pk"))),
            document_count=_count(Level3PlanDocument.objects.filter(plan=OuterRef("pk"))),
            project_count=_count(
                Project.level3_plans.through.objects.filter(level3plan=OuterRef("pk"))
            ),
        )
        .order_by("owner_unit__path", "-start_year", "name")
    )


def _count(rows: QuerySet) -> Coalesce:
    """A correlated COUNT(*) of `rows` (no join fan-out on the list's query)."""
    counted = rows.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted[:1]), Value(0), output_field=IntegerField())


def plan_with_everything(queryset: QuerySet[Level3Plan]) -> QuerySet[Level3Plan]:
    """Plans with their units, targets, indicators and documents: a fixed number of queries."""
    return queryset.select_related("owner_unit", "created_by").prefetch_related(
        "co_units",
        "plan_nodes__parent",
        Prefetch("indicators", queryset=Level3Indicator.objects.prefetch_related("targets")),
        "documents__uploaded_by",
    )


def linked_projects(*, plan: Level3Plan, user: User) -> QuerySet[Project]:
    """The projects that name the plan in M1, each with its latest reported M6
    progress (submitted or approved) and whether the user may open it: one query.
    The reports are read through the reverse relation `Project.reports`: `reporting`
    stands above `projects`, which never imports it."""
    QuarterlyReport = Project._meta.get_field("reports").related_model
    scope = unit_scope_q(user, field="owner_unit")
    may_open = (
        Case(When(scope, then=Value(True)), default=Value(False), output_field=BooleanField())
        if scope  # an empty Q (whoever sees everything) cannot be a When() condition
        else Value(True)
    )
    latest = QuarterlyReport.objects.filter(
        project=OuterRef("pk"),
        status__in=[ItemStatus.SUBMITTED, ItemStatus.APPROVED],
        progress_percent__isnull=False,
    ).order_by("-fiscal_year", "-quarter")
    return (
        plan.projects.select_related("owner_unit")
        .annotate(
            latest_progress=Subquery(latest.values("progress_percent")[:1]),
            latest_year=Subquery(latest.values("fiscal_year")[:1]),
            latest_quarter=Subquery(latest.values("quarter")[:1]),
            may_open=may_open,
        )
        .order_by("-fiscal_year", "code")
    )


def level3_plans_for_project(*, project: Project) -> QuerySet[Level3Plan]:
    """The plans a project may name in M1: approved plans whose period covers the
    project's fiscal year, owned by the project's unit or a unit above it or shared
    with one of them as co-responsible; plus the plans it already names."""
    units = project.owner_unit.ancestor_ids
    year = project.fiscal_year
    eligible = Level3Plan.objects.filter(
        Q(owner_unit_id__in=units) | Q(co_units__in=units),
        approved_once(),
        start_year__lte=year,
        end_year__gte=year,
    )
    already = project.level3_plans.values("pk") if project.pk else Level3Plan.objects.none()
    return Level3Plan.objects.filter(Q(pk__in=eligible.values("pk")) | Q(pk__in=already)).order_by(
        "name"
    )


def level3_window_problem(*, plan: Level3Plan, on: date) -> str:
    """Why the plan cannot be submitted today ("" when a level-3 plan window is open
    for its unit); the equivalent of windows.rules.entry_window_problem."""

    windows = (
        Window.objects.filter(kind=WindowKind.LEVEL3_PLAN, opens_on__lte=on)
        .filter(Q(units__isnull=True) | Q(units__in=plan.owner_unit.ancestor_ids))
        .distinct()
    )
    if any(entry_open(window=w, unit=plan.owner_unit, on=on, item=plan) for w in windows):
        return ""
    return (
        "ไม่อยู่ในรอบนำเข้าแผนระดับที่ ๓ (ยังไม่เปิดหรือปิดรอบแล้ว) บันทึกร่างไว้ได้ "
        "และส่งได้เมื่อเปิดรอบหรือได้รับการขยายเวลาจากกลุ่ม ป.ย.ป."
    )
